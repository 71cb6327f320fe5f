import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  startTestPrometheus,
  type TestPrometheus,
} from '@internal/test-prometheus';
// The module is tested started beside the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlopsPlugin from '@mlightenment/backstage-plugin-mlops-backend';
import prometheusModule from './index';
import {
  CARE_CONTACTS_P,
  CHURN_FIXTURE,
  churnModel,
  churnMonitor,
  eventually,
  lookbackToFixture,
  storedObservations,
  TENURE_PSI,
} from './__testUtils__/churn';

jest.setTimeout(180_000);

// Replicas share one PostgreSQL: each has the module and schedules the
// pull, and the drift episode must still be imported once.
const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const MONITOR = 'mlmonitor:default/churn-gbm-input-drift';
const entities = [
  churnModel,
  churnMonitor('churn-gbm-input-drift', {
    instance: 'main',
    features: [
      { name: 'tenure_months', query: TENURE_PSI },
      { name: 'care_contacts_30d', query: CARE_CONTACTS_P },
    ],
  }),
];
/** 71 finite tenure_months samples (one NaN) and 72 p-values of care_contacts_30d. */
const EPISODE = 71 + 72;

/** Counts the pulls a replica ran that had a window due. */
function countingLogger(pulls: { count: number }): LoggerService {
  const logger: LoggerService = {
    error: () => {},
    warn: () => {},
    info: message => {
      if (message.startsWith('Prometheus: pulled')) pulls.count++;
    },
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

describe.each(databases.eachSupportedId())(
  'two replicas with the Prometheus module on %s',
  databaseId => {
    let prometheus: TestPrometheus;
    beforeAll(async () => {
      prometheus = await startTestPrometheus([CHURN_FIXTURE]);
    });
    afterAll(async () => {
      await prometheus?.stop();
    });

    it('import the drift episode once, whichever pulls', async () => {
      const knex = await databases.init(databaseId);
      const replica = (pulls: { count: number }) =>
        startTestBackend({
          features: [
            mlopsPlugin,
            prometheusModule,
            catalogServiceMock.factory({ entities }),
            mockServices.database.factory({ knex }),
            schedulerServiceFactory,
            mockServices.rootConfig.factory({
              data: {
                mlops: {
                  prometheus: {
                    lookback: lookbackToFixture(),
                    instances: { main: { baseUrl: prometheus.url } },
                    driftSchedule: {
                      frequency: { seconds: 2 },
                      timeout: { seconds: 60 },
                      initialDelay: { seconds: 0 },
                    },
                  },
                },
              },
            }),
            createServiceFactory({
              service: coreServices.rootLogger,
              deps: {},
              factory: () => countingLogger(pulls) as any,
            }),
            actionsRegistryServiceMock.factory(),
            createServiceFactory({
              service: notificationService,
              deps: {},
              factory: () => ({ send: async () => {} }),
            }),
          ],
        });
      const pulls = [{ count: 0 }, { count: 0 }];
      // One after the other, as in a rolling deployment: the first migrates.
      const a = await replica(pulls[0]);
      const b = await replica(pulls[1]);
      const observations = () => storedObservations(knex, MONITOR);
      await eventually(
        async () => (await observations()).length,
        n => n >= EPISODE,
      );
      // Three more intervals, in which either replica may pull again.
      await new Promise(resolve => setTimeout(resolve, 3 * 2000));
      await Promise.all([a.stop(), b.stop()]);

      const rows = await observations();
      expect(rows).toHaveLength(EPISODE);
      const distinct = new Set(rows.map(r => `${r.feature} ${r.observedAt}`));
      expect(distinct.size).toBe(EPISODE);
      // One replica's pull imported the window; the other's, in the same
      // hour, found nothing due or the same window stored.
      expect(pulls[0].count + pulls[1].count).toBeGreaterThanOrEqual(1);
      const bindings = await knex('mlops_source_bindings').where({
        kind: 'drift',
        entity_ref: MONITOR,
      });
      expect(
        bindings.map(r => [r.binding, Number(r.total_imported)]).sort(),
      ).toEqual([
        ['care_contacts_30d', 72],
        ['tenure_months', 71],
      ]);
    });
  },
);
