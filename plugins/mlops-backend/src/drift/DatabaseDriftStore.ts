import type { Knex } from 'knex';
import type { DriftState } from '@mlightenment/backstage-plugin-mlops-common';
import {
  DriftPoint,
  DriftStore,
  DriftTransition,
  EvaluatedMonitorState,
  FeatureStateRow,
  MonitorStateRow,
  RECENT_POINTS,
  SeriesPoint,
  StoredBatch,
} from './DriftStore';
import {
  enqueueAlertDeliveries,
  forgetAlertDeliveries,
} from '../alerting/DatabaseAlertDeliveryStore';
import type { DriftObservation } from './observations';

const BATCHES = 'mlops_drift_batches';
const OBSERVATIONS = 'mlops_drift_observations';
const ROLLUPS = 'mlops_drift_rollups';
const FEATURES = 'mlops_drift_feature_state';
const MONITORS = 'mlops_drift_monitor_state';
const TRANSITIONS = 'mlops_drift_transitions';

/** Rows per insert statement: under SQLite's 32,766 bound parameters. */
const INSERT_CHUNK = 500;
/** Observation rows per SQLite insert: 9 parameters each, under 32,766. */
const SQLITE_VALUES_CHUNK = 3000;
const SQLITE_INSERT = `insert into ${OBSERVATIONS} (monitor_ref, feature,
  observed_at, value, p_value, reference_rows, current_rows, "window",
  batch_key) values`;
const SQLITE_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?)';
/**
 * Observations on PostgreSQL go in as one array per column, unnested by the
 * server: one statement of 9 parameters per batch, instead of a VALUES list
 * of nine bound parameters per row, which the driver and the server spend
 * most of an insert's time binding and parsing.
 */
const POSTGRES_UNNEST_INSERT = `insert into mlops_drift_observations
  (monitor_ref, feature, observed_at, value, p_value, reference_rows,
   current_rows, "window", batch_key)
  select ?, feature, observed_at, value, p_value, reference_rows,
         current_rows, "window", ?
  from unnest(?::text[], ?::timestamptz[], ?::float8[], ?::float8[],
              ?::integer[], ?::integer[], ?::text[])
    as o(feature, observed_at, value, p_value, reference_rows,
         current_rows, "window")`;
/** Raw rows folded into daily aggregates per transaction. */
const RETENTION_CHUNK = 5000;

/** Dates go in as ISO strings (portable across SQLite and PostgreSQL) and come out as Dates. */
function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

function parseJson<T>(text: string | null | undefined, fallback: T): T {
  return text ? (JSON.parse(text) as T) : fallback;
}

/** The min or max of two values either of which may be missing. */
function extreme(
  pick: (a: number, b: number) => number,
  a: number | null,
  b: number | null,
): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return pick(a, b);
}

