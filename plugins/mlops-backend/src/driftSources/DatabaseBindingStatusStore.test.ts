import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import type { BindingStatusRow } from './BindingStatusStore';
import { DatabaseBindingStatusStore } from './DatabaseBindingStatusStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const MONITOR = 'mlmonitor:default/churn-gbm-input-drift';
const T0 = new Date('2026-12-09T10:00:00.000Z');

const row = (
  sourceId: string,
  binding: string,
  fields: Partial<BindingStatusRow> = {},
): BindingStatusRow => ({
  sourceId,
  monitorRef: MONITOR,
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
  'DatabaseBindingStatusStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseBindingStatusStore;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      store = new DatabaseBindingStatusStore(knex);
    });

    it('migrates down and up again', async () => {
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: '20261209100000_drift_source_bindings.js',
      });
      expect(await knex.schema.hasTable('mlops_drift_source_bindings')).toBe(
        false,
      );
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable('mlops_drift_source_bindings')).toBe(
        true,
      );
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
      expect(await store.forMonitor(MONITOR)).toEqual([
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
        (await store.forMonitor(MONITOR)).map(r => [
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
