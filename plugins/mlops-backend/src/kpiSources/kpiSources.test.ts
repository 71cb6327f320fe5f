import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  KpiActualsBatch,
  mlopsKpiSourceDryRunPermission,
  validateMlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  KpiSourceBindingPull,
  mlopsKpiSourcesExtensionPoint,
  MlopsKpiSourcePullOptions,
} from '@mlightenment/backstage-plugin-mlops-node';
import request from 'supertest';
import {
  CHURN_RATE_DRIVER,
  RETENTION_REVENUE_DRIVER,
} from '../__testUtils__/entities';
import {
  PermissionDecisions,
  useMlopsBackend,
} from '../__testUtils__/testBackend';
import {
  createValueConditionalDecision,
  valueConditions,
} from '../value/permissionRules';
import { kpiSourceTaskId } from '.';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const USE_CASE = 'mlusecase:default/churn-prevention';
const OWNER = 'group:default/retention-analytics';
const auth = { Authorization: mockCredentials.user.header() };

const useCase: Entity = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLUseCase',
  metadata: { name: 'churn-prevention', namespace: 'default' },
  spec: {
    owner: OWNER,
    lifecycle: 'production',
    businessDrivers: [
      {
        ...CHURN_RATE_DRIVER,
        prometheus: { instance: 'main', query: 'churn_rate' },
      },
      {
        ...RETENTION_REVENUE_DRIVER,
        unit: 'kEUR',
        prometheus: { instance: 'main', query: 'revenue' },
      },
    ],
  },
  relations: [{ type: 'ownedBy', targetRef: OWNER }],
};

/** One month's actual of a KPI, as a batch of its own. */
const month = (kpi: string, yyyyMm: string, value: number): KpiActualsBatch => {
  const [y, m] = yyyyMm.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    useCase: USE_CASE,
    idempotencyKey: `test:${kpi}:${yyyyMm}`,
    actuals: [
      {
        kpi,
        periodStart: `${yyyyMm}-01`,
        periodEnd: `${yyyyMm}-${last}`,
        value,
      },
    ],
  };
};

