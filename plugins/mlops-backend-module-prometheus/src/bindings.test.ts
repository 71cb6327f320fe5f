import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  freePort,
  startTestPrometheus,
  type TestPrometheus,
} from '@internal/test-prometheus';
// The module is tested started beside the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlopsPlugin from '@mlightenment/backstage-plugin-mlops-backend';
import { validateMlopsEntity } from '@mlightenment/backstage-plugin-mlops-common';
import http from 'node:http';
import net from 'node:net';
import request from 'supertest';
import prometheusModule from './index';
import {
  CARE_CONTACTS_P,
  CHURN_FIXTURE,
  CHURN_RATE,
  churnModel,
  churnMonitor,
  churnUseCase,
  lookbackToFixture,
  manualScheduler,
  PROMETHEUS_DRIFT_TASK,
  PROMETHEUS_KPI_TASK,
  TENURE_PSI,
} from './__testUtils__/churn';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const auth = { Authorization: mockCredentials.user.header() };
const tenure = (query: string, instance = 'main') => ({
  instance,
  features: [{ name: 'tenure_months', query }],
});

const sourceOf = (query: string, instance = 'main') => ({
  prometheus: tenure(query, instance),
});

const entities = [
  churnModel,
  churnMonitor('churn-gbm-input-drift', {
    instance: 'main',
    features: [
      { name: 'tenure_months', query: TENURE_PSI },
      { name: 'care_contacts_30d', query: CARE_CONTACTS_P },
    ],
  }),
  churnMonitor('churn-gbm-care-contacts', {
    instance: 'main',
    features: [{ name: 'care_contacts_30d', query: CARE_CONTACTS_P }],
  }),
  churnMonitor('churn-gbm-empty', tenure('churn_feature_psi{feature="none"}')),
  churnMonitor('churn-gbm-bad-query', tenure('max(churn_feature_psi[5m]')),
  churnMonitor('churn-gbm-flaky', tenure(TENURE_PSI, 'flaky')),
  churnUseCase('churn-prevention', { instance: 'main', query: CHURN_RATE }),
  churnUseCase('churn-bad-kpi', {
    instance: 'main',
    query: 'avg_over_time(business_churn_rate_percent[30d]',
  }),
  churnUseCase('churn-flaky-kpi', { instance: 'flaky', query: CHURN_RATE }),
];

/** The fixture's churn rate in November: its last sample, the month's actual. */
const NOVEMBER = {
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  value: 2.545,
};

/** The fixture's tenure_months: 72 hourly samples, one of them NaN. */
const TENURE_SAMPLES = 71;
const TENURE_LAST = '2026-11-22T23:00:00.000Z';

/**
 * A Prometheus that fails on its side (503) until it is healed, then
 * answers as the real one does.
 */
function flakyProxy(target: string) {
  const state = { healthy: false };
  const server = http.createServer(async (req, res) => {
    if (!state.healthy) {
      res.writeHead(503).end('Service Unavailable');
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers: { 'content-type': String(req.headers['content-type']) },
      body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
    });
    res
      .writeHead(upstream.status, { 'content-type': 'application/json' })
      .end(await upstream.text());
  });
  return { server, state };
}

