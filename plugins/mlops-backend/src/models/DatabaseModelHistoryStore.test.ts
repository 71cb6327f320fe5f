import { TestDatabases } from '@backstage/backend-test-utils';
import {
  ProductionChange,
  productionChanges,
} from '@mlightenment/backstage-plugin-mlops-common';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { DatabaseModelHistoryStore } from './DatabaseModelHistoryStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const GBM = 'mlmodel:default/churn-gbm';
const LOGIT = 'mlmodel:default/churn-logit';
const RANKER = 'mlmodel:default/next-best-offer';
const day = (d: number) => new Date(Date.UTC(2026, 10, d));

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

    // A model history: churn-gbm from 3.1.0 to 3.2.0, then back to 3.1.0;
    // churn-logit from experiment to production; next-best-offer first
    // seen in production days after the history began.
    const HISTORY: Array<[number, string, string | null, string]> = [
      [1, GBM, '3.1.0', 'production'],
      [1, LOGIT, '0.1.0', 'experimental'],
      [3, GBM, '3.2.0', 'production'],
      [4, RANKER, '1.0.0', 'production'],
      [5, LOGIT, '0.1.0', 'production'],
      [6, GBM, '3.1.0', 'production'],
    ];
    const ALL = [GBM, LOGIT, RANKER];
    const asRows = (changes: ProductionChange[]) =>
      changes.map(c => [c.modelRef, c.version, c.at, c.rollback]);
    const EXPECTED = [
      [GBM, '3.2.0', day(3), false],
      [RANKER, '1.0.0', day(4), false],
      [LOGIT, '0.1.0', day(5), false],
      [GBM, '3.1.0', day(6), true],
    ];

    it('stores the new production versions its entries make, as the whole history folds into them', async () => {
      const { store } = await setUp();
      for (const [d, modelRef, version, lifecycle] of HISTORY) {
        await store.record([{ modelRef, version, lifecycle }], day(d));
      }
      // A refresh that changes nothing adds no change.
      await store.record(
        [{ modelRef: GBM, version: '3.1.0', lifecycle: 'production' }],
        day(7),
      );
      const stored = await store.productionChanges(ALL, day(0));
      expect(asRows(stored)).toEqual(EXPECTED);
      expect(stored).toEqual(
        productionChanges(await store.history(ALL), day(1)),
      );
      // Only those after `since`, of the models asked for.
      expect(asRows(await store.productionChanges([GBM], day(3)))).toEqual([
        [GBM, '3.1.0', day(6), true],
      ]);
    });

    it('stores the production changes of history recorded before them when backfilled, once', async () => {
      const { knex, store } = await setUp();
      await knex('mlops_model_history').insert(
        HISTORY.map(([d, modelRef, version, lifecycle]) => ({
          model_ref: modelRef,
          version,
          lifecycle,
          observed_at: day(d).toISOString(),
        })),
      );
      expect(await store.productionChanges(ALL, day(0))).toEqual([]);
      expect(await store.backfill()).toBe(4);
      expect(asRows(await store.productionChanges(ALL, day(0)))).toEqual(
        EXPECTED,
      );
      // Again, as at the next start: nothing more to add.
      expect(await store.backfill()).toBe(0);
      expect(await store.productionChanges(ALL, day(0))).toHaveLength(4);
    });

    it('tells which models have a history', async () => {
      const { store } = await setUp();
      await store.record(
        [{ modelRef: GBM, version: '3.1.0', lifecycle: 'production' }],
        day(1),
      );
      expect([...(await store.withHistory([GBM, LOGIT]))]).toEqual([GBM]);
    });

    it('migrates the production changes down and up again', async () => {
      const { knex } = await setUp();
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: '20261212100000_model_production_changes.js',
      });
      expect(await knex.schema.hasTable('mlops_model_production_changes')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('mlops_model_history')).toBe(true);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable('mlops_model_production_changes')).toBe(
        true,
      );
    });

    it('migrates the index on when entries were observed down and up again', async () => {
      const { knex } = await setUp();
      const name = '20261215100000_model_history_observed_at.js';
      await knex.migrate.down({ directory: MIGRATIONS_DIRECTORY, name });
      await knex.migrate.up({ directory: MIGRATIONS_DIRECTORY, name });
      const [completed] = await knex.migrate.list({
        directory: MIGRATIONS_DIRECTORY,
      });
      expect(completed.map((m: { name: string }) => m.name)).toContain(name);
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
