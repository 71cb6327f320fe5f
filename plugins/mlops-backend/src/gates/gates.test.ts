import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  MlopsTestBackend,
  PermissionDecisions,
  startMlopsBackend,
  useMlopsBackend,
} from '../__testUtils__/testBackend';
import {
  createGateConditionalDecision,
  gateConditions,
} from './permissionRules';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const sponsor = 'user:default/maria-silva';
const owner = 'user:default/ana-kovac'; // member of retention-analytics
const operator = 'user:default/olga-berg'; // member of platform-operations
const outsider = 'user:default/tomas-novak'; // member of nothing that signs
const riskOfficer = 'user:default/amara-osei'; // member of model-risk

const claims: Record<string, string[]> = {
  [sponsor]: [sponsor, 'group:default/retention-marketing'],
  [owner]: [owner, 'group:default/retention-analytics'],
  [operator]: [operator, 'group:default/platform-operations'],
  [outsider]: [outsider, 'group:default/customer-analytics'],
  [riskOfficer]: [riskOfficer, 'group:default/model-risk'],
};

function useCaseEntity(): Entity {
  return {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLUseCase',
    metadata: {
      name: 'churn-prevention',
      namespace: 'default',
      title: 'Churn prevention',
    },
    spec: {
      owner: 'group:default/retention-analytics',
      sponsor,
      lifecycle: 'production',
      businessDrivers: [
        {
          driver: 'Keep subscribers',
          kpi: 'Monthly churn rate',
          baseline: 2.8,
          target: 2.2,
          unit: '%',
        },
      ],
      acceptanceCriteria: [
        { metric: 'recall', operator: '>=', threshold: 0.7, category: 'model' },
        {
          metric: 'p95-latency-ms',
          operator: '<=',
          threshold: 120,
          category: 'operational',
        },
      ],
      explainability: {
        required: true,
        audience: 'Save-desk agents',
        approach: 'Top-5 SHAP reasons',
      },
      risk: {
        tier: 'limited',
        personalData: true,
        ethicalConsiderations: ['Offers must not depend on age'],
      },
      governance: { reviewCadence: 'P3M', policies: ['model-risk-policy-v2'] },
    },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/retention-analytics' },
    ],
  };
}

function productionModel(): Entity {
  return {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'churn-gbm', namespace: 'default' },
    spec: {
      owner: 'group:default/retention-analytics',
      useCase: 'mlusecase:default/churn-prevention',
      lifecycle: 'production',
      type: 'classification',
      version: '3.2.0',
      metrics: [{ name: 'recall', value: 0.76 }],
    },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/retention-analytics' },
    ],
  };
}

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

/** The demo policy's shape: gate decisions conditional on the caller's claims, the rest allowed. */
const permissions: PermissionDecisions = {
  authorize: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async (requests, options) =>
    requests.map(({ permission }) => {
      if (permission.name !== 'mlops.gate.decide') {
        return { result: AuthorizeResult.ALLOW };
      }
      const principal = options.credentials.principal as {
        userEntityRef?: string;
      };
      const userClaims = claims[principal.userEntityRef ?? ''] ?? [];
      return createGateConditionalDecision(permission as any, {
        anyOf: [
          gateConditions.isEntitySponsor({ claims: userClaims }),
          gateConditions.isEntityOwner({ claims: userClaims }),
          gateConditions.isSignOffGroupMember({ claims: userClaims }),
        ],
      });
    }) as any,
};

const userInfo = mockServices.userInfo.mock({
  getUserInfo: async credentials => {
    const ref = (credentials.principal as any).userEntityRef;
    return {
      userEntityRef: ref,
      ownershipEntityRefs: claims[ref] ?? [ref],
    };
  },
});

const catalog = () => [
  useCaseEntity(),
  productionModel(),
  group('retention-analytics'),
  group('platform-operations'),
  group('model-risk'),
];

const maturity = {
  schedule: {
    frequency: { minutes: 30 },
    timeout: { minutes: 1 },
    initialDelay: { minutes: 30 },
  },
};

