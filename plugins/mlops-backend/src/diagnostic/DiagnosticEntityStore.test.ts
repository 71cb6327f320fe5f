import { TestDatabases } from '@backstage/backend-test-utils';
import {
  isMLModelEntity,
  MLModelEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { DiagnosticEntityStore } from './DiagnosticEntityStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const model = (
  name: string,
  framework: string,
  owner = 'group:default/retention-analytics',
): MLModelEntityV1alpha1 => ({
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLModel',
  metadata: {
    name,
    namespace: 'default',
    uid: `uid-${name}`,
    etag: `etag-${framework}`,
    annotations: { 'backstage.io/managed-by-location': 'url:https://x' },
  },
  spec: {
    owner,
    useCase: 'mlusecase:default/churn-prevention',
    lifecycle: 'production',
    type: 'classification',
    framework,
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/retention-analytics' },
  ],
});

describe.each(databases.eachSupportedId())(
  'DiagnosticEntityStore on %s',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      return { knex, store: new DiagnosticEntityStore(knex) };
    }

    it('keeps each ML entity with the fields the diagnostic reads, the latest version of each', async () => {
      const { store } = await setUp();
      // Nothing stored before the first refresh: the catalog is read instead.
      expect(await store.list()).toBeUndefined();
      const now = new Date('2026-12-01T00:00:00Z');
      await store.save([model('churn-gbm', 'xgboost')], now);
      await store.save(
        [model('churn-gbm', 'lightgbm'), model('churn-logit', 'sklearn')],
        now,
      );
      expect(await store.list()).toEqual([
        {
          apiVersion: 'mlightenment.io/v1alpha1',
          kind: 'MLModel',
          metadata: {
            name: 'churn-gbm',
            namespace: 'default',
            uid: 'uid-churn-gbm',
            etag: 'etag-lightgbm',
          },
          spec: model('churn-gbm', 'lightgbm').spec,
        },
        expect.objectContaining({
          metadata: expect.objectContaining({ name: 'churn-logit' }),
        }),
      ]);
    });

    it('writes an entity again only when its etag changed', async () => {
      const { knex, store } = await setUp();
      const storedAt = async () =>
        Object.fromEntries(
          (
            await knex('mlops_diagnostic_entities').select(
              'entity_ref',
              'stored_at',
            )
          ).map(row => [row.entity_ref, new Date(row.stored_at).toISOString()]),
        );
      await store.save(
        [model('churn-gbm', 'xgboost'), model('churn-logit', 'sklearn')],
        new Date('2026-12-01T00:00:00Z'),
      );
      await store.save(
        [model('churn-gbm', 'xgboost'), model('churn-logit', 'lightgbm')],
        new Date('2026-12-02T00:00:00Z'),
      );
      expect(await storedAt()).toEqual({
        'mlmodel:default/churn-gbm': '2026-12-01T00:00:00.000Z',
        'mlmodel:default/churn-logit': '2026-12-02T00:00:00.000Z',
      });
      expect(
        (await store.list())
          ?.filter(isMLModelEntity)
          .map(e => [e.metadata.name, e.spec.framework]),
      ).toEqual([
        ['churn-gbm', 'xgboost'],
        ['churn-logit', 'lightgbm'],
      ]);
    });

    it('parses each stored version once, and shows what another replica stores at once', async () => {
      const { knex, store } = await setUp();
      await store.save(
        [model('churn-gbm', 'xgboost'), model('churn-logit', 'sklearn')],
        new Date('2026-12-01T00:00:00Z'),
      );
      const [gbm, logit] = (await store.list())!;
      // Unchanged rows give the entities read before.
      const again = (await store.list())!;
      expect(again[0]).toBe(gbm);
      expect(again[1]).toBe(logit);
      // Another replica's refresh (another store on the same table) stores
      // churn-logit's next version and drops churn-gbm.
      const other = new DiagnosticEntityStore(knex);
      await other.save(
        [model('churn-logit', 'lightgbm')],
        new Date('2026-12-02T00:00:00Z'),
      );
      await other.removeExcept(new Set(['mlmodel:default/churn-logit']));
      const after = (await store.list())!.filter(isMLModelEntity);
      expect(after.map(e => [e.metadata.name, e.spec.framework])).toEqual([
        ['churn-logit', 'lightgbm'],
      ]);
      expect(after[0]).not.toBe(logit);
    });

    it('reads the entities a team’s groups own', async () => {
      const { store } = await setUp();
      await store.save(
        [
          model('churn-gbm', 'xgboost'),
          model('price-elasticity', 'lightgbm', 'Group:default/Pricing'),
        ],
        new Date(),
      );
      const names = async (owners: string[]) =>
        (await store.list(owners))?.map(e => e.metadata.name);
      expect(await names(['group:default/pricing'])).toEqual([
        'price-elasticity',
      ]);
      expect(await names(['group:default/forecasting'])).toEqual([]);
    });

    it('removes the entities the catalog no longer holds', async () => {
      const { store } = await setUp();
      await store.save(
        [model('churn-gbm', 'xgboost'), model('churn-logit', 'sklearn')],
        new Date(),
      );
      expect(
        await store.removeExcept(new Set(['mlmodel:default/churn-gbm'])),
      ).toBe(1);
      expect((await store.list())?.map(e => e.metadata.name)).toEqual([
        'churn-gbm',
      ]);
    });

    it('migrates down and up again', async () => {
      const { knex } = await setUp();
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: '20261211100000_diagnostic_entities.js',
      });
      expect(await knex.schema.hasTable('mlops_diagnostic_entities')).toBe(
        false,
      );
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable('mlops_diagnostic_entities')).toBe(
        true,
      );
    });
  },
);
