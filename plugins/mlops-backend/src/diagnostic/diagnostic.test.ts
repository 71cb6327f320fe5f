import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AdoptionDiagnostic,
  gateFactsVersionOf,
} from '@mlightenment/backstage-plugin-mlops-common';
import request from 'supertest';
import { DatabaseGateStore } from '../gates/DatabaseGateStore';
import { MATURITY_REFRESH_TASK_ID, mlopsPlugin } from '../plugin';
import {
  createDiagnosticConditionalDecision,
  diagnosticConditions,
} from './permissionRules';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const member = 'user:default/ana-kovac';
const lead = 'user:default/head-of-data';
const outsider = 'user:default/sam-ortiz';
/** May read only the catalog entities a condition allows. */
const restricted = 'user:default/guest';
const claims: Record<string, string[]> = {
  [member]: [member, 'group:default/retention-analytics'],
  [lead]: [lead, 'group:default/data'],
  [outsider]: [outsider, 'group:default/pricing'],
};

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});
const user = (ref: string, memberOf: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: ref.split('/')[1], namespace: 'default' },
  spec: { memberOf: [memberOf] },
});
const owned = (owner: string) => [{ type: 'ownedBy', targetRef: owner }];

const entities: Entity[] = [
  group('data'),
  group('retention-analytics', 'group:default/data'),
  group('pricing', 'group:default/data'),
  user(member, 'group:default/retention-analytics'),
  user(lead, 'group:default/data'),
  user(outsider, 'group:default/pricing'),
  {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLUseCase',
    metadata: { name: 'churn-prevention', namespace: 'default' },
    spec: {
      owner: 'group:default/retention-analytics',
      lifecycle: 'production',
      businessDrivers: [
        {
          driver: 'Keep subscribers',
          kpi: 'Churn',
          baseline: 2.8,
          target: 2.2,
          unit: '%',
        },
      ],
    },
    relations: owned('group:default/retention-analytics'),
  },
  {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'churn-gbm', namespace: 'default' },
    spec: {
      owner: 'group:default/retention-analytics',
      useCase: 'mlusecase:default/churn-prevention',
      lifecycle: 'production',
      type: 'classification',
      framework: 'xgboost',
    },
    relations: owned('group:default/retention-analytics'),
  },
  {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'price-elasticity', namespace: 'default' },
    spec: {
      owner: 'group:default/pricing',
      useCase: 'mlusecase:default/churn-prevention',
      lifecycle: 'experimental',
      type: 'regression',
      framework: 'lightgbm',
    },
    relations: owned('group:default/pricing'),
  },
];

/** Resolves once `done` holds, checking every 10 ms for up to 5 s. */
async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) {
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  expect(done()).toBe(true);
}

/** The demo policy's shape for answers; everything else allowed. */
const permissions = mockServices.permissions.mock({
  authorize: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async (requests, options) =>
    requests.map(({ permission }) => {
      const principal = options.credentials.principal as {
        userEntityRef?: string;
      };
      if (
        permission.name === 'catalog.entity.read' &&
        principal.userEntityRef === restricted
      ) {
        return {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: [restricted] },
          },
        };
      }
      if (permission.name !== 'mlops.diagnostic.answer') {
        return { result: AuthorizeResult.ALLOW };
      }
      const userClaims = claims[principal.userEntityRef ?? ''] ?? [];
      return createDiagnosticConditionalDecision(permission as any, {
        anyOf: [
          diagnosticConditions.isTeamMember({ claims: userClaims }),
          diagnosticConditions.isTeamLead({ claims: userClaims }),
        ],
      });
    }) as any,
});