describe.each(databases.eachSupportedId())('stage gates on %s', databaseId => {
  const backend = useMlopsBackend(databases, databaseId, {
    mlops: {
      gates: { operationsGroup: 'group:default/platform-operations' },
      maturity,
    },
    entities: catalog,
    permissions,
    features: [userInfo.factory],
  });

  /**
   * The file's backend, or with other gates configuration a backend of its
   * own, and the requests the tests make.
   */
  async function start(gates?: object) {
    let t: MlopsTestBackend = backend;
    let entities = backend.entities;
    if (gates) {
      entities = catalog();
      t = await startMlopsBackend({
        knex: await databases.init(databaseId),
        mlops: { gates, maturity },
        entities,
        permissions,
        features: [userInfo.factory],
      });
    }
    const { server, logger, actionsRegistry, knex, sent } = t;
    const as = (user: string) => mockCredentials.user.header(user);
    const path = '/api/mlops/gates/mlusecase/default/churn-prevention';
    const getGates = async (user = outsider) =>
      (await request(server).get(path).set('Authorization', as(user))).body;
    const decide = (user: string, stage: string, body: object) =>
      request(server)
        .post(`${path}/${stage}/decisions`)
        .set('Authorization', as(user))
        .send(body);
    const attest = (user: string, body: object) =>
      request(server)
        .post(`${path}/strategy/attestations`)
        .set('Authorization', as(user))
        .send(body);
    const auditRows = async () =>
      Number((await knex('mlops_gate_events').count({ n: '*' }))[0].n);
    return {
      server,
      logger,
      actionsRegistry,
      knex,
      entities,
      sent,
      as,
      path,
      getGates,
      decide,
      attest,
      auditRows,
    };
  }

  /** Attests the one attested strategy criterion, making the gate ready for review. */
  async function readyStrategy(t: Awaited<ReturnType<typeof start>>) {
    const response = await t.attest(owner, {
      criterion: 'strategy.operational-requirements',
      evidenceUrl: 'https://wiki.example.com/churn/nfr',
      comment: 'Latency and availability agreed with the save desk.',
      revision: 0,
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  it('shows three gates whose checked criteria come from the check engine', async () => {
    const t = await start();
    const gates = await t.getGates();
    expect(gates).toMatchObject({
      entityRef: 'mlusecase:default/churn-prevention',
      currentStage: 'strategy',
      complete: false,
    });
    expect(
      gates.stages.map((s: any) => [s.stage, s.state, s.revision]),
    ).toEqual([
      ['strategy', 'not-started', 0],
      ['prototyping', 'not-started', 0],
      ['operationalisation', 'not-started', 0],
    ]);
    const strategy = gates.stages[0];
    expect(strategy.criteria.map((c: any) => [c.id, c.source, c.met])).toEqual([
      ['strategy.business-vision', 'check', true],
      ['strategy.acceptance-criteria', 'check', true],
      ['strategy.explainability', 'check', true],
      ['strategy.operational-requirements', 'attestation', false],
      ['strategy.monitoring-governance', 'check', true],
      ['strategy.ethics', 'check', true],
    ]);
    expect(strategy.signOff).toEqual([
      { id: 'sponsor', label: 'Sponsor', refs: [sponsor], yours: false },
      {
        id: 'owner',
        label: 'Owner',
        refs: ['group:default/retention-analytics'],
        yours: false,
      },
    ]);
    expect(strategy.canDecide).toBe(false);
    const sponsors = (await t.getGates(sponsor)).stages[0];
    expect(sponsors.canDecide).toBe(true);
    expect(sponsors.signOff.map((s: any) => [s.id, s.yours])).toEqual([
      ['sponsor', true],
      ['owner', false],
    ]);
  });

  it('becomes ready for review once attested and tells the approvers; approved when sponsor and owner approve', async () => {
    const t = await start();
    const ready = await readyStrategy(t);
    expect(ready).toMatchObject({ state: 'ready-for-review', revision: 1 });
    expect(t.sent).toContainEqual(
      expect.objectContaining({
        recipients: expect.objectContaining({
          entityRef: [sponsor, 'group:default/retention-analytics'],
        }),
        payload: expect.objectContaining({
          scope:
            'mlops-gate:mlusecase:default/churn-prevention:strategy:review',
        }),
      }),
    );
    const first = await t.decide(sponsor, 'strategy', {
      decision: 'approve',
      comment: 'The business case holds.',
      evidenceUrl: 'https://wiki.example.com/churn/business-case',
      revision: 1,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      state: 'ready-for-review',
      revision: 2,
    });
    expect(first.body.decisions[0]).toMatchObject({
      decision: 'approve',
      role: 'sponsor',
      by: sponsor,
      revision: 2,
    });
    const second = await t.decide(owner, 'strategy', {
      decision: 'approve',
      comment: 'Requirements are complete.',
      revision: 2,
    });
    expect(second.body.state).toBe('approved');
    const gates = await t.getGates();
    expect(gates.currentStage).toBe('prototyping');
    expect(gates.stages[1].enteredAt).toBe(second.body.decisions[0].at);
    expect(t.sent).toContainEqual(
      expect.objectContaining({
        recipients: expect.objectContaining({
          entityRef: ['group:default/retention-analytics'],
        }),
        payload: expect.objectContaining({
          scope:
            'mlops-gate:mlusecase:default/churn-prevention:strategy:decision',
        }),
      }),
    );
  });

  it('tells the approvers once when a gate becomes ready because a check started passing', async () => {
    const t = await start();
    const useCase = t.entities[0].spec as any;
    const explainability = useCase.explainability;
    delete useCase.explainability;
    const attested = await readyStrategy(t);
    expect(attested.state).toBe('not-started');
    const reviews = () =>
      t.sent.filter(n => n.payload.scope?.endsWith(':strategy:review'));
    expect(reviews()).toEqual([]);

    // The owner declares explainability; the next refresh finds every criterion met.
    useCase.explainability = explainability;
    const refresh = () =>
      request(t.server)
        .post(
          '/api/mlops/scorecards/mlusecase/default/churn-prevention/refresh',
        )
        .set('Authorization', t.as(owner));
    expect((await refresh()).status).toBe(200);
    expect(reviews()).toEqual([
      expect.objectContaining({
        recipients: expect.objectContaining({
          entityRef: [sponsor, 'group:default/retention-analytics'],
        }),
        payload: expect.objectContaining({
          link: '/catalog/default/mlusecase/churn-prevention/gate-strategy',
        }),
      }),
    ]);
    expect((await t.getGates()).stages[0].state).toBe('ready-for-review');

    // Still ready at the next refresh: nobody is told again.
    useCase.governance.reviewCadence = 'P6M';
    expect((await refresh()).status).toBe(200);
    expect(reviews()).toHaveLength(1);
  });

  it('refuses a caller without the right with 403 and records nothing', async () => {
    const t = await start();
    await readyStrategy(t);
    const before = await t.auditRows();
    const response = await t.decide(outsider, 'strategy', {
      decision: 'approve',
      comment: 'Looks fine to me.',
      revision: 1,
    });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('mlops.gate.decide');
    expect(await t.auditRows()).toBe(before);
    expect((await t.getGates()).stages[0].revision).toBe(1);
    // The operations group may not sign stage 1 either.
    const ops = await t.decide(operator, 'strategy', {
      decision: 'approve',
      comment: 'Fine.',
      revision: 1,
    });
    expect(ops.status).toBe(403);
    expect(await t.auditRows()).toBe(before);
  });

  it('refuses a decision on a stale revision with 409 that says to reload', async () => {
    const t = await start();
    await readyStrategy(t);
    const response = await t.decide(sponsor, 'strategy', {
      decision: 'approve',
      comment: 'Agreed.',
      revision: 0,
    });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/reload the gate/);
    expect(response.body.error.code).toBe('gate-revision-stale');
  });

  it('lets exactly one of two decisions on the same revision win', async () => {
    const t = await start();
    await readyStrategy(t);
    const before = await t.auditRows();
    const responses = await Promise.all([
      t.decide(sponsor, 'strategy', {
        decision: 'approve',
        comment: 'Yes.',
        revision: 1,
      }),
      t.decide(owner, 'strategy', {
        decision: 'request-changes',
        comment: 'Wait.',
        revision: 1,
      }),
    ]);
    expect(responses.map(r => r.status).sort()).toEqual([201, 409]);
    // Whichever lost (the service's check or the store's), clients read the same code.
    expect(responses.find(r => r.status === 409)!.body.error.code).toBe(
      'gate-revision-stale',
    );
    expect(await t.auditRows()).toBe(before + 1);
  });

  /** Strategy approved by sponsor and owner (revisions 1–3). */
  async function approveStrategy(t: Awaited<ReturnType<typeof start>>) {
    await readyStrategy(t);
    await t.decide(sponsor, 'strategy', {
      decision: 'approve',
      comment: 'Yes.',
      revision: 1,
    });
    const approved = await t.decide(owner, 'strategy', {
      decision: 'approve',
      comment: 'Yes.',
      revision: 2,
    });
    expect(approved.body.state).toBe('approved');
  }

  const changedCriteria =
    'The facts the decision rested on changed: spec.acceptanceCriteria.';
  const invalidatedScope =
    'mlops-gate:mlusecase:default/churn-prevention:strategy:invalidated';
  const refreshScorecard = (t: Awaited<ReturnType<typeof start>>) =>
    request(t.server)
      .post('/api/mlops/scorecards/mlusecase/default/churn-prevention/refresh')
      .set('Authorization', t.as(owner));

  it('shows approvals whose facts changed as invalidated on read, recording and announcing nothing', async () => {
    const t = await start();
    await approveStrategy(t);
    (t.entities[0].spec as any).acceptanceCriteria[0].threshold = 0.6;
    const rows = await t.auditRows();
    const sent = t.sent.length;

    const gates = await t.getGates();
    const strategy = gates.stages[0];
    expect(gates.currentStage).toBe('strategy');
    expect(strategy.state).toBe('ready-for-review');
    // The revision the next refresh or write will record it at.
    expect(strategy.revision).toBe(4);
    expect(strategy.decisions.map((d: any) => d.invalidated?.reason)).toEqual([
      changedCriteria,
      changedCriteria,
    ]);
    expect(strategy.invalidations.map((i: any) => i.decisionId).sort()).toEqual(
      strategy.decisions.map((d: any) => d.id).sort(),
    );
    expect(strategy.signOff.every((s: any) => !s.decision)).toBe(true);
    const audit = await request(t.server)
      .get(`${t.path}/audit`)
      .set('Authorization', t.as(outsider));
    expect(audit.status).toBe(200);
    const csv = await request(t.server)
      .get(`${t.path}/audit?format=csv`)
      .set('Authorization', t.as(outsider));
    expect(csv.status).toBe(200);

    expect(await t.auditRows()).toBe(rows);
    expect(t.sent).toHaveLength(sent);
    expect(audit.body.records.map((r: any) => r.type)).toEqual([
      'attestation',
      'decision',
      'decision',
    ]);
  });

  it('records and announces an invalidation on the next scorecard refresh, at the revision the read showed', async () => {
    const t = await start();
    await approveStrategy(t);
    (t.entities[0].spec as any).acceptanceCriteria[0].threshold = 0.6;
    const read = await t.getGates();

    expect((await refreshScorecard(t)).status).toBe(200);
    const audit = await request(t.server)
      .get(`${t.path}/audit`)
      .set('Authorization', t.as(outsider));
    expect(
      audit.body.records.map((r: any) => [r.type, r.by, r.comment]).slice(3),
    ).toEqual([
      ['invalidation', 'system', changedCriteria],
      ['invalidation', 'system', changedCriteria],
    ]);
    const invalidated = t.sent.filter(
      n => n.payload.scope === invalidatedScope,
    );
    expect(invalidated).toEqual([
      expect.objectContaining({
        recipients: expect.objectContaining({
          entityRef: ['group:default/retention-analytics', sponsor, owner],
        }),
        payload: expect.objectContaining({ description: changedCriteria }),
      }),
    ]);
    const after = await t.getGates();
    expect(after.stages[0]).toMatchObject({
      state: read.stages[0].state,
      revision: read.stages[0].revision,
      invalidations: [
        expect.objectContaining({ reason: changedCriteria }),
        expect.objectContaining({ reason: changedCriteria }),
      ],
    });

    // The next refresh finds nothing new to invalidate.
    expect((await refreshScorecard(t)).status).toBe(200);
    expect(await t.auditRows()).toBe(5);
    expect(
      t.sent.filter(n => n.payload.scope === invalidatedScope),
    ).toHaveLength(1);
  });

  it('records and announces pending invalidations when a decision is recorded, before the decision', async () => {
    const t = await start();
    await approveStrategy(t);
    (t.entities[0].spec as any).acceptanceCriteria[0].threshold = 0.6;
    const { revision } = (await t.getGates(sponsor)).stages[0];

    const again = await t.decide(sponsor, 'strategy', {
      decision: 'approve',
      comment: 'The lower threshold is fine.',
      revision,
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      state: 'ready-for-review',
      revision: revision + 1,
    });
    expect(
      again.body.decisions.map((d: any) => Boolean(d.invalidated)),
    ).toEqual([false, true, true]);
    const rows = await t
      .knex('mlops_gate_events')
      .orderBy('id')
      .select('type', 'revision');
    expect(rows.slice(3)).toEqual([
      { type: 'invalidation', revision: 4 },
      { type: 'invalidation', revision: 4 },
      { type: 'decision', revision: 5 },
    ]);
    expect(
      t.sent.filter(n => n.payload.scope === invalidatedScope),
    ).toHaveLength(1);
  });

  it('keeps the gate events folded for the diagnostic as it records decisions and invalidations', async () => {
    const t = await start();
    await approveStrategy(t);
    const progress = async () => {
      const row = await t
        .knex('mlops_gate_progress')
        .where('entity_ref', 'mlusecase:default/churn-prevention')
        .first();
      return { ...row, summary: JSON.parse(row.summary) };
    };
    const lastEventId = async () =>
      String((await t.knex('mlops_gate_events').max({ id: 'id' }).first())!.id);
    const approved = await progress();
    expect(String(approved.last_event_id)).toBe(await lastEventId());
    expect(approved.summary.gates.strategy).toMatchObject({
      decided: 'approved',
      decisions: [
        { role: 'sponsor', at: expect.any(Number) },
        { role: 'owner', at: expect.any(Number) },
      ],
    });

    (t.entities[0].spec as any).acceptanceCriteria[0].threshold = 0.6;
    const { revision } = (await t.getGates(sponsor)).stages[0];
    await t.decide(sponsor, 'strategy', {
      decision: 'approve',
      comment: 'The lower threshold is fine.',
      revision,
    });
    const after = await progress();
    expect(String(after.last_event_id)).toBe(await lastEventId());
    expect(after.facts_hash).not.toBe(approved.facts_hash);
    // Both earlier approvals invalidated, the new one alone: no longer approved.
    expect(after.summary.gates.strategy.decided).toBeUndefined();
    expect(after.summary.gates.strategy.invalidatedAt).toHaveLength(2);
    expect(after.summary.gates.strategy.decisions).toHaveLength(3);
  });

  it('invalidates on the scorecard refresh too, before anyone reads the gate', async () => {
    const t = await start();
    await readyStrategy(t);
    await t.decide(sponsor, 'strategy', {
      decision: 'approve',
      comment: 'Yes.',
      revision: 1,
    });
    (t.entities[0].spec as any).risk.tier = 'high';
    const refresh = await request(t.server)
      .post('/api/mlops/scorecards/mlusecase/default/churn-prevention/refresh')
      .set('Authorization', t.as(owner));
    expect(refresh.status).toBe(200);
    const rows = await t
      .knex('mlops_gate_events')
      .where({ type: 'invalidation' })
      .select('comment', 'actor');
    expect(rows).toEqual([
      {
        comment: 'The facts the decision rested on changed: spec.risk.',
        actor: 'system',
      },
    ]);
  });

  it('gives the rubric the stage-3 gate of a production model', async () => {
    const t = await start();
    const refresh = await request(t.server)
      .post('/api/mlops/scorecards/mlmodel/default/churn-gbm/refresh')
      .set('Authorization', t.as(owner));
    const result = refresh.body.results.find(
      (r: any) => r.checkId === 'model.operationalisation-approved',
    );
    expect(result).toMatchObject({
      outcome: 'failed',
      reason: 'In production but the stage-3 gate is not started.',
    });
    expect(refresh.body.level).toBeLessThan(4);
  });

  it('answers MCP clients: the gate status, and a decision checked with the caller’s credentials', async () => {
    const t = await start();
    const status = await t.actionsRegistry.invoke({
      // The mock registry names actions after a plugin called `test`.
      id: 'test:get-ml-entity-gates',
      input: { entityRef: 'mlusecase:default/churn-prevention' },
      credentials: mockCredentials.user(sponsor),
    });
    expect(status.output).toMatchObject({
      currentStage: 'strategy',
      complete: false,
    });
    expect((status.output as any).gates[0]).toMatchObject({
      stage: 'strategy',
      state: 'not-started',
      revision: 0,
      canDecide: true,
      unmetCriteria: [
        {
          id: 'strategy.operational-requirements',
          why: 'Not attested yet: attest it with an evidence link.',
        },
      ],
    });
    await readyStrategy(t);
    const before = await t.auditRows();
    await expect(
      t.actionsRegistry.invoke({
        id: 'test:record-ml-gate-decision',
        input: {
          entityRef: 'mlusecase:default/churn-prevention',
          stage: 'strategy',
          decision: 'approve',
          comment: 'Fine by me.',
          revision: 1,
        },
        credentials: mockCredentials.user(outsider),
      }),
    ).rejects.toThrow(/mlops\.gate\.decide/);
    expect(await t.auditRows()).toBe(before);
    const recorded = await t.actionsRegistry.invoke({
      id: 'test:record-ml-gate-decision',
      input: {
        entityRef: 'mlusecase:default/churn-prevention',
        stage: 'strategy',
        decision: 'approve',
        comment: 'The business case holds.',
        revision: 1,
      },
      credentials: mockCredentials.user(sponsor),
    });
    expect(recorded.output).toMatchObject({
      stage: 'strategy',
      state: 'ready-for-review',
      revision: 2,
      role: 'sponsor',
    });
    expect(await t.auditRows()).toBe(before + 1);
  });

  it('exports the append-only audit trail as JSON and CSV', async () => {
    const t = await start();
    await readyStrategy(t);
    await t.decide(sponsor, 'strategy', {
      decision: 'reject',
      comment: 'The baseline, "2.8", is last year\'s.',
      revision: 1,
    });
    const json = await request(t.server)
      .get(`${t.path}/audit`)
      .set('Authorization', t.as(outsider));
    expect(
      json.body.records.map((r: any) => [r.type, r.by, r.revision]),
    ).toEqual([
      ['attestation', owner, 1],
      ['decision', sponsor, 2],
    ]);
    const csv = await request(t.server)
      .get(`${t.path}/audit?format=csv`)
      .set('Authorization', t.as(outsider));
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,type,entityRef,stage,at,by,decision,role,criterion,comment,evidenceUrl,entityHash,revision,decisionId',
    );
    expect(lines[2]).toContain(
      ',reject,sponsor,,"The baseline, ""2.8"", is last year\'s.",',
    );
  });

  it('exports a comment that starts like a formula as text a spreadsheet will not run', async () => {
    const t = await start();
    await readyStrategy(t);
    await t.decide(sponsor, 'strategy', {
      decision: 'request-changes',
      comment: '=HYPERLINK("https://evil.example","see")',
      revision: 1,
    });
    const json = await request(t.server)
      .get(`${t.path}/audit`)
      .set('Authorization', t.as(outsider));
    // Nothing valid is lost: the JSON trail keeps the comment as written.
    expect(json.body.records[1].comment).toBe(
      '=HYPERLINK("https://evil.example","see")',
    );
    const csv = await request(t.server)
      .get(`${t.path}/audit?format=csv`)
      .set('Authorization', t.as(outsider));
    const decisionRow = csv.text.trim().split('\r\n')[2];
    expect(decisionRow).toContain(
      ',request-changes,sponsor,,"\'=HYPERLINK(""https://evil.example"",""see"")",',
    );
  });

  it('rejects bad input with a 400 naming what is wrong', async () => {
    const t = await start();
    const emptyComment = await t.decide(sponsor, 'strategy', {
      decision: 'approve',
      comment: '',
      revision: 0,
    });
    expect(emptyComment.status).toBe(400);
    expect(emptyComment.body.error.message).toContain('comment');
    const badDecision = await t.decide(sponsor, 'strategy', {
      decision: 'maybe',
      comment: 'Hm.',
      revision: 0,
    });
    expect(badDecision.status).toBe(400);
    expect(badDecision.body.error.message).toContain('decision');
    const checked = await t.attest(owner, {
      criterion: 'strategy.ethics',
      evidenceUrl: 'https://wiki.example.com/ethics',
      comment: 'Reviewed.',
      revision: 0,
    });
    expect(checked.status).toBe(400);
    expect(checked.body.error.message).toContain(
      'strategy.ethics" is not an attested criterion',
    );
    const monitor = await request(t.server)
      .get('/api/mlops/gates/mlmonitor/default/x')
      .set('Authorization', t.as(outsider));
    expect(monitor.status).toBe(400);
    expect(monitor.body.error.message).toContain(
      'stage gates are for MLUseCase and MLModel',
    );
  });

  it('time-stamps every event with the server’s clock, refusing a time the client sends', async () => {
    const t = await start();
    const before = await t.auditRows();
    const backdated = await t.attest(owner, {
      criterion: 'strategy.operational-requirements',
      evidenceUrl: 'https://wiki.example.com/churn/nfr',
      comment: 'Agreed in February.',
      revision: 0,
      at: '2026-02-01T09:00:00Z',
    });
    expect(backdated.status).toBe(400);
    expect(backdated.body.error.message).toContain('additional properties');
    const recordedAt = await t.decide(sponsor, 'strategy', {
      decision: 'reject',
      comment: 'Rejected in March.',
      revision: 0,
      recordedAt: '2026-03-01T09:00:00Z',
    });
    expect(recordedAt.status).toBe(400);
    expect(await t.auditRows()).toBe(before);

    const from = Date.now();
    const ready = await readyStrategy(t);
    const at = Date.parse(ready.criteria[3].attestation.at);
    expect(at).toBeGreaterThanOrEqual(from - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('refuses to approve a gate whose criteria are not met, or a gate out of order', async () => {
    const t = await start();
    const early = await t.decide(sponsor, 'strategy', {
      decision: 'approve',
      comment: 'Go.',
      revision: 0,
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain(
      'criteria not met: strategy.operational-requirements',
    );
    expect(early.body.error.code).toBe('gate-criteria-unmet');
    const later = await t.decide(owner, 'prototyping', {
      decision: 'approve',
      comment: 'Go.',
      revision: 0,
    });
    expect(later.status).toBe(409);
    expect(later.body.error.message).toContain('gates are decided in order');
    expect(later.body.error.code).toBe('earlier-gate-open');
  });

  it('counts entities per current stage in the funnel', async () => {
    const t = await start();
    await readyStrategy(t);
    await t.decide(sponsor, 'strategy', {
      decision: 'approve',
      comment: 'Yes.',
      revision: 1,
    });
    await t.decide(owner, 'strategy', {
      decision: 'approve',
      comment: 'Yes.',
      revision: 2,
    });
    const funnel = await request(t.server)
      .get('/api/mlops/gates/funnel?kind=MLUseCase')
      .set('Authorization', t.as(outsider));
    expect(funnel.status).toBe(200);
    expect(funnel.body.stages.map((s: any) => [s.stage, s.count])).toEqual([
      ['strategy', 0],
      ['prototyping', 1],
      ['operationalisation', 0],
    ]);
    expect(funnel.body.entities).toEqual([
      expect.objectContaining({
        entityRef: 'mlusecase:default/churn-prevention',
        currentStage: 'prototyping',
        complete: false,
        since: expect.any(String),
        daysInStage: { strategy: 0, prototyping: 0 },
      }),
    ]);
  });

  it('adds the sign-offs of a high-risk use case to its gates and its models’, and treats them like the others', async () => {
    const t = await start({
      operationsGroup: 'group:default/platform-operations',
      signOffByRiskTier: { high: { strategy: ['model-risk'] } },
    });
    const modelRisk = 'group:default/model-risk';
    const idsOf = (gates: any) =>
      gates.stages.map((s: any) => s.signOff.map((o: any) => o.id));
    // Declared limited: nothing added.
    expect(idsOf(await t.getGates())[0]).toEqual(['sponsor', 'owner']);

    (t.entities[0].spec as any).risk.tier = 'high';
    expect(idsOf(await t.getGates())).toEqual([
      ['sponsor', 'owner', modelRisk],
      ['owner', 'sponsor'],
      ['owner', 'group:default/platform-operations'],
    ]);
    // The model follows the risk tier of the use case it serves.
    const model = await request(t.server)
      .get('/api/mlops/gates/mlmodel/default/churn-gbm')
      .set('Authorization', t.as(riskOfficer));
    expect(model.body.stages[0].signOff[2]).toEqual({
      id: modelRisk,
      label: 'model-risk (high risk)',
      refs: [modelRisk],
      yours: true,
    });

    // Ready for review: the model-risk group is asked too.
    await readyStrategy(t);
    expect(t.sent).toContainEqual(
      expect.objectContaining({
        recipients: expect.objectContaining({
          entityRef: [sponsor, 'group:default/retention-analytics', modelRisk],
        }),
      }),
    );
    // Sponsor and owner are not enough.
    await t.decide(sponsor, 'strategy', {
      decision: 'approve',
      comment: 'Yes.',
      revision: 1,
    });
    const owners = await t.decide(owner, 'strategy', {
      decision: 'approve',
      comment: 'Yes.',
      revision: 2,
    });
    expect(owners.body.state).toBe('ready-for-review');
    // A member of the group signs for it, on this gate only.
    const approved = await t.decide(riskOfficer, 'strategy', {
      decision: 'approve',
      comment: 'Bias testing plan reviewed against the model-risk policy.',
      revision: 3,
    });
    expect(approved.status).toBe(201);
    expect(approved.body.state).toBe('approved');
    expect(approved.body.decisions[0]).toMatchObject({
      role: modelRisk,
      by: riskOfficer,
    });
    const prototyping = await t.decide(riskOfficer, 'prototyping', {
      decision: 'approve',
      comment: 'Fine.',
      revision: 0,
    });
    expect(prototyping.status).toBe(403);

    const audit = await request(t.server)
      .get(`${t.path}/audit`)
      .set('Authorization', t.as(outsider));
    expect(
      audit.body.records
        .filter((r: any) => r.type === 'decision')
        .map((r: any) => [r.role, r.by]),
    ).toEqual([
      ['sponsor', sponsor],
      ['owner', owner],
      [modelRisk, riskOfficer],
    ]);
    const funnel = await request(t.server)
      .get('/api/mlops/gates/funnel')
      .set('Authorization', t.as(outsider));
    expect(
      funnel.body.entities.map((e: any) => [e.entityRef, e.currentStage]),
    ).toEqual([
      ['mlusecase:default/churn-prevention', 'prototyping'],
      ['mlmodel:default/churn-gbm', 'strategy'],
    ]);
  });

  it('flags and logs a configured sign-off group the catalog does not have', async () => {
    // The default operations group, group:default/operations: the catalog
    // has platform-operations only.
    const t = await start({});
    const gates = await t.getGates(owner);
    const [strategy, prototyping, operationalisation] = gates.stages;
    expect(
      operationalisation.signOff.map((s: any) => [s.id, s.unresolved]),
    ).toEqual([
      ['owner', undefined],
      ['group:default/operations', true],
    ]);
    expect(
      [...strategy.signOff, ...prototyping.signOff].some(
        (s: any) => 'unresolved' in s,
      ),
    ).toBe(false);
    // Reading the gates evaluated the entity, whose facts the gates feed:
    // that refresh logged the missing group.
    expect(t.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'No group group:default/operations in the catalog: nobody can sign off the stage gates that need it',
      ),
    );
    // A group that exists is neither flagged nor logged.
    const named = await start();
    const view = await named.getGates(owner);
    expect(
      view.stages.flatMap((s: any) => s.signOff).some((s: any) => s.unresolved),
    ).toBe(false);
    expect(named.logger.warn).not.toHaveBeenCalledWith(
      expect.stringContaining('in the catalog: nobody can sign'),
    );
  });
});
