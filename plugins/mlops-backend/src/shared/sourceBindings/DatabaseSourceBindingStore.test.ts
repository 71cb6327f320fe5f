import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { MIGRATIONS_DIRECTORY } from '../../database/migrations';
import { DatabaseSourceBindingStore } from './DatabaseSourceBindingStore';
import type { SourceBindingRow } from './SourceBindingStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const MONITOR = 'mlmonitor:default/churn-gbm-input-drift';
const USE_CASE = 'mlusecase:default/churn-prevention';
const T0 = new Date('2026-12-09T10:00:00.000Z');

const row = (
  sourceId: string,
  binding: string,
  fields: Partial<SourceBindingRow> = {},
): SourceBindingRow => ({
  sourceId,
  entityRef: MONITOR,
  binding,
  description: `instance "main": psi{feature="${binding}"}`,
  state: 'ok',
  lastPullAt: T0,
  pulledThrough: new Date('2026-12-09T09:00:00.000Z'),
  imported: 12,
  skipped: 1,
  totalImported: 3_000_000_000,
  lastError: null,
  lastErrorAt: null,
  ...fields,
});

describe.each(databases.eachSupportedId())(
  'DatabaseSourceBindingStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseSourceBindingStore;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      store = new DatabaseSourceBindingStore(knex, 'drift');
    });

    it('migrates down and up again, the drift bindings with it', async () => {
      await store.replaceForSource('prometheus', [
        row('prometheus', 'tenure_months'),
      ]);
      await new DatabaseSourceBindingStore(knex, 'kpi').replaceForSource(
        'prometheus',
        [row('prometheus', 'churn-rate', { entityRef: USE_CASE })],
      );
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: '20261210100000_source_bindings.js',
      });
      expect(await knex.schema.hasTable('mlops_source_bindings')).toBe(false);
      expect(
        await knex('mlops_drift_source_bindings').select(
          'monitor_ref',
          'binding',
        ),
      ).toEqual([{ monitor_ref: MONITOR, binding: 'tenure_months' }]);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable('mlops_drift_source_bindings')).toBe(
        false,
      );
      expect(await store.forEntity(MONITOR)).toEqual([
        row('prometheus', 'tenure_months'),
      ]);
      // The KPI bindings' status is not kept by the table before.
      expect(
        await new DatabaseSourceBindingStore(knex, 'kpi').forEntity(USE_CASE),
      ).toEqual([]);
    });

    it("keeps each kind's bindings apart, one source's of each kind included", async () => {
      const kpis = new DatabaseSourceBindingStore(knex, 'kpi');
      const churnRate = row('prometheus', 'churn-rate', {
        entityRef: USE_CASE,
      });
      await store.replaceForSource('prometheus', [
        row('prometheus', 'tenure_months'),
      ]);
      await kpis.replaceForSource('prometheus', [churnRate]);
      expect(await kpis.forSource('prometheus')).toEqual([churnRate]);
      expect(await kpis.forEntity(USE_CASE)).toEqual([churnRate]);
      expect(await store.forSource('prometheus')).toEqual([
        row('prometheus', 'tenure_months'),
      ]);
      // A KPI pull that binds nothing forgets the KPI bindings only.
      await kpis.replaceForSource('prometheus', []);
      expect(await kpis.forSource('prometheus')).toEqual([]);
      expect(await store.forSource('prometheus')).toHaveLength(1);
    });

    it('reads back what it stored, dates and large totals included', async () => {
      const failed = row('prometheus', 'care_contacts_30d', {
        state: 'failed',
        pulledThrough: null,
        imported: 0,
        skipped: 0,
        totalImported: 0,
        lastError:
          'Prometheus instance "main" refused the query: bad_data: 1:20: parse error: unclosed left parenthesis',
        lastErrorAt: T0,
      });
      await store.replaceForSource('prometheus', [
        row('prometheus', 'tenure_months'),
        failed,
      ]);
      expect(await store.forSource('prometheus')).toEqual(
        expect.arrayContaining([row('prometheus', 'tenure_months'), failed]),
      );
      expect(await store.forEntity(MONITOR)).toEqual([
        failed,
        row('prometheus', 'tenure_months'),
      ]);
    });

    it("replaces one source's bindings and leaves the other sources' alone", async () => {
      await store.replaceForSource('prometheus', [
        row('prometheus', 'tenure_months'),
        row('prometheus', 'care_contacts_30d'),
      ]);
      await store.replaceForSource('warehouse', [row('warehouse', 'recall')]);
      // The monitor no longer binds care_contacts_30d to Prometheus.
      await store.replaceForSource('prometheus', [
        row('prometheus', 'tenure_months', { imported: 3 }),
      ]);
      expect(
        (await store.forEntity(MONITOR)).map(r => [
          r.sourceId,
          r.binding,
          r.imported,
        ]),
      ).toEqual([
        ['prometheus', 'tenure_months', 3],
        ['warehouse', 'recall', 12],
      ]);
      await store.replaceForSource('prometheus', []);
      expect(await store.forSource('prometheus')).toEqual([]);
    });
  },
);
