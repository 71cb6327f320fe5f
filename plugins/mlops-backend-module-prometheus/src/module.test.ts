import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import {
  coreServices,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
// The module is tested started beside the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlopsPlugin from '@mlightenment/backstage-plugin-mlops-backend';
import { validateMlopsEntity } from '@mlightenment/backstage-plugin-mlops-common';
import net from 'node:net';
import request from 'supertest';
import {
  freePort,
  startTestPrometheus,
  type TestPrometheus,
} from '@internal/test-prometheus';
import {
  CARE_CONTACTS_P,
  CHURN_FIXTURE,
  CHURN_RATE,
  churnModel,
  churnMonitor,
  churnUseCase,
  eventually,
  lookbackToFixture,
  TENURE_PSI,
} from './__testUtils__/churn';
import prometheusModule from './index';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const auth = { Authorization: mockCredentials.user.header() };
// churn.om.txt holds 72 hours from 2026-11-20T00:00Z: tenure_months' PSI
// healthy for two days, then rising past the alert threshold (one NaN on the
// way); a steady KS p-value; the churn rate falling from 2.9 to 2.545 %.

const tenure = (query: string) => ({
  instance: 'main',
  features: [{ name: 'tenure_months', query }],
});

const entities: Entity[] = [
  churnModel,
  churnMonitor('churn-gbm-input-drift', {
    instance: 'main',
    features: [
      { name: 'tenure_months', query: TENURE_PSI },
      { name: 'care_contacts_30d', query: CARE_CONTACTS_P },
    ],
  }),
  churnMonitor(
    'churn-gbm-empty',
    tenure('churn_feature_psi{feature="no_such"}'),
  ),
  churnMonitor('churn-gbm-bad-query', tenure('max(churn_feature_psi[5m]')),
  churnMonitor('churn-gbm-silent', {
    ...tenure('churn_feature_psi'),
    instance: 'silent',
  }),
  churnMonitor('churn-gbm-closed', {
    ...tenure('churn_feature_psi'),
    instance: 'closed',
  }),
  churnUseCase('churn-prevention', { instance: 'main', query: CHURN_RATE }),
];

/** Every line the backend logs, with its level. */
function recordingLogger(lines: string[]): LoggerService {
  const logger: LoggerService = {
    error: message => void lines.push(`error ${message}`),
    warn: message => void lines.push(`warn ${message}`),
    info: message => void lines.push(`info ${message}`),
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

describe('the Prometheus module, against a real Prometheus server', () => {
  let prometheus: TestPrometheus;
  let silent: net.Server;
  const silentSockets: net.Socket[] = [];
  let server: any;
  const logs: string[] = [];
  const health = async (name: string) =>
    (
      await request(server)
        .get(`/api/mlops/drift/health/mlmonitor/default/${name}`)
        .set(auth)
    ).body;
  const logged = (text: string) => logs.filter(line => line.includes(text));

  beforeAll(async () => {
    prometheus = await startTestPrometheus([CHURN_FIXTURE]);
    // Accepts connections and never answers.
    silent = net.createServer(socket => silentSockets.push(socket));
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as net.AddressInfo).port;
    const closedPort = await freePort();
    const quick = { timeout: { milliseconds: 300 }, retries: 1 };
    ({ server } = await startTestBackend({
      features: [
        mlopsPlugin,
        prometheusModule,
        catalogServiceMock.factory({ entities }),
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        mockServices.rootConfig.factory({
          data: {
            mlops: {
              prometheus: {
                lookback: lookbackToFixture(),
                instances: {
                  main: { baseUrl: prometheus.url },
                  silent: {
                    baseUrl: `http://127.0.0.1:${silentPort}`,
                    ...quick,
                  },
                  closed: {
                    baseUrl: `http://127.0.0.1:${closedPort}`,
                    ...quick,
                  },
                },
              },
            },
          },
        }),
        createServiceFactory({
          service: coreServices.rootLogger,
          deps: {},
          factory: () => recordingLogger(logs) as any,
        }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        actionsRegistryServiceMock.factory(),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
      ],
    }));
    // Both pulls have run once every bound monitor and KPI is logged.
    await eventually(
      async () => logs,
      lines =>
        lines.filter(line => line.includes('Prometheus: pulled')).length >= 6,
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
    silentSockets.forEach(socket => socket.destroy());
    await new Promise(resolve => silent?.close(resolve));
  });

  it('binds valid entities', () => {
    expect(entities.flatMap(e => validateMlopsEntity(e as any))).toEqual([]);
  });

  it('imports a backfilled drift episode, which turns the monitor to alert', async () => {
    const body = await eventually(
      () => health('churn-gbm-input-drift'),
      b => b.state === 'alert',
    );
    expect(body.state).toBe('alert');
    const features = body.monitors[0].features;
    expect(features.find((f: any) => f.name === 'tenure_months')).toMatchObject(
      {
        value: 0.45,
        state: 'alert',
        observedAt: '2026-11-22T23:00:00.000Z',
      },
    );
    // The p-value binding fills the p-value its thresholds are on.
    expect(
      features.find((f: any) => f.name === 'care_contacts_30d'),
    ).toMatchObject({ state: 'healthy', pValue: 0.5 });
    expect(
      logged(
        'skipped 1 NaN or infinite samples of mlmonitor:default/churn-gbm-input-drift feature tenure_months',
      ),
    ).toHaveLength(1);
  });

  it("records a KPI's last sample in each completed period in the ledger", async () => {
    const read = async () =>
      (
        await request(server)
          .get('/api/mlops/value/default/churn-prevention')
          .set(auth)
      ).body;
    const body = await eventually(read, b => b.kpis?.[0]?.points?.length > 0);
    expect(body.kpis[0].points).toEqual([
      expect.objectContaining({
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
        value: 2.545,
      }),
    ]);
  });

  it('stores nothing for a query without samples: the monitor has no data', async () => {
    expect((await health('churn-gbm-empty')).state).toBe('no-data');
    expect(
      logged('pulled 0 observations of mlmonitor:default/churn-gbm-empty'),
    ).toHaveLength(1);
  });

  it("logs Prometheus' own error for a query it rejects, and stores nothing", async () => {
    expect((await health('churn-gbm-bad-query')).state).toBe('no-data');
    const errors = logged('churn-gbm-bad-query feature tenure_months');
    expect(errors).toEqual([
      expect.stringMatching(
        /^error Prometheus: pulling .* failed: Prometheus instance "main" refused the query: bad_data: .*parse error.*/,
      ),
    ]);
  });

  it('gives up on an instance that does not answer, after retrying, and stores nothing', async () => {
    expect((await health('churn-gbm-silent')).state).toBe('no-data');
    expect(logged('churn-gbm-silent feature tenure_months')).toEqual([
      expect.stringContaining(
        'Prometheus instance "silent" did not answer after 2 attempts: no answer within 300 ms',
      ),
    ]);
    expect((await health('churn-gbm-closed')).state).toBe('no-data');
    expect(logged('churn-gbm-closed feature tenure_months')).toEqual([
      expect.stringMatching(
        /Prometheus instance "closed" did not answer after 2 attempts: .*ECONNREFUSED/,
      ),
    ]);
  });
});