function windowJson(observation: DriftObservation): string | null {
  return observation.window ? JSON.stringify(observation.window) : null;
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** The latest state of the features of these monitors. */
async function readFeatureStates(
  db: Knex | Knex.Transaction,
  monitorRefs: readonly string[],
): Promise<FeatureStateRow[]> {
  if (!monitorRefs.length) return [];
  const rows = await db(FEATURES).whereIn(
    'monitor_ref',
    monitorRefs as string[],
  );
  return rows.map(r => ({
    monitorRef: r.monitor_ref,
    feature: r.feature,
    observedAt: toDate(r.observed_at),
    value: nullableNumber(r.value),
    pValue: nullableNumber(r.p_value),
    referenceRows: nullableNumber(r.reference_rows),
    currentRows: nullableNumber(r.current_rows),
    window: parseJson(r.window, null),
    recent: parseJson<DriftPoint[]>(r.recent, []),
  }));
}

/** Monitor states, by monitor, by model, or by state. */
async function readMonitorStates(
  db: Knex | Knex.Transaction,
  filter: {
    monitorRefs?: readonly string[];
    modelRefs?: readonly string[];
    states?: readonly DriftState[];
  },
): Promise<MonitorStateRow[]> {
  const query = db(MONITORS);
  if (filter.monitorRefs) {
    query.whereIn('monitor_ref', filter.monitorRefs as string[]);
  }
  if (filter.modelRefs) {
    query.whereIn('model_ref', filter.modelRefs as string[]);
  }
  if (filter.states) query.whereIn('state', filter.states as string[]);
  const rows = await query;
  return rows.map(r => ({
    monitorRef: r.monitor_ref,
    modelRef: r.model_ref,
    ownerRef: r.owner_ref,
    title: r.title,
    state: r.state,
    since: toDate(r.since),
    lastObservationAt: r.last_observation_at
      ? toDate(r.last_observation_at)
      : null,
    evaluatedAt: toDate(r.evaluated_at),
    episode: Number(r.episode),
    inEpisode: Boolean(r.in_episode),
    health: parseJson(r.health, {}),
  }));
}

/** The knex implementation of {@link DriftStore}, on SQLite and PostgreSQL. */
export class DatabaseDriftStore implements DriftStore {
  private readonly postgres: boolean;
  private readonly sqlite: boolean;

  constructor(private readonly db: Knex) {
    this.postgres = String(db.client.config.client).includes('pg');
    this.sqlite = String(db.client.config.client).includes('sqlite');
  }

  /** The batch's observation rows: unnested arrays on PostgreSQL, VALUES lists of 3,000 rows on SQLite, knex's chunked inserts elsewhere. */
  private async insertObservations(
    tx: Knex.Transaction,
    monitorRef: string,
    batchKey: string,
    observations: DriftObservation[],
  ) {
    if (this.postgres) {
      // Arrays with nulls are bound as PostgreSQL arrays by the pg driver;
      // knex's types only know arrays of one non-null type.
      const bindings: Knex.Value[] = [
        monitorRef,
        batchKey,
        observations.map(o => o.feature),
        observations.map(o => o.observedAt.toISOString()),
        observations.map(o => o.value),
        observations.map(o => o.pValue ?? null),
        observations.map(o => o.referenceRows ?? null),
        observations.map(o => o.currentRows ?? null),
        observations.map(windowJson),
      ] as Knex.Value[];
      await tx.raw(POSTGRES_UNNEST_INSERT, bindings);
      return;
    }
    if (!this.sqlite) {
      const rows = observations.map(o => ({
        monitor_ref: monitorRef,
        feature: o.feature,
        observed_at: o.observedAt.toISOString(),
        value: o.value,
        p_value: o.pValue,
        reference_rows: o.referenceRows,
        current_rows: o.currentRows,
        window: windowJson(o),
        batch_key: batchKey,
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await tx(OBSERVATIONS).insert(rows.slice(i, i + INSERT_CHUNK));
      }
      return;
    }
    // On SQLite, one VALUES list per SQLITE_VALUES_CHUNK rows: knex writes a
    // multi-row insert there as a compound SELECT, limited to 500 terms and
    // slower to prepare.
    for (let i = 0; i < observations.length; i += SQLITE_VALUES_CHUNK) {
      const part = observations.slice(i, i + SQLITE_VALUES_CHUNK);
      await tx.raw(
        `${SQLITE_INSERT} ${part.map(() => SQLITE_ROW).join(', ')}`,
        part.flatMap(o => [
          monitorRef,
          o.feature,
          o.observedAt.toISOString(),
          o.value,
          o.pValue ?? null,
          o.referenceRows ?? null,
          o.currentRows ?? null,
          windowJson(o),
          batchKey,
        ]) as Knex.Value[],
      );
    }
  }

  async findBatch(idempotencyKey: string): Promise<StoredBatch | undefined> {
    const row = await this.db(BATCHES)
      .where({ idempotency_key: idempotencyKey })
      .first();
    return row
      ? {
          idempotencyKey: row.idempotency_key,
          monitorRef: row.monitor_ref,
          bodyHash: row.body_hash,
          stored: Number(row.stored),
        }
      : undefined;
  }

  async storeBatch(batch: {
    idempotencyKey: string;
    monitorRef: string;
    bodyHash: string;
    submittedBy: string;
    observations: DriftObservation[];
    receivedAt: Date;
  }): Promise<{ stored: number } | { existing: StoredBatch }> {
    try {
      await this.db.transaction(async tx => {
        // The key first: a concurrent retry of the same batch fails here.
        await tx(BATCHES).insert({
          idempotency_key: batch.idempotencyKey,
          monitor_ref: batch.monitorRef,
          body_hash: batch.bodyHash,
          stored: batch.observations.length,
          submitted_by: batch.submittedBy,
          received_at: batch.receivedAt.toISOString(),
        });
        await this.insertObservations(
          tx,
          batch.monitorRef,
          batch.idempotencyKey,
          batch.observations,
        );
        await this.mergeFeatureStates(tx, batch.monitorRef, batch.observations);
      });
    } catch (error) {
      const existing = await this.findBatch(batch.idempotencyKey);
      if (existing) return { existing };
      throw error;
    }
    return { stored: batch.observations.length };
  }

  /** The latest observation per feature and its recent points, merged with the batch. */
  private async mergeFeatureStates(
    tx: Knex.Transaction,
    monitorRef: string,
    observations: DriftObservation[],
  ) {
    const byFeature = new Map<string, DriftObservation[]>();
    for (const o of observations) {
      const list = byFeature.get(o.feature) ?? [];
      list.push(o);
      byFeature.set(o.feature, list);
    }
    const existing = await tx(FEATURES)
      .where({ monitor_ref: monitorRef })
      .whereIn('feature', [...byFeature.keys()]);
    const existingByFeature = new Map(existing.map(r => [r.feature, r]));
    const upserts = [];
    for (const [feature, list] of byFeature) {
      const old = existingByFeature.get(feature);
      const points: DriftPoint[] = [
        ...parseJson<DriftPoint[]>(old?.recent, []),
        ...list.map(o => ({
          at: o.observedAt.toISOString(),
          value: o.value,
          pValue: o.pValue,
        })),
      ];
      points.sort((a, b) => a.at.localeCompare(b.at));
      const latest = list.reduce((a, b) =>
        b.observedAt.getTime() >= a.observedAt.getTime() ? b : a,
      );
      const oldAt = old ? toDate(old.observed_at).getTime() : -Infinity;
      const newer = latest.observedAt.getTime() >= oldAt;
      upserts.push({
        monitor_ref: monitorRef,
        feature,
        observed_at: newer
          ? latest.observedAt.toISOString()
          : toDate(old.observed_at).toISOString(),
        value: newer ? latest.value : old.value,
        p_value: newer ? latest.pValue : old.p_value,
        reference_rows: newer ? latest.referenceRows : old.reference_rows,
        current_rows: newer ? latest.currentRows : old.current_rows,
        window: newer ? windowJson(latest) : old.window,
        recent: JSON.stringify(points.slice(-RECENT_POINTS)),
      });
    }
    if (upserts.length) {
      await tx(FEATURES)
        .insert(upserts)
        .onConflict(['monitor_ref', 'feature'])
        .merge();
    }
  }

  async featureStates(
    monitorRefs: readonly string[],
  ): Promise<FeatureStateRow[]> {
    return readFeatureStates(this.db, monitorRefs);
  }

  async monitorStates(filter: {
    monitorRefs?: readonly string[];
    modelRefs?: readonly string[];
    states?: readonly DriftState[];
  }): Promise<MonitorStateRow[]> {
    return readMonitorStates(this.db, filter);
  }

  async updateMonitorState(
    monitorRef: string,
    evaluate: (current: {
      features: FeatureStateRow[];
      previous?: MonitorStateRow;
    }) => EvaluatedMonitorState | Promise<EvaluatedMonitorState>,
  ): Promise<EvaluatedMonitorState> {
    return this.db.transaction(async tx => {
      // One evaluation of a monitor at a time, across replicas, until this
      // transaction ends. SQLite runs one transaction at a time anyway.
      if (this.postgres) {
        await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [
          `${MONITORS}:${monitorRef}`,
        ]);
      }
      const features = await readFeatureStates(tx, [monitorRef]);
      const [previous] = await readMonitorStates(tx, {
        monitorRefs: [monitorRef],
      });
      const { row, transition, deliveries } = await evaluate({
        features,
        previous,
      });
      await tx(MONITORS)
        .insert({
          monitor_ref: row.monitorRef,
          model_ref: row.modelRef,
          owner_ref: row.ownerRef,
          title: row.title,
          state: row.state,
          since: row.since.toISOString(),
          last_observation_at: row.lastObservationAt?.toISOString() ?? null,
          evaluated_at: row.evaluatedAt.toISOString(),
          episode: row.episode,
          in_episode: row.inEpisode,
          health: JSON.stringify(row.health),
        })
        .onConflict('monitor_ref')
        .merge();
      if (transition) {
        await tx(TRANSITIONS).insert({
          monitor_ref: transition.monitorRef,
          from_state: transition.from,
          to_state: transition.to,
          episode: transition.episode,
          at: transition.at.toISOString(),
        });
      }
      // The outbox: the messages are sent once this state is committed.
      if (deliveries?.length) await enqueueAlertDeliveries(tx, deliveries);
      return { row, transition, deliveries };
    });
  }

  async deleteMonitorStates(monitorRefs: readonly string[]): Promise<void> {
    if (!monitorRefs.length) return;
    await this.db.transaction(async tx => {
      await tx(MONITORS)
        .whereIn('monitor_ref', monitorRefs as string[])
        .delete();
      // Its episodes count from 1 again should it come back.
      await forgetAlertDeliveries(tx, monitorRefs);
    });
  }

  async transitions(monitorRef: string): Promise<DriftTransition[]> {
    const rows = await this.db(TRANSITIONS)
      .where({ monitor_ref: monitorRef })
      .orderBy('id', 'asc');
    return rows.map(r => ({
      monitorRef: r.monitor_ref,
      from: r.from_state,
      to: r.to_state,
      episode: Number(r.episode),
      at: toDate(r.at),
    }));
  }

  async rawSeries(monitorRef: string, since: Date): Promise<SeriesPoint[]> {
    const rows = await this.db(OBSERVATIONS)
      .where({ monitor_ref: monitorRef })
      .where('observed_at', '>=', since.toISOString())
      .orderBy('observed_at', 'asc')
      .select('feature', 'observed_at', 'value', 'p_value');
    return rows.map(r => ({
      feature: r.feature,
      at: toDate(r.observed_at),
      value: nullableNumber(r.value),
      pValue: nullableNumber(r.p_value),
    }));
  }

  async dailySeries(monitorRef: string, since: Date): Promise<SeriesPoint[]> {
    const rows = await this.db(ROLLUPS)
      .where({ monitor_ref: monitorRef })
      .where('day', '>=', since.toISOString().slice(0, 10))
      .orderBy('day', 'asc')
      .select('feature', 'last_observed_at', 'last_value', 'last_p_value');
    return rows.map(r => ({
      feature: r.feature,
      at: toDate(r.last_observed_at),
      value: nullableNumber(r.last_value),
      pValue: nullableNumber(r.last_p_value),
    }));
  }

  async applyRetention(options: {
    rawBefore: Date;
    rollupsBefore: Date;
  }): Promise<{ downsampled: number; deletedRollups: number }> {
    let downsampled = 0;
    for (;;) {
      const folded = await this.db.transaction(async tx => {
        const rows = await tx(OBSERVATIONS)
          .where('observed_at', '<', options.rawBefore.toISOString())
          .orderBy('id', 'asc')
          .limit(RETENTION_CHUNK)
          .select(
            'id',
            'monitor_ref',
            'feature',
            'observed_at',
            'value',
            'p_value',
          );
        if (!rows.length) return 0;
        await this.foldIntoRollups(tx, rows);
        const ids = rows.map(r => r.id);
        for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
          await tx(OBSERVATIONS)
            .whereIn('id', ids.slice(i, i + INSERT_CHUNK))
            .delete();
        }
        return rows.length;
      });
      downsampled += folded;
      if (folded < RETENTION_CHUNK) break;
    }
    const deletedRollups = await this.db(ROLLUPS)
      .where('day', '<', options.rollupsBefore.toISOString().slice(0, 10))
      .delete();
    // A batch's key only has to outlive the retries of that batch.
    await this.db(BATCHES)
      .where('received_at', '<', options.rawBefore.toISOString())
      .delete();
    return { downsampled, deletedRollups };
  }

  private async foldIntoRollups(tx: Knex.Transaction, rows: any[]) {
    type Rollup = {
      monitor_ref: string;
      feature: string;
      day: string;
      count: number;
      min_value: number | null;
      max_value: number | null;
      mean_value: number | null;
      last_value: number | null;
      last_p_value: number | null;
      last_observed_at: string;
    };
    const groups = new Map<string, Rollup>();
    const fold = (into: Rollup, add: Rollup) => {
      const values = into.count + add.count;
      let mean = into.mean_value ?? add.mean_value;
      if (into.mean_value !== null && add.mean_value !== null) {
        mean =
          (into.mean_value * into.count + add.mean_value * add.count) / values;
      }
      const later = add.last_observed_at >= into.last_observed_at;
      return {
        ...into,
        count: values,
        min_value: extreme(Math.min, into.min_value, add.min_value),
        max_value: extreme(Math.max, into.max_value, add.max_value),
        mean_value: mean,
        last_value: later ? add.last_value : into.last_value,
        last_p_value: later ? add.last_p_value : into.last_p_value,
        last_observed_at: later ? add.last_observed_at : into.last_observed_at,
      };
    };
    for (const r of rows) {
      const at = toDate(r.observed_at).toISOString();
      const value = nullableNumber(r.value);
      const one: Rollup = {
        monitor_ref: r.monitor_ref,
        feature: r.feature,
        day: at.slice(0, 10),
        count: 1,
        min_value: value,
        max_value: value,
        mean_value: value,
        last_value: value,
        last_p_value: nullableNumber(r.p_value),
        last_observed_at: at,
      };
      const key = `${one.monitor_ref}\u0000${one.feature}\u0000${one.day}`;
      const current = groups.get(key);
      groups.set(key, current ? fold(current, one) : one);
    }
    const merged: Rollup[] = [];
    for (const group of groups.values()) {
      const old = await tx(ROLLUPS)
        .where({
          monitor_ref: group.monitor_ref,
          feature: group.feature,
          day: group.day,
        })
        .first();
      merged.push(
        old
          ? fold(
              {
                ...old,
                count: Number(old.count),
                min_value: nullableNumber(old.min_value),
                max_value: nullableNumber(old.max_value),
                mean_value: nullableNumber(old.mean_value),
                last_value: nullableNumber(old.last_value),
                last_p_value: nullableNumber(old.last_p_value),
                last_observed_at: toDate(old.last_observed_at).toISOString(),
              },
              group,
            )
          : group,
      );
    }
    for (let i = 0; i < merged.length; i += INSERT_CHUNK) {
      await tx(ROLLUPS)
        .insert(merged.slice(i, i + INSERT_CHUNK))
        .onConflict(['monitor_ref', 'feature', 'day'])
        .merge();
    }
  }

  async counts(): Promise<{ observations: number; rollups: number }> {
    const [o] = await this.db(OBSERVATIONS).count({ n: '*' });
    const [r] = await this.db(ROLLUPS).count({ n: '*' });
    return { observations: Number(o.n), rollups: Number(r.n) };
  }

  async sourceCursor(sourceId: string): Promise<Date | undefined> {
    const row = await this.db('mlops_drift_source_cursors')
      .where({ source_id: sourceId })
      .first();
    return row ? toDate(row.pulled_at) : undefined;
  }

  async setSourceCursor(sourceId: string, pulledAt: Date): Promise<void> {
    await this.db('mlops_drift_source_cursors')
      .insert({ source_id: sourceId, pulled_at: pulledAt.toISOString() })
      .onConflict('source_id')
      .merge();
  }
}
