import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { DatabaseDriftStore } from './DatabaseDriftStore';
import type { DriftObservation } from './observations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const MONITOR = 'mlmonitor:default/churn-gbm-input-drift';
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-27T12:00:00Z');

/** Hourly observations of one feature, `days` back from NOW. */
function hourly(days: number, value: (hour: number) => number) {
  const out: DriftObservation[] = [];
  for (let h = days * 24; h > 0; h--) {
    out.push({
      feature: 'tenure_months',
      observedAt: new Date(NOW - h * 3_600_000),
      value: value(h),
      pValue: null,
      referenceRows: 5000,
      currentRows: 200,
      window: null,
    });
  }
  return out;
}

describe.each(databases.eachSupportedId())(
  'DatabaseDriftStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseDriftStore;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      store = new DatabaseDriftStore(knex);
    });

    it('migrates down and up again', async () => {
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: '20261127140000_drift.js',
      });
      expect(await knex.schema.hasTable('mlops_drift_observations')).toBe(
        false,
      );
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable('mlops_drift_observations')).toBe(true);
    });

    it('runs evaluations of one monitor one after the other: the later one reads what the earlier one saved', async () => {
      const state = (name: 'healthy' | 'alert', at: number) => ({
        monitorRef: MONITOR,
        modelRef: null,
        ownerRef: null,
        title: 'Churn input drift',
        state: name,
        since: new Date(at),
        lastObservationAt: null,
        evaluatedAt: new Date(at),
        episode: 0,
        inEpisode: false,
        health: {},
      });
      let release!: () => void;
      const held = new Promise<void>(resolve => {
        release = resolve;
      });
      const seen: Array<string | undefined> = [];
      const first = store.updateMonitorState(MONITOR, async ({ previous }) => {
        seen.push(previous?.state);
        await held;
        return { row: state('healthy', NOW) };
      });
      // Give the second evaluation every chance to read before the first saved.
      await new Promise(r => setTimeout(r, 50));
      const second = store.updateMonitorState(MONITOR, ({ previous }) => {
        seen.push(previous?.state);
        return { row: state('alert', NOW + 1) };
      });
      await new Promise(r => setTimeout(r, 200));
      expect(seen).toEqual([undefined]);
      release();
      await Promise.all([first, second]);
      expect(seen).toEqual([undefined, 'healthy']);
      expect((await store.monitorStates({}))[0].state).toBe('alert');
    });

    it('keeps the latest observation per feature and its last 30 points, whatever order batches arrive in', async () => {
      const all = hourly(3, h => h / 100);
      await store.storeBatch({
        idempotencyKey: 'late',
        monitorRef: MONITOR,
        bodyHash: 'a',
        submittedBy: 'test',
        observations: all.slice(36),
        receivedAt: new Date(NOW),
      });
      await store.storeBatch({
        idempotencyKey: 'early',
        monitorRef: MONITOR,
        bodyHash: 'b',
        submittedBy: 'test',
        observations: all.slice(0, 36),
        receivedAt: new Date(NOW),
      });
      const [state] = await store.featureStates([MONITOR]);
      expect(state.observedAt).toEqual(new Date(NOW - 3_600_000));
      expect(state.value).toBe(0.01);
      expect(state.recent).toHaveLength(30);
      expect(state.recent[29]).toEqual({
        at: new Date(NOW - 3_600_000).toISOString(),
        value: 0.01,
        pValue: null,
      });
    });

    it('stores a batch key once: a second store with the key returns the first batch', async () => {
      const batch = {
        idempotencyKey: 'k',
        monitorRef: MONITOR,
        bodyHash: 'h1',
        submittedBy: 'test',
        observations: hourly(1, () => 0.1),
        receivedAt: new Date(NOW),
      };
      expect(await store.storeBatch(batch)).toEqual({ stored: 24 });
      expect(await store.storeBatch({ ...batch, bodyHash: 'h2' })).toEqual({
        existing: {
          idempotencyKey: 'k',
          monitorRef: MONITOR,
          bodyHash: 'h1',
          stored: 24,
        },
      });
      expect((await store.counts()).observations).toBe(24);
    });

    it('folds raw observations older than the raw retention into daily aggregates and drops aggregates past theirs', async () => {
      // 40 days of hourly data: 960 rows; the value is the day number back.
      await store.storeBatch({
        idempotencyKey: 'history',
        monitorRef: MONITOR,
        bodyHash: 'h',
        submittedBy: 'test',
        observations: hourly(40, h => Math.ceil(h / 24)),
        receivedAt: new Date(NOW - 40 * DAY),
      });
      const result = await store.applyRetention({
        rawBefore: new Date(NOW - 30 * DAY),
        rollupsBefore: new Date(NOW - 35 * DAY),
      });
      // Hours older than 30 days: (40 - 30) * 24.
      expect(result.downsampled).toBe(240);
      const counts = await store.counts();
      expect(counts.observations).toBe(720);
      // Days 31..40 back became aggregates; those older than 35 days went.
      const rollups = await knex('mlops_drift_rollups').orderBy('day');
      expect(rollups.length).toBe(counts.rollups);
      expect(rollups.every(r => r.day >= '2026-10-23')).toBe(true);
      expect(result.deletedRollups).toBeGreaterThan(0);
      const day = rollups.find(r => r.day === '2026-10-26')!;
      expect(Number(day.count)).toBe(24);
      // The series reads the last value of each aggregated day.
      const series = await store.dailySeries(MONITOR, new Date(NOW - 60 * DAY));
      expect(series).toHaveLength(rollups.length);
      expect(series[0].at.toISOString().slice(0, 10)).toBe(rollups[0].day);
      // The batch key outlived its retries and is gone.
      expect(await store.findBatch('history')).toBeUndefined();

      // Running it again changes nothing: the table stays bounded.
      expect(
        await store.applyRetention({
          rawBefore: new Date(NOW - 30 * DAY),
          rollupsBefore: new Date(NOW - 35 * DAY),
        }),
      ).toEqual({ downsampled: 0, deletedRollups: 0 });
    });

    it('merges a day folded in two runs into one aggregate', async () => {
      const day = Date.parse('2026-10-01T00:00:00Z');
      const at = (h: number, value: number): DriftObservation => ({
        feature: 'tenure_months',
        observedAt: new Date(day + h * 3_600_000),
        value,
        pValue: null,
        referenceRows: null,
        currentRows: null,
        window: null,
      });
      const put = (key: string, observations: DriftObservation[]) =>
        store.storeBatch({
          idempotencyKey: key,
          monitorRef: MONITOR,
          bodyHash: key,
          submittedBy: 'test',
          observations,
          receivedAt: new Date(NOW),
        });
      await put('a', [at(1, 0.1), at(2, 0.3)]);
      await store.applyRetention({
        rawBefore: new Date(day + DAY),
        rollupsBefore: new Date(0),
      });
      await put('b', [at(5, 0.2)]);
      await store.applyRetention({
        rawBefore: new Date(day + DAY),
        rollupsBefore: new Date(0),
      });
      const [rollup] = await knex('mlops_drift_rollups');
      expect({
        count: Number(rollup.count),
        min: Number(rollup.min_value),
        max: Number(rollup.max_value),
        mean: Number(rollup.mean_value),
        last: Number(rollup.last_value),
      }).toEqual({
        count: 3,
        min: 0.1,
        max: 0.3,
        mean: expect.closeTo(0.2, 10),
        last: 0.2,
      });
    });
  },
);
