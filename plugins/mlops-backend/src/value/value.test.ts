import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mlopsKpiSourcesExtensionPoint } from '@mlightenment/backstage-plugin-mlops-node';
import type {
  KpiValue,
  UseCaseValue,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  MlopsTestBackend,
  PermissionDecisions,
  startMlopsBackend,
  useMlopsBackend,
} from '../__testUtils__/testBackend';
import {
  createValueConditionalDecision,
  valueConditions,
} from './permissionRules';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const sponsor = 'user:default/maria-silva';
const owner = 'user:default/ana-kovac';
const outsider = 'user:default/tomas-novak';
const claims: Record<string, string[]> = {
  [sponsor]: [sponsor, 'group:default/retention-marketing'],
  [owner]: [owner, 'group:default/retention-analytics'],
  [outsider]: [outsider, 'group:default/customer-analytics'],
};

function useCase(baseline = 2.8): Entity {
  return {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLUseCase',
    metadata: { name: 'churn-prevention', namespace: 'default' },
    spec: {
      owner: 'group:default/retention-analytics',
      sponsor,
      lifecycle: 'production',
      businessDrivers: [
        {
          driver: 'Keep subscribers',
          kpi: 'Monthly churn rate',
          id: 'churn-rate',
          baseline,
          target: 2.2,
          unit: '%',
          cadence: 'P1M',
        },
        {
          driver: 'Grow revenue',
          kpi: 'Retention revenue',
          baseline: 100,
          target: 150,
          unit: 'kEUR',
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
      { type: 'useCaseImplementedBy', targetRef: 'mlmodel:default/churn-gbm' },
    ],
  };
}

/** The use case's model, whose recall misses the acceptance criterion. */
const weakModel: Entity = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn-gbm', namespace: 'default' },
  spec: {
    owner: 'group:default/retention-analytics',
    useCase: 'mlusecase:default/churn-prevention',
    lifecycle: 'production',
    type: 'classification',
    metrics: [{ name: 'recall', value: 0.6 }],
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/retention-analytics' },
    {
      type: 'implementsUseCase',
      targetRef: 'mlusecase:default/churn-prevention',
    },
  ],
};

/** The demo policy's shape for check-ins; everything else allowed. */
const permissions: PermissionDecisions = {
  authorize: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async (requests, options) =>
    requests.map(({ permission }) => {
      if (permission.name !== 'mlops.value.record') {
        return { result: AuthorizeResult.ALLOW };
      }
      const principal = options.credentials.principal as {
        userEntityRef?: string;
      };
      const userClaims = claims[principal.userEntityRef ?? ''] ?? [];
      return createValueConditionalDecision(permission as any, {
        anyOf: [
          valueConditions.isUseCaseSponsor({ claims: userClaims }),
          valueConditions.isUseCaseOwner({ claims: userClaims }),
        ],
      });
    }) as any,
};

const mlops = {
  value: { maxActualsPerBatch: 50, maxBodySize: '300kb' },
  maturity: {
    schedule: {
      frequency: { minutes: 30 },
      timeout: { minutes: 1 },
      initialDelay: { minutes: 30 },
    },
  },
};

describe.each(databases.eachSupportedId())(
  'business value on %s',
  databaseId => {
    const backend = useMlopsBackend(databases, databaseId, {
      mlops,
      entities: () => [useCase()],
      permissions,
    });

    /**
     * The file's backend serving `entities`, or a backend of its own on
     * `database` or with more features, and the requests the tests make.
     */
    async function start(
      entities?: Entity[],
      database?: Knex,
      extraFeatures: BackendFeature[] = [],
    ) {
      let t: MlopsTestBackend = backend;
      if (database || extraFeatures.length) {
        t = await startMlopsBackend({
          knex: database ?? (await databases.init(databaseId)),
          mlops,
          entities: entities ?? [useCase()],
          permissions,
          features: extraFeatures,
        });
      } else if (entities) {
        backend.setEntities(entities);
      }
      const { server, knex, actionsRegistry } = t;
      const as = (user: string) => mockCredentials.user.header(user);
      const path = '/api/mlops/value/default/churn-prevention';
      const checkIn = (user: string, body: object) =>
        request(server)
          .post(`${path}/actuals`)
          .set('Authorization', as(user))
          .send(body);
      const push = (body: object) =>
        request(server)
          .post('/api/mlops/value/actuals')
          .set('Authorization', mockCredentials.service.header())
          .send(body);
      const value = async (user = outsider): Promise<UseCaseValue> =>
        (await request(server).get(path).set('Authorization', as(user))).body;
      const rows = async () =>
        Number((await knex('mlops_value_actuals').count({ n: '*' }))[0].n);
      return {
        server,
        knex,
        actionsRegistry,
        as,
        path,
        checkIn,
        push,
        value,
        rows,
      };
    }

    const churn = (v: UseCaseValue): KpiValue =>
      v.kpis.find(k => k.id === 'churn-rate')!;

    it('serves each KPI with no data before any actual, and whether the caller may check in', async () => {
      const t = await start();
      const asSponsor = await t.value(sponsor);
      expect(asSponsor.canRecord).toBe(true);
      expect(asSponsor.kpis.map(k => [k.id, k.status])).toEqual([
        ['churn-rate', 'no-data'],
        ['retention-revenue', 'no-data'],
      ]);
      expect((await t.value(outsider)).canRecord).toBe(false);
    });

    it('lets the sponsor check in an actual and shows progress toward a falling target', async () => {
      const t = await start();
      const response = await t.checkIn(sponsor, {
        kpi: 'churn-rate',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
        value: 2.5,
        comment: 'From the November board pack',
      });
      expect(response.status).toBe(201);
      const kpi = churn(response.body);
      expect(kpi.progress).toBeCloseTo(0.5);
      expect(kpi.latest).toMatchObject({
        value: 2.5,
        source: 'person',
        recordedBy: sponsor,
        comment: 'From the November board pack',
      });
      expect(kpi.status).not.toBe('no-data');
    });

    it('refuses a check-in by someone who neither sponsors nor owns the use case, writing nothing', async () => {
      const t = await start();
      const response = await t.checkIn(outsider, {
        kpi: 'churn-rate',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
        value: 2.5,
      });
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(/mlops\.value\.record/);
      expect(await t.rows()).toBe(0);
    });

    it('keeps a correction as a new record that supersedes the earlier one', async () => {
      const t = await start();
      await t.checkIn(owner, {
        kpi: 'churn-rate',
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        value: 2.6,
      });
      const conflicting = await t.checkIn(owner, {
        kpi: 'churn-rate',
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        value: 2.4,
      });
      expect(conflicting.status).toBe(409);
      const first = churn(await t.value()).latest!;
      const corrected = await t.checkIn(sponsor, {
        kpi: 'churn-rate',
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        value: 2.4,
        supersedes: first.id,
        comment: 'Restated after the billing fix',
      });
      expect(corrected.status).toBe(201);
      expect(churn(corrected.body).points.map(p => p.value)).toEqual([2.4]);
      const history = await request(t.server)
        .get(`${t.path}/history`)
        .set('Authorization', t.as(outsider));
      expect(
        history.body.records.map((r: any) => [r.value, r.supersededBy ?? null]),
      ).toEqual([
        [2.6, expect.any(String)],
        [2.4, null],
      ]);
      expect(await t.rows()).toBe(2);
    });

    it.each([
      [
        { kpi: 'churn' },
        /kpi "churn" is not a KPI .* "churn-rate", "retention-revenue"/,
      ],
      [{ unit: 'pp' }, /unit "pp" is not the unit of KPI "churn-rate"/],
      [
        { periodStart: '2099-01-01', periodEnd: '2099-01-31' },
        /periodStart 2099-01-01 is in the future/,
      ],
      [{ periodStart: '2026-11-03', periodEnd: '2026-11-30' }, /periodStart/],
    ])('rejects %j with a 400 naming the field', async (change, message) => {
      const t = await start();
      const response = await t.checkIn(sponsor, {
        kpi: 'churn-rate',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
        value: 2.5,
        ...change,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(message);
      expect(await t.rows()).toBe(0);
    });

    it('stores a pipeline batch once, all or nothing', async () => {
      const t = await start();
      const batch = {
        useCase: 'churn-prevention',
        idempotencyKey: 'bi-2026-10',
        actuals: [
          {
            kpi: 'churn-rate',
            periodStart: '2026-09-01',
            periodEnd: '2026-09-30',
            value: 2.7,
          },
          {
            kpi: 'churn-rate',
            periodStart: '2026-10-01',
            periodEnd: '2026-10-31',
            value: 2.6,
          },
        ],
      };
      const first = await t.push(batch);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        useCase: 'mlusecase:default/churn-prevention',
        stored: 2,
        duplicate: false,
      });
      const retry = await t.push(batch);
      expect(retry.status).toBe(200);
      expect(retry.body).toMatchObject({ stored: 0, duplicate: true });
      expect(await t.rows()).toBe(2);

      const bad = await t.push({
        ...batch,
        idempotencyKey: 'bi-2026-11',
        actuals: [
          {
            kpi: 'churn-rate',
            periodStart: '2026-11-01',
            periodEnd: '2026-11-30',
            value: 2.5,
          },
          {
            kpi: 'churn-rate',
            periodStart: '2026-12-01',
            periodEnd: '2026-12-31',
            value: 'x',
          },
        ],
      });
      expect(bad.status).toBe(400);
      expect(await t.rows()).toBe(2);

      const oversize = await t.push({
        ...batch,
        idempotencyKey: 'big',
        actuals: Array.from({ length: 51 }, () => batch.actuals[0]),
      });
      expect(oversize.status).toBe(400);
      expect(oversize.body.error.message).toMatch(
        /actuals holds 51 actuals; one batch may hold at most 50/,
      );
      const history = await request(t.server)
        .get(`${t.path}/history`)
        .set('Authorization', t.as(outsider));
      expect(history.body.records.map((r: any) => r.source)).toEqual([
        'pipeline',
        'pipeline',
      ]);
    });

    it('takes a batch body above the default 100 kB and answers 413 naming the limit above mlops.value.maxBodySize', async () => {
      const t = await start();
      const month = (i: number) => {
        const first = new Date(Date.UTC(2022, i, 1));
        const last = new Date(Date.UTC(2022, i + 1, 0));
        return {
          periodStart: first.toISOString().slice(0, 10),
          periodEnd: last.toISOString().slice(0, 10),
        };
      };
      const actuals = (count: number) =>
        Array.from({ length: count }, (_, i) => ({
          kpi: 'churn-rate',
          ...month(i),
          value: 2.5,
          comment: 'c'.repeat(1900),
          evidenceUrl: `https://bi.example.com/${'e'.repeat(1900)}`,
        }));
      const large = {
        useCase: 'churn-prevention',
        idempotencyKey: 'backfill',
        actuals: actuals(50),
      };
      expect(JSON.stringify(large).length).toBeGreaterThan(150_000);
      const stored = await t.push(large);
      expect(stored.status).toBe(201);
      expect(stored.body.stored).toBe(50);

      const tooLarge = await t.push({
        ...large,
        idempotencyKey: 'too-large',
        actuals: [...actuals(50), ...actuals(50), ...actuals(50)],
      });
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error.message).toBe(
        'the request body is larger than mlops.value.maxBodySize (300kb); split the batch',
      );
      expect(await t.rows()).toBe(50);
    });

    it('records a new definition version when the baseline changes, and old points keep theirs', async () => {
      const t = await start();
      await t.checkIn(sponsor, {
        kpi: 'churn-rate',
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        value: 2.6,
      });
      // The same database, a catalog whose use case now declares another baseline.
      const restarted = await start([useCase(3.0)], t.knex);
      // A read shows the declared definition after the stored one, and writes nothing.
      const read = churn(await restarted.value());
      expect(read.definitionVersions.map(v => [v.version, v.baseline])).toEqual(
        [
          [1, 2.8],
          [2, 3.0],
        ],
      );
      const after = await restarted.checkIn(sponsor, {
        kpi: 'churn-rate',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
        value: 2.5,
      });
      expect(churn(after.body).points.map(p => p.value)).toEqual([2.6, 2.5]);
      const history = await request(restarted.server)
        .get(`${restarted.path}/history`)
        .set('Authorization', restarted.as(outsider));
      expect(
        history.body.records.map((r: any) => [r.value, r.definitionVersion]),
      ).toEqual([
        [2.6, 1],
        [2.5, 2],
      ]);
    });

    it('feeds the value checks of the maturity rubric, re-evaluated after each check-in', async () => {
      const t = await start();
      await t.checkIn(sponsor, {
        kpi: 'churn-rate',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
        value: 2.5,
      });
      const scorecard = await request(t.server)
        .get('/api/mlops/scorecards/mlusecase/default/churn-prevention')
        .set('Authorization', t.as(outsider));
      const result = (id: string) =>
        scorecard.body.results.find((r: any) => r.checkId === id);
      expect(result('use-case.value-reported')).toMatchObject({
        outcome: 'failed',
        reason: 'No actual for Retention revenue.',
      });
      expect(result('use-case.value-on-track')).toMatchObject({
        outcome: expect.stringMatching(/passed|warning/),
      });
    });

    it("offers MCP clients a use case's value and a permission-checked check-in", async () => {
      const t = await start();
      const input = {
        entityRef: 'mlusecase:default/churn-prevention',
        kpi: 'churn-rate',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
        value: 2.5,
      };
      await expect(
        t.actionsRegistry.invoke({
          id: 'test:record-ml-use-case-kpi-actual',
          input,
          credentials: mockCredentials.user(outsider),
        }),
      ).rejects.toThrow(/mlops\.value\.record/);
      expect(await t.rows()).toBe(0);
      const recorded = await t.actionsRegistry.invoke({
        id: 'test:record-ml-use-case-kpi-actual',
        input,
        credentials: mockCredentials.user(sponsor),
      });
      expect(recorded.output).toMatchObject({ kpi: 'churn-rate' });
      const read = await t.actionsRegistry.invoke({
        id: 'test:get-ml-use-case-value',
        input: { entityRef: 'churn-prevention' },
        credentials: mockCredentials.user(outsider),
      });
      expect((read.output as any).kpis[0]).toMatchObject({
        id: 'churn-rate',
        latest: { value: 2.5 },
        progress: expect.closeTo(0.5),
      });
    });

    it('gives the sponsor a home: their use cases, a gate waiting for them, check-ins due and value at risk', async () => {
      const t = await start([useCase(), weakModel]);
      await t.checkIn(sponsor, {
        kpi: 'churn-rate',
        periodStart: '2026-09-01',
        periodEnd: '2026-09-30',
        value: 3.1,
      });
      // The owner attests the one attested criterion: stage 1 is ready for review.
      const attested = await request(t.server)
        .post(
          '/api/mlops/gates/mlusecase/default/churn-prevention/strategy/attestations',
        )
        .set('Authorization', t.as(owner))
        .send({
          criterion: 'strategy.operational-requirements',
          evidenceUrl: 'https://wiki.example.com/churn/nfr',
          comment: 'Agreed with the save desk.',
          revision: 0,
        });
      expect(attested.status).toBe(201);
      await request(t.server)
        .post('/api/mlops/scorecards/mlmodel/default/churn-gbm/refresh')
        .set('Authorization', t.as(owner));

      const home = await request(t.server)
        .get('/api/mlops/value/mine')
        .set('Authorization', t.as(sponsor));
      expect(home.status).toBe(200);
      expect(home.body.useCases.map((u: any) => u.entityRef)).toEqual([
        'mlusecase:default/churn-prevention',
      ]);
      expect(home.body.awaitingSignOff).toEqual([
        expect.objectContaining({
          entityRef: 'mlusecase:default/churn-prevention',
          stage: 'strategy',
          role: 'sponsor',
        }),
      ]);
      expect(home.body.checkInsDue.map((c: any) => [c.kpiId, c.state])).toEqual(
        [
          ['churn-rate', 'overdue'],
          ['retention-revenue', 'no-data'],
        ],
      );
      expect(home.body.valueAtRisk).toEqual([
        expect.objectContaining({
          kpiId: 'churn-rate',
          reasons: [
            "mlmodel:default/churn-gbm fails the use case's acceptance criteria",
          ],
        }),
      ]);

      // Someone who neither sponsors nor owns it sees none of it.
      const other = await request(t.server)
        .get('/api/mlops/value/mine')
        .set('Authorization', t.as(outsider));
      expect(other.body).toMatchObject({
        useCases: [],
        awaitingSignOff: [],
        checkInsDue: [],
        valueAtRisk: [],
      });
      // A service token has no home.
      const service = await request(t.server)
        .get('/api/mlops/value/mine')
        .set('Authorization', mockCredentials.service.header());
      expect(service.status).toBe(403);
    });

    it('lists use cases by urgency in the organisation view', async () => {
      const t = await start();
      await t.checkIn(sponsor, {
        kpi: 'churn-rate',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
        value: 3.1,
      });
      const overview = await request(t.server)
        .get('/api/mlops/value')
        .set('Authorization', t.as(outsider));
      expect(overview.status).toBe(200);
      expect(overview.body.useCases[0].kpis[0]).toMatchObject({
        id: 'churn-rate',
        status: expect.stringMatching(/off-track|overdue/),
      });
      expect(overview.body.statusCounts['no-data']).toBe(1);
    });

    it("pulls actuals from a KPI source a backend module adds, and records them as the source's", async () => {
      const pulls: Array<{ useCases: string[]; since?: Date }> = [];
      const module = createBackendModule({
        pluginId: 'mlops',
        moduleId: 'test-kpi-source',
        register(env) {
          env.registerInit({
            deps: { kpis: mlopsKpiSourcesExtensionPoint },
            async init({ kpis }) {
              kpis.addKpiSource({
                id: 'warehouse',
                schedule: {
                  frequency: { minutes: 30 },
                  timeout: { minutes: 1 },
                  initialDelay: { seconds: 0 },
                },
                async pull({ useCases, since }) {
                  pulls.push({
                    useCases: useCases.map(u => u.metadata.name),
                    since,
                  });
                  return [
                    {
                      useCase: 'churn-prevention',
                      idempotencyKey: 'warehouse:2026-10',
                      actuals: [
                        {
                          kpi: 'churn-rate',
                          periodStart: '2026-10-01',
                          periodEnd: '2026-10-31',
                          value: 2.6,
                        },
                      ],
                    },
                    {
                      useCase: 'churn-prevention',
                      idempotencyKey: 'warehouse:bad',
                      actuals: [
                        {
                          kpi: 'no-such-kpi',
                          periodStart: '2026-10-01',
                          periodEnd: '2026-10-31',
                          value: 1,
                        },
                      ],
                    },
                  ];
                },
              });
            },
          });
        },
      });
      const t = await start([useCase()], undefined, [
        module,
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ]);
      // Under load the first run can take a while: wait up to 30 s.
      let points: KpiValue['points'] = [];
      for (let i = 0; i < 300 && points.length === 0; i++) {
        await new Promise(r => setTimeout(r, 100));
        points = churn(await t.value()).points;
      }
      expect(pulls[0]).toEqual({
        useCases: ['churn-prevention'],
        since: undefined,
      });
      expect(points).toEqual([
        expect.objectContaining({ value: 2.6, periodStart: '2026-10-01' }),
      ]);
      expect(churn(await t.value()).latest).toMatchObject({
        source: 'source',
        recordedBy: 'warehouse',
      });
      // The batch that failed validation stored nothing.
      expect(await t.rows()).toBe(1);
    });
  },
);