describe('binding status and dry run, against a real Prometheus server', () => {
  let prometheus: TestPrometheus;
  let flaky: ReturnType<typeof flakyProxy>;
  let flakyUrl: string;
  let closedUrl: string;

  beforeAll(async () => {
    prometheus = await startTestPrometheus([CHURN_FIXTURE]);
    flaky = flakyProxy(prometheus.url);
    await new Promise<void>(resolve =>
      flaky.server.listen(0, '127.0.0.1', resolve),
    );
    flakyUrl = `http://127.0.0.1:${
      (flaky.server.address() as net.AddressInfo).port
    }`;
    closedUrl = `http://127.0.0.1:${await freePort()}`;
  });

  afterAll(async () => {
    await prometheus?.stop();
    await new Promise(resolve => flaky?.server.close(resolve));
  });

  it('binds valid entities', () => {
    expect(entities.flatMap(e => validateMlopsEntity(e as any))).toEqual([]);
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: any;
    let scheduler: ReturnType<typeof manualScheduler>;
    const get = async (path: string) =>
      (await request(server).get(`/api/mlops${path}`).set(auth)).body;
    const status = async (name: string) =>
      (await get(`/drift/sources/default/${name}`)).bindings;
    const dryRun = (body: object) =>
      request(server)
        .post('/api/mlops/drift/sources/dry-run')
        .set(auth)
        .send(body);
    const kpiStatus = async (name: string) =>
      (await get(`/kpi-sources/default/${name}`)).bindings;
    const kpiDryRun = (body: object) =>
      request(server)
        .post('/api/mlops/kpi-sources/dry-run')
        .set(auth)
        .send(body);
    const actuals = async (name: string) =>
      (await get(`/value/default/${name}`)).kpis[0].points;

    beforeAll(async () => {
      flaky.state.healthy = false;
      scheduler = manualScheduler();
      ({ server } = await startTestBackend({
        features: [
          mlopsPlugin,
          prometheusModule,
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({
            knex: await databases.init(databaseId),
          }),
          mockServices.rootConfig.factory({
            data: {
              mlops: {
                prometheus: {
                  lookback: lookbackToFixture(),
                  instances: {
                    main: { baseUrl: prometheus.url },
                    flaky: { baseUrl: flakyUrl, retries: 0 },
                    closed: {
                      baseUrl: closedUrl,
                      retries: 0,
                      timeout: { milliseconds: 500 },
                    },
                  },
                },
              },
            },
          }),
          scheduler.factory,
          actionsRegistryServiceMock.factory(),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
        ],
      }));
      await scheduler.run(PROMETHEUS_DRIFT_TASK);
      await scheduler.run(PROMETHEUS_KPI_TASK);
    });

    it('keeps what each query imported and skipped, and how far it reached', async () => {
      expect(await status('churn-gbm-input-drift')).toEqual([
        {
          source: 'prometheus',
          binding: 'care_contacts_30d',
          description: `instance "main": ${CARE_CONTACTS_P}`,
          state: 'ok',
          lastPullAt: expect.any(String),
          pulledThrough: expect.any(String),
          imported: 72,
          skipped: 0,
          totalImported: 72,
        },
        {
          source: 'prometheus',
          binding: 'tenure_months',
          description: `instance "main": ${TENURE_PSI}`,
          state: 'ok',
          lastPullAt: expect.any(String),
          pulledThrough: expect.any(String),
          imported: TENURE_SAMPLES,
          skipped: 1,
          totalImported: TENURE_SAMPLES,
        },
      ]);
      const health = await get(
        '/drift/health/mlmonitor/default/churn-gbm-input-drift',
      );
      expect(health.state).toBe('alert');
    });

    it("keeps Prometheus' error verbatim for a query it refuses", async () => {
      const [binding] = await status('churn-gbm-bad-query');
      expect(binding).toMatchObject({
        binding: 'tenure_months',
        state: 'failed',
        imported: 0,
        lastError: {
          message: expect.stringMatching(
            /^Prometheus instance "main" refused the query: bad_data: .*parse error/,
          ),
        },
      });
      expect(binding.pulledThrough).toBeUndefined();
    });

    it('says "no data" for a query without samples, and the monitor has none', async () => {
      expect(await status('churn-gbm-empty')).toEqual([
        expect.objectContaining({ state: 'no-data', imported: 0 }),
      ]);
      expect(
        (await get('/drift/health/mlmonitor/default/churn-gbm-empty')).state,
      ).toBe('no-data');
    });

    it('turns a monitor stale when its samples stop for longer than its cadence', async () => {
      // care_contacts_30d is healthy, but its last sample is weeks old.
      const health = await get(
        '/drift/health/mlmonitor/default/churn-gbm-care-contacts',
      );
      expect(health.monitors[0]).toMatchObject({
        state: 'stale',
        lastObservationAt: TENURE_LAST,
      });
      expect(
        health.monitors[0].features.find(
          (f: any) => f.name === 'care_contacts_30d',
        ),
      ).toMatchObject({ state: 'healthy', pValue: 0.5 });
    });

    it('pulls the window of a query that failed again, once the instance answers', async () => {
      const [failed] = await status('churn-gbm-flaky');
      expect(failed).toMatchObject({
        state: 'failed',
        imported: 0,
        lastError: {
          message:
            'Prometheus instance "flaky" did not answer after 1 attempts: HTTP 503',
        },
      });

      flaky.state.healthy = true;
      await scheduler.run(PROMETHEUS_DRIFT_TASK);
      const [recovered] = await status('churn-gbm-flaky');
      // The whole episode, from the start of the lookback: nothing lost.
      expect(recovered).toMatchObject({
        state: 'ok',
        imported: TENURE_SAMPLES,
        skipped: 1,
        totalImported: TENURE_SAMPLES,
        lastError: { at: failed.lastError.at },
      });
      expect(
        (await get('/drift/health/mlmonitor/default/churn-gbm-flaky')).state,
      ).toBe('alert');
      // A binding that had succeeded asks only for what is new: nothing
      // imported twice.
      const [tenureAgain] = (await status('churn-gbm-input-drift')).filter(
        (b: any) => b.binding === 'tenure_months',
      );
      expect(tenureAgain.totalImported).toBe(TENURE_SAMPLES);
    });

    describe('KPI bindings', () => {
      it("keeps what a KPI's query recorded, and how far it reached", async () => {
        expect(await kpiStatus('churn-prevention')).toEqual([
          {
            source: 'prometheus',
            binding: 'churn-rate',
            description: `instance "main": ${CHURN_RATE}`,
            state: 'ok',
            lastPullAt: expect.any(String),
            // The end of November, the last period completed.
            pulledThrough: '2026-12-01T00:00:00.000Z',
            imported: 1,
            skipped: 0,
            totalImported: 1,
          },
        ]);
        expect(await actuals('churn-prevention')).toEqual([
          expect.objectContaining(NOVEMBER),
        ]);
      });

      it("keeps Prometheus' error verbatim for a KPI query it refuses", async () => {
        const [binding] = await kpiStatus('churn-bad-kpi');
        expect(binding).toMatchObject({
          binding: 'churn-rate',
          state: 'failed',
          imported: 0,
          lastError: {
            message: expect.stringMatching(
              /^Prometheus instance "main" refused the query: bad_data: .*parse error/,
            ),
          },
        });
        expect(binding.pulledThrough).toBeUndefined();
        expect(await actuals('churn-bad-kpi')).toEqual([]);
      });

      it('pulls the periods of a KPI query that failed again, once the instance answers', async () => {
        flaky.state.healthy = false;
        await scheduler.run(PROMETHEUS_KPI_TASK);
        const [failed] = await kpiStatus('churn-flaky-kpi');
        expect(failed).toMatchObject({
          state: 'failed',
          imported: 0,
          lastError: {
            message:
              'Prometheus instance "flaky" did not answer after 1 attempts: HTTP 503',
          },
        });
        expect(await actuals('churn-flaky-kpi')).toEqual([]);

        flaky.state.healthy = true;
        await scheduler.run(PROMETHEUS_KPI_TASK);
        const [recovered] = await kpiStatus('churn-flaky-kpi');
        expect(recovered).toMatchObject({
          state: 'ok',
          imported: 1,
          totalImported: 1,
          pulledThrough: '2026-12-01T00:00:00.000Z',
          lastError: { at: failed.lastError.at },
        });
        expect(await actuals('churn-flaky-kpi')).toEqual([
          expect.objectContaining(NOVEMBER),
        ]);
        // A binding that had succeeded has nothing due: November is not
        // asked for, nor recorded, twice.
        const [again] = await kpiStatus('churn-prevention');
        expect(again).toMatchObject({ state: 'ok', totalImported: 1 });
        expect(await actuals('churn-prevention')).toHaveLength(1);
      });

      it('says what a KPI binding to try would record, and stores nothing', async () => {
        const response = await kpiDryRun({
          useCase: 'mlusecase:default/churn-bad-kpi',
          kpi: 'churn-rate',
          prometheus: { instance: 'main', query: CHURN_RATE },
        });
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          useCase: 'mlusecase:default/churn-bad-kpi',
          bindings: [
            {
              source: 'prometheus',
              binding: 'churn-rate',
              description: `instance "main": ${CHURN_RATE}`,
              samples: 1,
              skipped: 0,
              from: '2026-11-01T00:00:00.000Z',
              to: '2026-12-01T00:00:00.000Z',
              actuals: [{ kpi: 'churn-rate', ...NOVEMBER }],
            },
          ],
        });
        expect(await actuals('churn-bad-kpi')).toEqual([]);
        expect((await kpiStatus('churn-bad-kpi'))[0].state).toBe('failed');
      });

      it("returns Prometheus' error for a KPI query it refuses, and names an unknown instance", async () => {
        const refused = await kpiDryRun({ useCase: 'churn-bad-kpi' });
        expect(refused.body.bindings).toEqual([
          expect.objectContaining({
            binding: 'churn-rate',
            samples: 0,
            actuals: [],
            error: expect.stringMatching(
              /^Prometheus instance "main" refused the query: bad_data: .*parse error/,
            ),
          }),
        ]);
        const unknown = await kpiDryRun({
          useCase: 'churn-prevention',
          kpi: 'churn-rate',
          prometheus: { instance: 'staging', query: CHURN_RATE },
        });
        expect(unknown.body.bindings[0].error).toBe(
          'instance "staging" is not configured under mlops.prometheus.instances (main, flaky, closed)',
        );
      });

      it('names a KPI the use case does not declare, and a binding the catalog would refuse', async () => {
        const notAKpi = await kpiDryRun({
          useCase: 'churn-prevention',
          kpi: 'nps',
          prometheus: { instance: 'main', query: CHURN_RATE },
        });
        expect(notAKpi.status).toBe(400);
        expect(notAKpi.body.error.message).toBe(
          'kpi "nps" is not a KPI of mlusecase:default/churn-prevention; its KPIs are "churn-rate"',
        );
        const empty = await kpiDryRun({
          useCase: 'churn-prevention',
          kpi: 'churn-rate',
          prometheus: { instance: 'main', query: '' },
        });
        expect(empty.status).toBe(400);
        expect(empty.body.error.message).toMatch(
          /^spec\.businessDrivers\[0\]\.prometheus\.query /,
        );
      });
    });

    describe('the dry run', () => {
      it('says what a binding to try would import, and stores nothing', async () => {
        const response = await dryRun({
          monitor: 'mlmonitor:default/churn-gbm-empty',
          source: sourceOf(TENURE_PSI),
        });
        expect(response.status).toBe(200);
        const [binding] = response.body.bindings;
        expect(binding).toMatchObject({
          source: 'prometheus',
          binding: 'tenure_months',
          description: `instance "main": ${TENURE_PSI}`,
          samples: TENURE_SAMPLES,
          skipped: 1,
        });
        expect(binding.observations).toHaveLength(TENURE_SAMPLES);
        expect(binding.observations[TENURE_SAMPLES - 1]).toEqual({
          feature: 'tenure_months',
          observedAt: TENURE_LAST,
          value: 0.45,
        });
        // Nothing stored: the monitor still has no data.
        expect(
          (await get('/drift/health/mlmonitor/default/churn-gbm-empty')).state,
        ).toBe('no-data');
        expect((await status('churn-gbm-empty'))[0].state).toBe('no-data');
      });

      it("returns Prometheus' error for a query it refuses", async () => {
        const response = await dryRun({
          monitor: 'churn-gbm-input-drift',
          source: sourceOf('rate(churn_feature_psi[5m]) +'),
        });
        expect(response.status).toBe(200);
        expect(response.body.bindings).toEqual([
          expect.objectContaining({
            binding: 'tenure_months',
            samples: 0,
            observations: [],
            error: expect.stringMatching(
              /^Prometheus instance "main" refused the query: bad_data: .*parse error/,
            ),
          }),
        ]);
      });

      it('says so when the instance does not answer', async () => {
        const response = await dryRun({
          monitor: 'churn-gbm-input-drift',
          source: sourceOf(TENURE_PSI, 'closed'),
        });
        expect(response.body.bindings).toEqual([
          expect.objectContaining({
            error: expect.stringMatching(
              /^Prometheus instance "closed" did not answer after 1 attempts: .*ECONNREFUSED/,
            ),
          }),
        ]);
      });

      it('names an instance that is not configured', async () => {
        const response = await dryRun({
          monitor: 'churn-gbm-input-drift',
          source: sourceOf(TENURE_PSI, 'staging'),
        });
        expect(response.body.bindings[0].error).toBe(
          'instance "staging" is not configured under mlops.prometheus.instances (main, flaky, closed)',
        );
      });
    });
  });
});