describe.each(databases.eachSupportedId())(
  'the adoption diagnostic on %s',
  databaseId => {
    /** A backend with the catalog given (by default, one holding `entities`). */
    async function start(catalog?: CatalogService) {
      const knex = await databases.init(databaseId);
      const actionsRegistry = actionsRegistryServiceMock();
      // Runs the tasks without an initial delay at startup, as by default;
      // a test triggers the others.
      const scheduler = mockServices.scheduler();
      const { server } = await startTestBackend({
        features: [
          mlopsPlugin,
          (
            scheduler as typeof scheduler & {
              factory(): ReturnType<typeof mockServices.scheduler.factory>;
            }
          ).factory(),
          catalog
            ? createServiceFactory({
                service: catalogServiceRef,
                deps: {},
                factory: () => catalog,
              })
            : catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              mlops: {
                maturity: {
                  schedule: {
                    frequency: { minutes: 30 },
                    timeout: { minutes: 1 },
                    initialDelay: { minutes: 30 },
                  },
                },
              },
            },
          }),
          permissions.factory,
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
          createServiceFactory({
            service: actionsRegistryServiceRef,
            deps: {},
            factory: () => actionsRegistry,
          }),
        ],
      });
      const as = (u: string) => mockCredentials.user.header(u);
      const team = '/api/mlops/diagnostic/teams/default/retention-analytics';
      const answer = (u: string, body: object) =>
        request(server)
          .post(`${team}/answers`)
          .set('Authorization', as(u))
          .send(body);
      const count = async (table: string) =>
        Number((await knex(table).count({ n: '*' }))[0].n);
      return {
        server,
        knex,
        as,
        team,
        answer,
        count,
        actionsRegistry,
        scheduler,
      };
    }

    it('answers the seven questions for the organisation, naming the missing data of the unknown ones', async () => {
      const { server, as, count } = await start();
      const res = await request(server)
        .get('/api/mlops/diagnostic')
        .set('Authorization', as(member));
      expect(res.status).toBe(200);
      const diagnostic: AdoptionDiagnostic = res.body;
      expect(diagnostic.scope).toBe('organisation');
      expect(diagnostic.days).toBe(90);
      expect(diagnostic.counts).toEqual({
        useCases: 1,
        models: 2,
        monitors: 0,
        teams: 2,
      });
      expect(diagnostic.questions.map(q => q.id)).toEqual([
        'q1',
        'q2',
        'q3',
        'q4',
        'q5',
        'q6',
        'q7',
      ]);
      const q1 = diagnostic.questions[0];
      expect(q1.verdict).toBe('unknown');
      expect(q1.missing.join(' ')).toMatch(/no stage-gate event/);
      expect(q1.trend).toEqual([
        expect.objectContaining({ verdict: 'unknown', current: true }),
      ]);
      const q3 = diagnostic.questions[2];
      expect(q3.indicators.find(i => i.id === 'q3.frameworks')!.value).toBe(2);
      expect(diagnostic.delivery.map(d => d.id)).toEqual([
        'lead-time',
        'change-frequency',
        'change-failure-rate',
        'time-to-restore',
      ]);
      // A read never writes a snapshot.
      expect(await count('mlops_diagnostic_snapshots')).toBe(0);
    });

    it('shows the stored months of the organisation only to callers who may read every entity, also once it was computed for one', async () => {
      const { server, as, knex } = await start();
      const lastMonth = new Date();
      lastMonth.setUTCDate(1);
      lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
      await knex('mlops_diagnostic_snapshots').insert({
        scope_ref: 'organisation',
        month: lastMonth.toISOString().slice(0, 7),
        summary: JSON.stringify({
          questions: [{ id: 'q1', verdict: 'strong-indicator', values: [] }],
          delivery: [],
        }),
        computed_at: new Date().toISOString(),
      });
      const trendOf = async (caller: string) => {
        const res = await request(server)
          .get('/api/mlops/diagnostic')
          .set('Authorization', as(caller));
        expect(res.status).toBe(200);
        return res.body.questions[0].trend.map((p: any) => p.verdict);
      };
      expect(await trendOf(member)).toEqual(['strong-indicator', 'unknown']);
      expect(await trendOf(restricted)).toEqual(['unknown']);
      expect(await trendOf(lead)).toEqual(['strong-indicator', 'unknown']);
    });

    it('computes the diagnostic, for callers who may read every entity, from the ML entities the last refresh stored', async () => {
      const { server, as, knex, scheduler, team } = await start();
      await scheduler.triggerTask(MATURITY_REFRESH_TASK_ID);
      const stored = await knex('mlops_diagnostic_entities').orderBy(
        'entity_ref',
      );
      expect(stored.map(row => row.entity_ref)).toEqual([
        'mlmodel:default/churn-gbm',
        'mlmodel:default/price-elasticity',
        'mlusecase:default/churn-prevention',
      ]);
      // The next refresh stores churn-gbm moved to LightGBM and to Pricing;
      // the catalog here still says XGBoost and Retention Analytics.
      const gbm = JSON.parse(stored[0].entity);
      await knex('mlops_diagnostic_entities')
        .where('entity_ref', 'mlmodel:default/churn-gbm')
        .update({
          owner_ref: 'group:default/pricing',
          entity: JSON.stringify({
            ...gbm,
            spec: {
              ...gbm.spec,
              framework: 'lightgbm',
              owner: 'group:default/pricing',
            },
          }),
        });
      const frameworksFor = async (caller: string) => {
        const res = await request(server)
          .get('/api/mlops/diagnostic')
          .set('Authorization', as(caller));
        expect(res.status).toBe(200);
        return res.body.questions[2].indicators.find(
          (i: any) => i.id === 'q3.frameworks',
        ).value;
      };
      const teamModelsFor = async (caller: string) => {
        const res = await request(server)
          .get(team)
          .set('Authorization', as(caller));
        expect(res.status).toBe(200);
        return res.body.counts.models;
      };
      expect(await frameworksFor(member)).toBe(1);
      expect(await teamModelsFor(member)).toBe(0);
      // A caller whose catalog access is restricted: the catalog, as they may read it.
      expect(await frameworksFor(restricted)).toBe(2);
      expect(await teamModelsFor(restricted)).toBe(1);
    });

    it('reads the catalog’s groups, users and the datasets the models use once for every caller who may read every entity, a team’s diagnostic after the organisation’s the same as without it', async () => {
      // churn-gbm reads a dataset, whose owner and type the diagnostic asks the catalog for.
      const catalog = catalogServiceMock({
        entities: [
          ...entities.map(entity =>
            entity.metadata.name === 'churn-gbm'
              ? {
                  ...entity,
                  spec: {
                    ...entity.spec,
                    dependsOn: ['resource:default/churn-events'],
                  },
                }
              : entity,
          ),
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Resource',
            metadata: { name: 'churn-events', namespace: 'default' },
            spec: { type: 'dataset', owner: 'group:default/data' },
          },
        ],
      });
      const getEntities = jest.spyOn(catalog, 'getEntities');
      const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
      const { server, as, team, scheduler } = await start(catalog);
      // The ML entities as the refresh stored them: not read from the catalog.
      await scheduler.triggerTask(MATURITY_REFRESH_TASK_ID);
      const catalogReads = () =>
        getEntities.mock.calls.length + getEntitiesByRefs.mock.calls.length;
      // The diagnostic, but when it was computed.
      const diagnosticOf = async (path: string, caller: string) => {
        const res = await request(server)
          .get(path)
          .set('Authorization', as(caller));
        expect(res.status).toBe(200);
        const { generatedAt, windowStart, ...computed } = res.body;
        return computed;
      };

      const beforeTeam = catalogReads();
      const teamAlone = await diagnosticOf(team, member);
      // The groups, the users and the dataset.
      expect(catalogReads() - beforeTeam).toBe(3);
      expect(getEntitiesByRefs).toHaveBeenLastCalledWith(
        expect.objectContaining({
          entityRefs: ['resource:default/churn-events'],
        }),
        expect.anything(),
      );
      await diagnosticOf('/api/mlops/diagnostic', lead);
      const beforeAgain = catalogReads();
      expect(await diagnosticOf(team, lead)).toEqual({
        ...teamAlone,
        // The lead may answer for the team as its member may.
        canAnswer: true,
      });
      expect(catalogReads()).toBe(beforeAgain);

      // A caller who may read only some entities reads the catalog as they may.
      await diagnosticOf(team, restricted);
      expect(catalogReads()).toBeGreaterThan(beforeAgain);
    });

    it('uses the groups and members read up to five minutes ago once more, without waiting for the catalog, and reads them again after answering', async () => {
      const catalog = catalogServiceMock({ entities });
      let title: string | undefined;
      const getEntities = catalog.getEntities.bind(catalog);
      const groupReads = jest
        .spyOn(catalog, 'getEntities')
        .mockImplementation(async (query, options) => {
          const response = await getEntities(query, options);
          const renamed = response.items.map(item =>
            title && item.metadata.name === 'retention-analytics'
              ? { ...item, metadata: { ...item.metadata, title } }
              : item,
          );
          return { ...response, items: renamed };
        });
      const { server, as, team, scheduler } = await start(catalog);
      await scheduler.triggerTask(MATURITY_REFRESH_TASK_ID);
      const titleNow = async () => {
        const res = await request(server)
          .get(team)
          .set('Authorization', as(member));
        expect(res.status).toBe(200);
        return res.body.title;
      };
      const reads = () => groupReads.mock.calls.length;
      const realNow = Date.now;
      let offset = 0;
      jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
      try {
        expect(await titleNow()).toBe('retention-analytics');
        title = 'Retention & Churn';
        // Within 30 s: what was read.
        offset = 20_000;
        expect(await titleNow()).toBe('retention-analytics');
        // A minute later: what was read once more, and read again after it.
        const before = reads();
        offset = 60_000;
        expect(await titleNow()).toBe('retention-analytics');
        await waitFor(() => reads() === before + 2);
        expect(await titleNow()).toBe('Retention & Churn');
        expect(reads()).toBe(before + 2);
        // Older than five minutes: read before answering.
        title = 'Retention';
        offset = 60_000 + 5 * 60_000;
        expect(await titleNow()).toBe('Retention');
      } finally {
        jest.mocked(Date.now).mockRestore();
      }
    });

    it('computes a team’s diagnostic over its own group’s entities and those of the groups below it, from the stored entities and from the catalog alike', async () => {
      const { server, as, scheduler } = await start();
      const countsOf = async (name: string, caller: string) => {
        const res = await request(server)
          .get(`/api/mlops/diagnostic/teams/default/${name}`)
          .set('Authorization', as(caller));
        expect(res.status).toBe(200);
        const { useCases, models, monitors } = res.body.counts;
        return { useCases, models, monitors };
      };
      // Before the first refresh, the ML entities are the catalog's.
      const fromCatalog = await countsOf('data', lead);
      expect(fromCatalog).toEqual({ useCases: 1, models: 2, monitors: 0 });
      expect(await countsOf('pricing', lead)).toEqual({
        useCases: 0,
        models: 1,
        monitors: 0,
      });
      await scheduler.triggerTask(MATURITY_REFRESH_TASK_ID);
      expect(await countsOf('data', lead)).toEqual(fromCatalog);
      expect(await countsOf('retention-analytics', member)).toEqual({
        useCases: 1,
        models: 1,
        monitors: 0,
      });
    });

    it('reads each entity’s gate events as the writers folded them, and the events where that folding no longer holds', async () => {
      const { server, as, knex, scheduler } = await start();
      const CHURN = 'mlusecase:default/churn-prevention';
      const funnelFor = async (caller: string) => {
        const res = await request(server)
          .get('/api/mlops/diagnostic')
          .set('Authorization', as(caller));
        expect(res.status).toBe(200);
        const indicator = res.body.questions[0].indicators.find(
          (i: any) => i.id === 'q1.funnel-conversion',
        );
        return {
          value: indicator.value,
          through: indicator.evidence.find(
            (e: any) => e.label === 'Through all three gates',
          )?.entityRefs,
        };
      };
      const progressOf = async (ref: string) => {
        const row = await knex('mlops_gate_progress')
          .where('entity_ref', ref)
          .first();
        return row && { ...row, summary: JSON.parse(row.summary) };
      };
      // The first refresh folds every use case and model, with or without events.
      await scheduler.triggerTask(MATURITY_REFRESH_TASK_ID);
      expect(
        (await knex('mlops_gate_progress').orderBy('entity_ref')).map(row => [
          row.entity_ref,
          String(row.last_event_id),
        ]),
      ).toEqual([
        ['mlmodel:default/churn-gbm', '0'],
        ['mlmodel:default/price-elasticity', '0'],
        [CHURN, '0'],
      ]);

      // Stage 1 approved by a writer that does not fold (as history
      // recorded before the table was): the row is behind, the events count.
      const version = gateFactsVersionOf(
        entities.find(e => e.metadata.name === 'churn-prevention')!,
      );
      const gates = new DatabaseGateStore(knex);
      for (const [revision, role] of ['sponsor', 'owner'].entries()) {
        await gates.append(CHURN, 'strategy', revision, [
          {
            type: 'decision',
            decision: 'approve',
            role,
            actor: member,
            comment: 'Agreed.',
            entityHash: version.hash,
            facts: version.facts,
          },
        ]);
      }
      expect(await funnelFor(member)).toEqual({ value: 0, through: [] });
      // A read folds nothing.
      expect(String((await progressOf(CHURN)).last_event_id)).toBe('0');

      // The next refresh folds them in.
      await scheduler.triggerTask(MATURITY_REFRESH_TASK_ID);
      const folded = await progressOf(CHURN);
      expect(folded.summary.gates.strategy.decided).toBe('approved');
      expect(await funnelFor(restricted)).toEqual({ value: 0, through: [] });

      // What is read is the row: one saying all three gates are approved
      // is believed while it holds for the entity's facts and sign-off…
      const approved = {
        ...folded.summary,
        gates: {
          strategy: folded.summary.gates.strategy,
          prototyping: folded.summary.gates.strategy,
          operationalisation: folded.summary.gates.strategy,
        },
      };
      // (Written as a writer writes a row: with the time it was written.)
      await knex('mlops_gate_progress')
        .where('entity_ref', CHURN)
        .update({
          summary: JSON.stringify(approved),
          updated_at: new Date(Date.now() + 1_000),
        });
      expect(await funnelFor(restricted)).toEqual({
        value: 1,
        through: [CHURN],
      });
      // …and passed over for the events once it rests on other facts.
      await knex('mlops_gate_progress')
        .where('entity_ref', CHURN)
        .update({
          summary: JSON.stringify({ ...approved, factsHash: 'other' }),
          updated_at: new Date(Date.now() + 2_000),
        });
      expect(await funnelFor(restricted)).toEqual({ value: 0, through: [] });
    });

    it('takes only the windows 30, 90 and 365 days', async () => {
      const { server, as } = await start();
      const ok = await request(server)
        .get('/api/mlops/diagnostic?days=365')
        .set('Authorization', as(member));
      expect(ok.body.days).toBe(365);
      const bad = await request(server)
        .get('/api/mlops/diagnostic?days=45')
        .set('Authorization', as(member));
      expect(bad.status).toBe(400);
    });

    it('shows a team the diagnostic of its own entities and its stored trend', async () => {
      const { server, as, team, knex } = await start();
      const lastMonth = new Date();
      lastMonth.setUTCDate(1);
      lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
      await knex('mlops_diagnostic_snapshots').insert({
        scope_ref: 'group:default/retention-analytics',
        month: lastMonth.toISOString().slice(0, 7),
        summary: JSON.stringify({
          questions: [{ id: 'q1', verdict: 'strong-indicator', values: [] }],
          delivery: [],
        }),
        computed_at: new Date().toISOString(),
      });
      const res = await request(server)
        .get(team)
        .set('Authorization', as(member));
      expect(res.status).toBe(200);
      expect(res.body.scope).toBe('team');
      expect(res.body.counts.models).toBe(1);
      expect(res.body.canAnswer).toBe(true);
      expect(res.body.questions[0].trend.map((p: any) => p.verdict)).toEqual([
        'strong-indicator',
        'unknown',
      ]);
      const missing = await request(server)
        .get('/api/mlops/diagnostic/teams/default/nobody')
        .set('Authorization', as(member));
      expect(missing.status).toBe(404);
    });

    it('records a member’s answer beside the measured verdict, and a lead group’s', async () => {
      const { server, as, team, answer } = await start();
      const res = await answer(member, {
        question: 'q1',
        answer: 'no',
        comment: 'We ship fine',
      });
      expect(res.status).toBe(201);
      expect(res.body.answers).toEqual([
        expect.objectContaining({
          question: 'q1',
          answer: 'no',
          answeredBy: member,
        }),
      ]);
      const byLead = await answer(lead, { question: 'q1', answer: 'partly' });
      expect(byLead.status).toBe(201);
      const diagnostic = (
        await request(server).get(team).set('Authorization', as(member))
      ).body;
      expect(diagnostic.questions[0]).toMatchObject({
        verdict: 'unknown',
        answer: { answer: 'partly', answeredBy: lead },
      });
    });

    it('refuses an answer from someone outside the team with 403, storing nothing', async () => {
      const { server, as, team, answer, count } = await start();
      const res = await answer(outsider, { question: 'q1', answer: 'yes' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/mlops.diagnostic.answer/);
      expect(await count('mlops_diagnostic_answers')).toBe(0);
      const view = (
        await request(server).get(team).set('Authorization', as(outsider))
      ).body;
      expect(view.canAnswer).toBe(false);
    });

    it('names a bad answer in a 400', async () => {
      const { answer, count } = await start();
      const res = await answer(member, { question: 'q9', answer: 'maybe' });
      expect(res.status).toBe(400);
      expect(await count('mlops_diagnostic_answers')).toBe(0);
    });

    it('exports CSV with formulas neutralised', async () => {
      const { server, as, team, answer } = await start();
      await answer(member, {
        question: 'q2',
        answer: 'yes',
        comment: '=HYPERLINK("http://x")',
      });
      const res = await request(server)
        .get(`${team}?format=csv`)
        .set('Authorization', as(member));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      const lines = res.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'section,title,verdict,teamAnswer,teamComment,indicator,label,value,unit,judgement,evidenceCount,formula',
      );
      expect(res.text).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(lines.some(l => l.startsWith('delivery,'))).toBe(true);
    });

    it('serves the diagnostic to MCP clients', async () => {
      const { actionsRegistry } = await start();
      const result = await actionsRegistry.invoke({
        id: 'test:get-ml-adoption-diagnostic',
        input: { groupRef: 'group:default/retention-analytics' },
        credentials: mockCredentials.user(member),
      });
      expect((result.output as any).scope).toBe('team');
      expect((result.output as any).questions).toHaveLength(7);
    });
  },
);
