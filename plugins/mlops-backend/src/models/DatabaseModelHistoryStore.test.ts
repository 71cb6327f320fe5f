import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { DatabaseModelHistoryStore } from './DatabaseModelHistoryStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const GBM = 'mlmodel:default/churn-gbm';
const LOGIT = 'mlmodel:default/churn-logit';

describe.each(databases.eachSupportedId())(
  'DatabaseModelHistoryStore on %s',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      return { knex, store: new DatabaseModelHistoryStore(knex) };
    }

    it('records a model when first seen and again only when its version or lifecycle changes', async () => {
      const { store } = await setUp();
      const day = (d: number) => new Date(Date.UTC(2026, 10, d));
      await store.record(
        [
          { modelRef: GBM, version: '3.1.0', lifecycle: 'production' },
          { modelRef: LOGIT, version: null, lifecycle: 'experimental' },
        ],
        day(1),
      );
      const unchanged = await store.record(
        [
          { modelRef: GBM, version: '3.1.0', lifecycle: 'production' },
          { modelRef: LOGIT, version: null, lifecycle: 'experimental' },
        ],
        day(2),
      );
      expect(unchanged).toEqual([]);
      const changed = await store.record(
        [
          { modelRef: GBM, version: '3.2.0', lifecycle: 'production' },
          { modelRef: LOGIT, version: null, lifecycle: 'deprecated' },
        ],
        day(3),
      );
      expect(changed.map(e => [e.modelRef, e.version, e.lifecycle])).toEqual([
        [GBM, '3.2.0', 'production'],
        [LOGIT, null, 'deprecated'],
      ]);
      expect(
        (await store.history([GBM])).map(e => [e.version, e.observedAt]),
      ).toEqual([
        ['3.1.0', day(1)],
        ['3.2.0', day(3)],
      ]);
    });

    it('migrates down and up again', async () => {
      const { knex } = await setUp();
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: '20261207120000_model_history.js',
      });
      expect(await knex.schema.hasTable('mlops_model_history')).toBe(false);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable('mlops_model_history')).toBe(true);
    });
  },
);
