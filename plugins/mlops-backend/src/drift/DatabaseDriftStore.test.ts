import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { DatabaseDriftStore } from './DatabaseDriftStore';
import type { MonitorStateRow } from './DriftStore';
import type { DriftObservation } from './observations';
import { columnsOf } from './observationChunks';

/** A batch's observations as the store takes them. */
const asColumns = (observations: DriftObservation[]) => ({
  features: columnsOf(observations),
  count: observations.length,
});

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const MONITOR = 'mlmonitor:default/churn-gbm-input-drift';
const CHUNKS = 'mlops_drift_observation_chunks';
const CHUNKS_MIGRATION = '20261214100000_drift_observation_chunks.js';
const STEPS_MIGRATION = '20261217100000_drift_chunk_steps.js';
const COMPRESSION_MIGRATION = '20261218100000_drift_chunk_compression.js';
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

/** A batch of `hours` hourly observations of one monitor, as a pull or push stores it. */
const newBatch = (monitorRef: string, key: string, hours: number) => ({
  idempotencyKey: key,
  monitorRef,
  bodyHash: key,
  submittedBy: 'test',
  ...asColumns(hourly(hours, () => 0.2)),
  receivedAt: new Date(NOW),
});

/** A monitor's state as an evaluation saves it: healthy since NOW, but for `fields`. */
const stateRow = (
  monitorRef: string,
  fields: Partial<MonitorStateRow> = {},
): MonitorStateRow => ({
  monitorRef,
  modelRef: null,
  ownerRef: null,
  title: 'Churn input drift',
  state: 'healthy',
  since: new Date(NOW),
  lastObservationAt: null,
  evaluatedAt: new Date(NOW),
  episode: 0,
  inEpisode: false,
  health: {},
  ...fields,
});

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
      for (const name of [
        COMPRESSION_MIGRATION,
        CHUNKS_MIGRATION,
        '20261127140000_drift.js',
      ]) {
        await knex.migrate.down({ directory: MIGRATIONS_DIRECTORY, name });
      }
      expect(await knex.schema.hasTable('mlops_drift_observations')).toBe(
        false,
      );
      expect(await knex.schema.hasTable(CHUNKS)).toBe(false);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable(CHUNKS)).toBe(true);
    });

    it('keeps a regular grid as its step, and gives the times back as deltas on the way down', async () => {
      const regular = hourly(2, h => h / 100);
      const irregular = [regular[0], regular[5], regular[6]].map(o => ({
        ...o,
        feature: 'plan',
      }));
      await store.storeBatch({
        idempotencyKey: 'k',
        monitorRef: MONITOR,
        bodyHash: 'h',
        submittedBy: 'test',
        ...asColumns([...regular, ...irregular]),
        receivedAt: new Date(NOW),
      });
      const points = async () =>
        Object.fromEntries(
          (await knex(CHUNKS).select('feature', 'points')).map(c => [
            c.feature,
            JSON.parse(c.points),
          ]),
        );
      const before = await points();
      expect(before.tenure_months).toMatchObject({ every: 3_600_000, n: 48 });
      expect(before.tenure_months.at).toBeUndefined();
      expect(before.plan.at).toEqual([0, 5 * 3_600_000, 3_600_000]);
      const series = async () =>
        (await store.rawSeries(MONITOR, new Date(NOW - DAY * 3))).map(p => [
          p.feature,
          p.at.getTime(),
          p.value,
        ]);
      const read = await series();
      expect(read).toHaveLength(51);
      expect(read.filter(p => p[0] === 'tenure_months')).toEqual(
        regular.map(o => ['tenure_months', o.observedAt.getTime(), o.value]),
      );

      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: STEPS_MIGRATION,
      });
      const after = await points();
      expect(after.tenure_months.every).toBeUndefined();
      expect(after.tenure_months.at).toEqual([0, ...Array(47).fill(3_600_000)]);
      expect(after.tenure_months.value).toEqual(before.tenure_months.value);
      expect(after.plan).toEqual(before.plan);
      expect(await series()).toEqual(read);
    });

    it('moves observation rows stored before chunks into chunks, and back on the way down', async () => {
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: CHUNKS_MIGRATION,
      });
      const row = (batch: string, feature: string, hour: number) => ({
        monitor_ref: MONITOR,
        feature,
        observed_at: new Date(NOW - hour * 3_600_000).toISOString(),
        value: hour / 10,
        p_value: feature === 'plan' ? 0.5 : null,
        reference_rows: 5000,
        current_rows: null,
        window:
          hour === 1
            ? JSON.stringify({ currentStart: '2026-11-27T10:00:00.000Z' })
            : null,
        batch_key: batch,
      });
      await knex('mlops_drift_observations').insert([
        row('a', 'tenure_months', 3),
        row('a', 'tenure_months', 1),
        row('a', 'plan', 2),
        row('b', 'tenure_months', 2),
      ]);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });

      expect(
        (await knex(CHUNKS).orderBy(['batch_key', 'feature'])).map(c => [
          c.batch_key,
          c.feature,
          Number(c.count),
        ]),
      ).toEqual([
        ['a', 'plan', 1],
        ['a', 'tenure_months', 2],
        ['b', 'tenure_months', 1],
      ]);
      const series = await store.rawSeries(MONITOR, new Date(NOW - DAY));
      expect(
        series.map(p => [p.feature, p.at.getTime(), p.value, p.pValue]),
      ).toEqual(
        [
          ['tenure_months', NOW - 3 * 3_600_000, 0.3, null],
          ['plan', NOW - 2 * 3_600_000, 0.2, 0.5],
          ['tenure_months', NOW - 2 * 3_600_000, 0.2, null],
          ['tenure_months', NOW - 3_600_000, 0.1, null],
        ].sort((x, y) => (x[1] as number) - (y[1] as number)),
      );

      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: CHUNKS_MIGRATION,
      });
      const back = await knex('mlops_drift_observations').orderBy([
        'batch_key',
        'feature',
        'observed_at',
      ]);
      expect(
        back.map(r => ({
          ...r,
          id: undefined,
          observed_at: new Date(r.observed_at).toISOString(),
          value: Number(r.value),
          p_value: r.p_value === null ? null : Number(r.p_value),
          reference_rows: Number(r.reference_rows),
          window: r.window === null ? null : JSON.parse(r.window),
        })),
      ).toEqual(
        [
          row('a', 'plan', 2),
          row('a', 'tenure_months', 3),
          row('a', 'tenure_months', 1),
          row('b', 'tenure_months', 2),
        ].map(r => ({
          ...r,
          id: undefined,
          window: r.window === null ? null : JSON.parse(r.window),
        })),
      );
    });

    it('reads back what a batch stored, every column, from where the series starts', async () => {
      const window = {
        referenceStart: '2026-11-01T00:00:00Z',
        referenceEnd: '2026-11-20T00:00:00Z',
        currentStart: '2026-11-26T00:00:00Z',
        currentEnd: '2026-11-27T00:00:00Z',
      };
      const observations: DriftObservation[] = [
        ...hourly(2, h => h / 100),
        {
          feature: 'plan',
          observedAt: new Date(NOW - 3_600_000),
          value: 0.2,
          pValue: 0.01,
          referenceRows: 10,
          currentRows: 20,
          window,
        },
      ];
      await store.storeBatch({
        idempotencyKey: 'k',
        monitorRef: MONITOR,
        bodyHash: 'h',
        submittedBy: 'test',
        // Stored in any order, read oldest first.
        ...asColumns([...observations].reverse()),
        receivedAt: new Date(NOW),
      });
      expect((await store.counts()).observations).toBe(49);
      const since = new Date(NOW - 10 * 3_600_000);
      const series = await store.rawSeries(MONITOR, since);
      expect(series).toHaveLength(11);
      expect(series[0]).toEqual({
        feature: 'tenure_months',
        at: since,
        value: 0.1,
        pValue: null,
      });
      expect(series.slice(-2)).toEqual([
        {
          feature: 'tenure_months',
          at: new Date(NOW - 3_600_000),
          value: 0.01,
          pValue: null,
        },
        {
          feature: 'plan',
          at: new Date(NOW - 3_600_000),
          value: 0.2,
          pValue: 0.01,
        },
      ]);
      const [plan] = (await store.featureStates([MONITOR])).filter(
        f => f.feature === 'plan',
      );
      expect(plan).toMatchObject({
        referenceRows: 10,
        currentRows: 20,
        window,
      });
    });

    it('stores several batches in one go, leaving out those whose key is taken', async () => {
      const batch = (key: string, days: number) => ({
        idempotencyKey: key,
        monitorRef: MONITOR,
        bodyHash: key,
        submittedBy: 'test',
        ...asColumns(hourly(days, () => 0.1)),
        receivedAt: new Date(NOW),
      });
      await store.storeBatch(batch('taken', 1));
      expect(
        await store.storeBatches([
          batch('a', 2),
          batch('taken', 3),
          batch('b', 1),
        ]),
      ).toEqual([
        { stored: 48 },
        {
          existing: {
            idempotencyKey: 'taken',
            monitorRef: MONITOR,
            bodyHash: 'taken',
            stored: 24,
          },
        },
        { stored: 24 },
      ]);
      expect((await store.counts()).observations).toBe(24 + 48 + 24);
      expect(
        (await store.findBatches(['a', 'b', 'c']))
          .map(b => b.idempotencyKey)
          .sort(),
      ).toEqual(['a', 'b']);
      const [state] = await store.featureStates([MONITOR]);
      expect(state.recent).toHaveLength(30);
    });

    it('runs evaluations of one monitor one after the other: the later one reads what the earlier one saved', async () => {
      const state = (name: 'healthy' | 'alert', at: number) =>
        stateRow(MONITOR, {
          state: name,
          since: new Date(at),
          evaluatedAt: new Date(at),
        });
      let release!: () => void;
      const held = new Promise<void>(resolve => {
        release = resolve;
      });
      const seen: Array<string | undefined> = [];
      const first = store.updateMonitorStates(
        [MONITOR],
        async (_, { previous }) => {
          seen.push(previous?.state);
          await held;
          return { row: state('healthy', NOW) };
        },
      );
      // Give the second evaluation every chance to read before the first saved.
      await new Promise(r => setTimeout(r, 50));
      const second = store.updateMonitorStates([MONITOR], (_, { previous }) => {
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

    it('stores batches with the evaluation in one transaction, and neither when a key was taken', async () => {
      const batch = (key: string) => newBatch(MONITOR, key, 1);
      const row = (episode: number) => stateRow(MONITOR, { episode });
      const read: number[] = [];
      await store.updateMonitorStates(
        [MONITOR],
        (_, { features }) => {
          // The evaluation reads the feature states the batch just merged.
          read.push(features.length && features[0].recent.length);
          return { row: row(1) };
        },
        [batch('a')],
      );
      expect(read).toEqual([24]);
      await store.storeBatch(batch('taken'));
      const outcome = await store
        .updateMonitorStates([MONITOR], () => ({ row: row(2) }), [
          batch('b'),
          batch('taken'),
        ])
        .then(
          () => 'stored',
          error => String(error),
        );
      // SQLite: "UNIQUE constraint failed"; PostgreSQL: "duplicate key value
      // violates unique constraint".
      expect(outcome).toMatch(/unique constraint/i);
      expect((await store.counts()).observations).toBe(48);
      expect(
        (await store.findBatches(['a', 'b'])).map(b => b.idempotencyKey),
      ).toEqual(['a']);
      expect((await store.monitorStates({}))[0].episode).toBe(1);
    });

    it('stores the batches of several monitors and evaluates each in one transaction, and none when a key was taken', async () => {
      const OTHER = 'mlmonitor:default/price-elasticity-drift';
      const row = (monitorRef: string, episode: number) =>
        stateRow(monitorRef, { episode });
      const read: Array<[string, number, number | undefined]> = [];
      const evaluated = await store.updateMonitorStates(
        [MONITOR, OTHER],
        (monitorRef, { features, previous }) => {
          // Each reads its own features, as its batches just merged them.
          read.push([monitorRef, features[0].recent.length, previous?.episode]);
          return {
            row: row(monitorRef, 1),
            transition: {
              monitorRef,
              from: 'no-data',
              to: 'healthy',
              episode: 1,
              at: new Date(NOW),
            },
          };
        },
        [newBatch(MONITOR, 'a', 1), newBatch(OTHER, 'b', 2)],
      );
      expect(read).toEqual([
        [MONITOR, 24, undefined],
        [OTHER, 30, undefined],
      ]);
      expect(evaluated.map(e => e.row.monitorRef)).toEqual([MONITOR, OTHER]);
      expect((await store.transitions(OTHER)).map(t => t.to)).toEqual([
        'healthy',
      ]);

      await store.storeBatch(newBatch(OTHER, 'taken', 1));
      const outcome = await store
        .updateMonitorStates(
          [MONITOR, OTHER],
          monitorRef => ({ row: row(monitorRef, 2) }),
          [newBatch(MONITOR, 'c', 1), newBatch(OTHER, 'taken', 1)],
        )
        .then(
          () => 'stored',
          error => String(error),
        );
      expect(outcome).toMatch(/unique constraint/i);
      expect((await store.findBatches(['c'])).length).toBe(0);
      expect(
        (await store.monitorStates({})).map(m => [m.monitorRef, m.episode]),
      ).toEqual(
        expect.arrayContaining([
          [MONITOR, 1],
          [OTHER, 1],
        ]),
      );
      // The next evaluation reads what the first saved, for each.
      const previous: Array<number | undefined> = [];
      await store.updateMonitorStates([OTHER, MONITOR], (monitorRef, c) => {
        previous.push(c.previous?.episode);
        return { row: row(monitorRef, 3) };
      });
      expect(previous).toEqual([1, 1]);
    });

    it('keeps the latest observation per feature and its last 30 points, whatever order batches arrive in', async () => {
      const all = hourly(3, h => h / 100);
      await store.storeBatch({
        idempotencyKey: 'late',
        monitorRef: MONITOR,
        bodyHash: 'a',
        submittedBy: 'test',
        ...asColumns(all.slice(36)),
        receivedAt: new Date(NOW),
      });
      await store.storeBatch({
        idempotencyKey: 'early',
        monitorRef: MONITOR,
        bodyHash: 'b',
        submittedBy: 'test',
        ...asColumns(all.slice(0, 36)),
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
        ...asColumns(hourly(1, () => 0.1)),
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
        ...asColumns(hourly(40, h => Math.ceil(h / 24))),
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
          ...asColumns(observations),
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

// PostgreSQL only: SQLite stores the text as it is, before and after.
describe.each(
  databases.eachSupportedId().filter(([id]) => id === 'POSTGRES_15'),
)('DatabaseDriftStore on %s, its chunks compressed', databaseId => {
  let knex: Knex;
  let store: DatabaseDriftStore;
  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    store = new DatabaseDriftStore(knex);
  });

  /** The compression of the chunks' points column: l (LZ4), p (pglz), or '' (the server's default). */
  const compression = async () =>
    (
      await knex.raw(
        `select attcompression as c from pg_attribute where attrelid = '${CHUNKS}'::regclass and attname = 'points'`,
      )
    ).rows[0].c;
  /** The compression each stored chunk's points went through, by feature. */
  const stored = async () =>
    Object.fromEntries(
      (
        await knex.raw(
          `select feature, pg_column_compression(points) as c from ${CHUNKS} order by feature`,
        )
      ).rows.map((r: any) => [r.feature, r.c]),
    );
  // Full-precision statistics: chunks long enough to be compressed.
  const observations = (feature: string) =>
    hourly(30, h => Math.sin(h) / 7).map(o => ({ ...o, feature }));
  const storeFeature = (feature: string) =>
    store.storeBatch({
      idempotencyKey: feature,
      monitorRef: MONITOR,
      bodyHash: feature,
      submittedBy: 'test',
      ...asColumns(observations(feature)),
      receivedAt: new Date(NOW),
    });

  it('compresses chunks with LZ4, reads chunks compressed with pglz before alike, and goes back on the way down', async () => {
    expect(await compression()).toBe('l');
    await knex.migrate.down({
      directory: MIGRATIONS_DIRECTORY,
      name: COMPRESSION_MIGRATION,
    });
    expect(await compression()).toBe('');
    await storeFeature('a_before');
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    await storeFeature('b_after');
    expect(await stored()).toEqual({ a_before: 'pglz', b_after: 'lz4' });
    const series = await store.rawSeries(MONITOR, new Date(NOW - DAY * 31));
    for (const feature of ['a_before', 'b_after']) {
      expect(
        series.filter(p => p.feature === feature).map(p => p.value),
      ).toEqual(observations(feature).map(o => o.value));
    }
  });
});
