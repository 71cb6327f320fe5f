import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mlopsPlugin } from './plugin';

jest.setTimeout(120_000);

// Several replicas share one PostgreSQL: the scheduled evaluation must run
// once per interval across all of them, not once per replica.
const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'retention-analytics', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLUseCase',
    metadata: { name: 'churn-prevention', namespace: 'default' },
    spec: {
      owner: 'group:default/retention-analytics',
      lifecycle: 'production',
    },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/retention-analytics' },
    ],
  },
];

const INTERVAL_S = 3;

describe.each(databases.eachSupportedId())(
  'scheduled evaluation with two replicas on %s',
  databaseId => {
    it('runs once per interval across the replicas', async () => {
      const knex = await databases.init(databaseId);
      const replica = () =>
        startTestBackend({
          features: [
            mlopsPlugin,
            catalogServiceMock.factory({ entities }),
            mockServices.database.factory({ knex }),
            schedulerServiceFactory,
            actionsRegistryServiceMock.factory(),
            mockServices.rootConfig.factory({
              data: {
                mlops: {
                  maturity: {
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
      // One after the other, as in a rolling deployment: the first migrates.
      const a = await replica();
      const b = await replica();
      await new Promise(resolve => setTimeout(resolve, 5 * INTERVAL_S * 1000));
      const elapsed = (Date.now() - started) / 1000;
      await Promise.all([a.stop(), b.stop()]);

      const runs = await knex('mlops_evaluation_runs').orderBy('id');
      // At most one run per interval elapsed (plus the one at start), and at
      // least a few: the schedule did run.
      expect(runs.length).toBeGreaterThanOrEqual(3);
      expect(runs.length).toBeLessThanOrEqual(
        Math.floor(elapsed / INTERVAL_S) + 1,
      );
      // Never two runs at once.
      for (let i = 1; i < runs.length; i++) {
        expect(new Date(runs[i].started_at).getTime()).toBeGreaterThanOrEqual(
          new Date(runs[i - 1].finished_at).getTime(),
        );
      }
    });
  },
);
