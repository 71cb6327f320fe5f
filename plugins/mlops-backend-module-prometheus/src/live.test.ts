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
  churnModel,
  churnMonitor,
  eventually,
  manualScheduler,
  PROMETHEUS_DRIFT_TASK,
  storedObservations,
} from './__testUtils__/churn';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const auth = { Authorization: mockCredentials.user.header() };
const QUERY = 'live_feature_psi{model="churn-gbm",feature="tenure_months"}';
const monitor = churnMonitor('churn-gbm-live', {
  instance: 'main',
  step: 'PT1S',
  features: [{ name: 'tenure_months', query: QUERY }],
});

/** A drift job's exporter: one gauge, the PSI it computed last. */
function exporter() {
  const state = { psi: 0.05 };
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
      .end(
        [
          '# HELP live_feature_psi PSI of a feature against its reference window.',
          '# TYPE live_feature_psi gauge',
          `${QUERY} ${state.psi}`,
          '',
        ].join('\n'),
      );
  });
  return { server, state };
}

describe('live series scraped from an exporter', () => {
  let prometheus: TestPrometheus;
  const live = exporter();

  beforeAll(async () => {
    await new Promise<void>(resolve =>
      live.server.listen(0, '127.0.0.1', resolve),
    );
    const { port } = live.server.address() as net.AddressInfo;
    prometheus = await startTestPrometheus([], {
      scrape: {
        job: 'drift-job',
        targets: [`127.0.0.1:${port}`],
        interval: '1s',
      },
    });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await new Promise(resolve => live.server.close(resolve));
  });

  /** The value Prometheus has scraped last. */
  const scraped = async () => {
    const response = await fetch(
      `${prometheus.url}/api/v1/query?query=${encodeURIComponent(QUERY)}`,
    );
    const body = await response.json();
    return Number(body.data?.result?.[0]?.value?.[1]);
  };

  it('binds a valid monitor', () => {
    expect(validateMlopsEntity(monitor as any)).toEqual([]);
  });

  it.each(databases.eachSupportedId())(
    'imports the samples Prometheus scrapes, each pull from where the last ended, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const scheduler = manualScheduler();
      const { server } = await startTestBackend({
        features: [
          mlopsPlugin,
          prometheusModule,
          catalogServiceMock.factory({ entities: [churnModel, monitor] }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              mlops: {
                prometheus: {
                  lookback: { seconds: 30 },
                  instances: { main: { baseUrl: prometheus.url } },
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
      });
      const health = async () =>
        (
          await request(server)
            .get('/api/mlops/drift/health/mlmonitor/default/churn-gbm-live')
            .set(auth)
        ).body;
      const tenure = async () =>
        (await health()).monitors[0].features.find(
          (f: { name: string }) => f.name === 'tenure_months',
        );
      const binding = async () =>
        (
          await request(server)
            .get('/api/mlops/drift/sources/default/churn-gbm-live')
            .set(auth)
        ).body.bindings[0];

      live.state.psi = 0.05;
      expect(await eventually(scraped, v => v === 0.05)).toBe(0.05);
      // A pull's window ends at the last whole second: let a few pass.
      await new Promise(resolve => setTimeout(resolve, 2000));
      await scheduler.run(PROMETHEUS_DRIFT_TASK);
      const first = await binding();
      expect(first).toMatchObject({ state: 'ok', skipped: 0 });
      expect(first.imported).toBeGreaterThan(0);
      expect(await tenure()).toMatchObject({
        value: 0.05,
        state: 'healthy',
      });

      // The drift job computes a PSI past the alert threshold.
      live.state.psi = 0.4;
      expect(await eventually(scraped, v => v === 0.4)).toBe(0.4);
      await new Promise(resolve => setTimeout(resolve, 2000));
      await scheduler.run(PROMETHEUS_DRIFT_TASK);
      const second = await binding();
      expect(Date.parse(second.pulledThrough)).toBeGreaterThan(
        Date.parse(first.pulledThrough),
      );
      expect(second.totalImported).toBe(first.imported + second.imported);
      expect((await health()).state).toBe('alert');
      expect(await tenure()).toMatchObject({
        value: 0.4,
        state: 'alert',
      });

      // Each second on the grid once: the second pull started after the first.
      const rows = await storedObservations(
        knex,
        'mlmonitor:default/churn-gbm-live',
      );
      expect(rows).toHaveLength(second.totalImported);
      expect(new Set(rows.map(r => r.observedAt)).size).toBe(rows.length);
    },
  );
});