const pull = (
  binding: string,
  fields: Partial<KpiSourceBindingPull>,
): KpiSourceBindingPull => ({
  useCase: USE_CASE,
  binding,
  description: `query of ${binding}`,
  batches: [],
  skipped: 0,
  span: { from: '2026-09-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
  ...fields,
});

/** What the test source answers next, and what the backend asked it for. */
const source = {
  answer: (_: MlopsKpiSourcePullOptions): KpiSourceBindingPull[] => [],
  calls: [] as MlopsKpiSourcePullOptions[],
};

const testSourceModule = createBackendModule({
  pluginId: 'mlops',
  moduleId: 'test-kpi-binding-source',
  register(env) {
    env.registerInit({
      deps: { kpis: mlopsKpiSourcesExtensionPoint },
      async init({ kpis }) {
        kpis.addKpiSource({
          id: 'test',
          schedule: {
            frequency: { trigger: 'manual' },
            timeout: { minutes: 1 },
          },
          async pull(options) {
            source.calls.push(options);
            return source.answer(options);
          },
        });
      },
    });
  },
});

/** Catalog reads allowed; the KPI dry run to the use case's owner only. */
const ownerPolicy = (claims: string[]): PermissionDecisions => ({
  authorize: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async requests =>
    requests.map(({ permission }) => {
      if (isPermission(permission, mlopsKpiSourceDryRunPermission)) {
        return createValueConditionalDecision(
          mlopsKpiSourceDryRunPermission,
          valueConditions.isUseCaseOwner({ claims }),
        );
      }
      return {
        result: isPermission(permission, catalogEntityReadPermission)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }) as any,
});

describe.each(databases.eachSupportedId())(
  'KPI sources that report bindings, on %s',
  databaseId => {
    const backend = useMlopsBackend(databases, databaseId, {
      entities: () => [useCase],
      features: [testSourceModule],
      permissions: ownerPolicy(['user:default/mock', OWNER]),
    });
    beforeEach(() => {
      source.calls.length = 0;
    });

    const runPull = () => backend.runTask(kpiSourceTaskId('test'));
    const status = () =>
      request(backend.server)
        .get('/api/mlops/kpi-sources/default/churn-prevention')
        .set(auth);
    const points = async (kpi: string) =>
      (
        await request(backend.server)
          .get('/api/mlops/value/default/churn-prevention')
          .set(auth)
      ).body.kpis.find((k: any) => k.id === kpi).points;
    const dryRun = (body: object) =>
      request(backend.server)
        .post('/api/mlops/kpi-sources/dry-run')
        .set(auth)
        .send(body);

    it('binds a valid use case', () => {
      expect(validateMlopsEntity(useCase as any)).toEqual([]);
    });

    it("keeps each KPI binding's last pull, actuals recorded and skipped, and the source's error verbatim", async () => {
      const refused =
        'Prometheus instance "main" refused the query: bad_data: 1:11: parse error: unclosed left parenthesis';
      source.answer = () => [
        pull('churn-rate', {
          batches: [month('churn-rate', '2026-09', 2.7)],
          skipped: 3,
        }),
        pull('revenue', { error: refused }),
      ];
      await runPull();
      const response = await status();
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        useCase: USE_CASE,
        bindings: [
          {
            source: 'test',
            binding: 'churn-rate',
            description: 'query of churn-rate',
            state: 'ok',
            lastPullAt: expect.any(String),
            pulledThrough: '2026-11-01T00:00:00.000Z',
            imported: 1,
            skipped: 3,
            totalImported: 1,
          },
          {
            source: 'test',
            binding: 'revenue',
            description: 'query of revenue',
            state: 'failed',
            lastPullAt: expect.any(String),
            imported: 0,
            skipped: 0,
            totalImported: 0,
            lastError: { at: expect.any(String), message: refused },
          },
        ],
      });
      expect(await points('churn-rate')).toEqual([
        expect.objectContaining({ periodStart: '2026-09-01', value: 2.7 }),
      ]);
    });

    it('asks a failed binding again from where it last succeeded, and keeps it where its stored batches reach', async () => {
      source.answer = () => [
        pull('churn-rate', { batches: [month('churn-rate', '2026-09', 2.7)] }),
      ];
      await runPull();
      // The next pull: October is stored, then the value API refuses a
      // batch (a KPI the use case does not declare).
      source.answer = () => [
        pull('churn-rate', {
          span: {
            from: '2026-11-01T00:00:00.000Z',
            to: '2026-12-01T00:00:00.000Z',
          },
          batches: [
            month('churn-rate', '2026-10', 2.6),
            month('no-such-kpi', '2026-11', 1),
          ],
        }),
      ];
      await runPull();
      expect(
        source.calls[1].pulledThrough(USE_CASE, 'churn-rate')?.toISOString(),
      ).toBe('2026-11-01T00:00:00.000Z');
      const [binding] = (await status()).body.bindings;
      expect(binding).toMatchObject({
        state: 'failed',
        imported: 1,
        totalImported: 2,
        // October's end: November is asked for again.
        pulledThrough: '2026-11-01T00:00:00.000Z',
        lastError: {
          message: expect.stringMatching(
            /^batch test:no-such-kpi:2026-11 was not stored: .*"no-such-kpi" is not a KPI/,
          ),
        },
      });
      await runPull();
      expect(
        source.calls[2].pulledThrough(USE_CASE, 'churn-rate')?.toISOString(),
      ).toBe('2026-11-01T00:00:00.000Z');
      expect(await points('churn-rate')).toHaveLength(2);
    });

    it('serves the status only to callers who may read the use case', async () => {
      backend.permissions.authorizeConditional.mockImplementation(
        async requests =>
          requests.map(() => ({ result: AuthorizeResult.DENY })) as any,
      );
      const response = await status();
      expect(response.status).toBe(404);
      expect(response.body.error.message).toBe(
        `No MLUseCase ${USE_CASE} in the catalog`,
      );
    });

    describe('the dry run', () => {
      const answer = (options: MlopsKpiSourcePullOptions) =>
        options.useCases.flatMap(u =>
          (u.spec.businessDrivers ?? []).map(d =>
            pull(d.id!, {
              description: d.prometheus?.query,
              batches: [
                month(d.id!, '2026-09', 2.7),
                month(d.id!, '2026-10', 2.6),
              ],
              skipped: 1,
            }),
          ),
        );

      it('runs a binding to try and says what it would record, storing nothing', async () => {
        source.answer = answer;
        const response = await dryRun({
          useCase: 'churn-prevention',
          kpi: 'churn-rate',
          prometheus: { instance: 'main', query: 'max(new_churn_rate)' },
        });
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          useCase: USE_CASE,
          bindings: [
            {
              source: 'test',
              binding: 'churn-rate',
              description: 'max(new_churn_rate)',
              samples: 2,
              skipped: 1,
              from: '2026-09-01T00:00:00.000Z',
              to: '2026-11-01T00:00:00.000Z',
              actuals: [
                month('churn-rate', '2026-09', 2.7).actuals[0],
                month('churn-rate', '2026-10', 2.6).actuals[0],
              ],
            },
          ],
        });
        expect(source.calls[0]).toMatchObject({ dryRun: true });
        expect(
          source.calls[0].pulledThrough(USE_CASE, 'churn-rate'),
        ).toBeUndefined();
        expect(await points('churn-rate')).toEqual([]);
        expect((await status()).body.bindings).toEqual([]);
      });

      it('says what the value API would refuse of what a binding returns, naming the field', async () => {
        source.answer = () => [
          pull('revenue', {
            batches: [
              month('revenue', '2026-09', 410),
              {
                ...month('revenue', '2026-10', 420),
                actuals: [
                  {
                    ...month('revenue', '2026-10', 420).actuals[0],
                    unit: 'EUR',
                  },
                ],
              },
            ],
          }),
        ];
        const response = await dryRun({ useCase: USE_CASE, kpi: 'revenue' });
        expect(response.status).toBe(200);
        expect(response.body.bindings).toEqual([
          expect.objectContaining({
            binding: 'revenue',
            samples: 0,
            actuals: [],
            error:
              'the value API would refuse: actuals[1].unit "EUR" is not the unit of KPI "revenue", which is "kEUR"',
          }),
        ]);
      });

      it('runs every bound KPI when the request names none', async () => {
        source.answer = answer;
        const response = await dryRun({ useCase: USE_CASE });
        expect(response.body.bindings.map((b: any) => b.binding)).toEqual([
          'churn-rate',
          'revenue',
        ]);
      });

      it('lists no binding for a source that binds none of the use case', async () => {
        source.answer = () => [];
        const response = await dryRun({ useCase: USE_CASE });
        expect(response.status).toBe(200);
        expect(response.body.bindings).toEqual([]);
      });

      it('names the field of a binding that is not valid, and a binding without its KPI', async () => {
        const invalid = await dryRun({
          useCase: USE_CASE,
          kpi: 'revenue',
          prometheus: { instance: 'main', query: '' },
        });
        expect(invalid.status).toBe(400);
        expect(invalid.body.error.message).toMatch(
          /^spec\.businessDrivers\[1\]\.prometheus\.query /,
        );
        const withoutKpi = await dryRun({
          useCase: USE_CASE,
          prometheus: { instance: 'main', query: 'up' },
        });
        expect(withoutKpi.status).toBe(400);
        expect(withoutKpi.body.error.message).toBe(
          'kpi: name the KPI whose binding to try',
        );
      });

      it("is for the use case's owner when the policy says so", async () => {
        source.answer = answer;
        expect((await dryRun({ useCase: USE_CASE })).status).toBe(200);

        const other = ownerPolicy([
          'user:default/mock',
          'group:default/other-team',
        ]);
        backend.permissions.authorizeConditional.mockImplementation(
          other.authorizeConditional!,
        );
        const refused = await dryRun({ useCase: USE_CASE });
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toMatch(
          /mlops\.kpi-source\.dry-run permission/,
        );
        expect(source.calls).toHaveLength(1);
      });
    });
  },
);
