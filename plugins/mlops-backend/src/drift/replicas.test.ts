import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { mlopsPlugin } from '../plugin';
import { churnInputDrift } from '../__testUtils__/entities';

jest.setTimeout(120_000);

// Two replicas share one PostgreSQL: the drift evaluation (which marks
// monitors stale) must run once per interval across both.
const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const monitor: Entity = churnInputDrift();

const INTERVAL_S = 3;

describe.each(databases.eachSupportedId())(
  'scheduled drift evaluation with two replicas on %s',
  databaseId => {
    it('runs once per interval across the replicas', async () => {
      const knex = await databases.init(databaseId);
      // When each replica's evaluation asked the catalog for every monitor.
      const runs: number[] = [];
      const replica = () =>
        startTestBackend({
          features: [
            mlopsPlugin,
            createServiceFactory({
              service: catalogServiceRef,
              deps: {},
              factory: () => {
                const catalog = catalogServiceMock({ entities: [monitor] });
                const getEntities = catalog.getEntities.bind(catalog);
                catalog.getEntities = async (request, options) => {
                  if ((request?.filter as any)?.kind === 'MLMonitor') {
                    runs.push(Date.now());
                  }
                  return getEntities(request, options);
                };
                return catalog;
              },
            }),
            mockServices.database.factory({ knex }),
            schedulerServiceFactory,
            actionsRegistryServiceMock.factory(),
            createServiceFactory({
              service: notificationService,
              deps: {},
              factory: () => ({ async send() {} }),
            }),
            mockServices.rootConfig.factory({
              data: {
                mlops: {
                  maturity: {
                    schedule: {
                      frequency: { hours: 1 },
                      timeout: { minutes: 1 },
                      initialDelay: { hours: 1 },
                    },
                  },
                  drift: {
                    schedule: {
                      frequency: { seconds: INTERVAL_S },
                      timeout: { seconds: 30 },
                      initialDelay: { seconds: 0 },
                    },
                  },
                },
              },
            }),
          ],
        });
      const started = Date.now();
      const a = await replica();
      const b = await replica();
      await new Promise(resolve => setTimeout(resolve, 5 * INTERVAL_S * 1000));
      const elapsed = (Date.now() - started) / 1000;
      await Promise.all([a.stop(), b.stop()]);

      expect(runs.length).toBeGreaterThanOrEqual(3);
      expect(runs.length).toBeLessThanOrEqual(
        Math.floor(elapsed / INTERVAL_S) + 1,
      );
      const [state] = await knex('mlops_drift_monitor_state');
      expect(state.state).toBe('no-data');
    });
  },
);
