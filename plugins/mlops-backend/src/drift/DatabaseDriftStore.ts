import type { Knex } from 'knex';
import type { DriftState } from '@mlightenment/backstage-plugin-mlops-common';
import {
  CurrentMonitorState,
  DriftPoint,
  DriftStore,
  DriftTransition,
  EvaluatedMonitorState,
  FeatureStateRow,
  MonitorStateRow,
  NewBatch,
  RECENT_POINTS,
  SeriesPoint,
  StoreBatchResult,
  StoredBatch,
} from './DriftStore';
import {
  enqueueAlertDeliveries,
  forgetAlertDeliveries,
} from '../alerting/DatabaseAlertDeliveryStore';
import { chunks, readInChunks } from '../database/readInChunks';
import type { DriftObservation } from './observations';
import {
  decodeChunk,
  encodeChunk,
  encodeColumns,
  observationAt,
  type FeatureColumns,
  type ObservationChunk,
} from './observationChunks';

const BATCHES = 'mlops_drift_batches';
const CHUNKS = 'mlops_drift_observation_chunks';
const ROLLUPS = 'mlops_drift_rollups';
const FEATURES = 'mlops_drift_feature_state';
const MONITORS = 'mlops_drift_monitor_state';
const TRANSITIONS = 'mlops_drift_transitions';

/** Rows per insert statement: under SQLite's 32,766 bound parameters. */
const INSERT_CHUNK = 500;
/** Chunk rows per insert statement: each may hold thousands of observations. */
const CHUNK_ROWS_PER_INSERT = 100;
/** Chunks folded into daily aggregates per transaction. */
const RETENTION_CHUNKS = 200;

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

/** A chunk as the row that stores it. */
export function chunkRow(
  monitorRef: string,
  batchKey: string,
  chunk: ObservationChunk,
) {
  return {
    monitor_ref: monitorRef,
    feature: chunk.feature,
    first_at: chunk.firstAt.toISOString(),
    last_at: chunk.lastAt.toISOString(),
    count: chunk.count,
    points: chunk.points,
    batch_key: batchKey,
  };
}

/** A stored chunk row's observations, oldest first. */
const observationsOf = (row: any): DriftObservation[] =>
  decodeChunk({
    feature: row.feature,
    firstAt: toDate(row.first_at),
    points: row.points,
  });

/** A feature state as read, or as just written with its recent points. */
const featureStateOf = (
  r: any,
  recent = parseJson<DriftPoint[]>(r.recent, []),
): FeatureStateRow => ({
  monitorRef: r.monitor_ref,
  feature: r.feature,
  observedAt: toDate(r.observed_at),
  value: nullableNumber(r.value),
  pValue: nullableNumber(r.p_value),
  referenceRows: nullableNumber(r.reference_rows),
  currentRows: nullableNumber(r.current_rows),
  window: parseJson(r.window, null),
  recent,
});

/** Items by a key of theirs (rows or batches by monitor), in their order. */
function groupBy<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * A monitor's feature states merged with its batches' newest points: the
 * rows to write and every feature's state after them.
 */
function mergedFeatures(
  monitorRef: string,
  batches: readonly FeatureColumns[],
  existing: readonly any[],
): { upserts: object[]; states: FeatureStateRow[] } {
  // Only each batch's newest points can be among the feature's recent ones.
  const byFeature = new Map<string, DriftObservation[]>();
  for (const columns of batches) {
    const list = byFeature.get(columns.feature) ?? [];
    const from = Math.max(0, columns.at.length - RECENT_POINTS);
    for (let i = from; i < columns.at.length; i++) {
      list.push(observationAt(columns, i));
    }
    byFeature.set(columns.feature, list);
  }
  const existingByFeature = new Map(existing.map(r => [r.feature, r]));
  const upserts = [];
  const merged = new Map<string, FeatureStateRow>();
  for (const [feature, list] of byFeature) {
    if (!list.length) continue;
    const old = existingByFeature.get(feature);
    const newest = list
      .sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime())
      .slice(-RECENT_POINTS);
    const points: DriftPoint[] = [
      ...parseJson<DriftPoint[]>(old?.recent, []),
      ...newest.map(o => ({
        at: o.observedAt.toISOString(),
        value: o.value,
        pValue: o.pValue,
      })),
    ];
    // ISO 8601 times in UTC, all of one length: their order is the text's.
    points.sort((a, b) => (a.at < b.at ? -1 : Number(a.at > b.at)));
    const latest = newest[newest.length - 1];
    const oldAt = old ? toDate(old.observed_at).getTime() : -Infinity;
    const newer = latest.observedAt.getTime() >= oldAt;
    const recent = points.slice(-RECENT_POINTS);
    const row = {
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
      recent: JSON.stringify(recent),
    };
    upserts.push(row);
    merged.set(feature, featureStateOf(row, recent));
  }
  return {
    upserts,
    states: [
      ...existing
        .filter(r => !merged.has(r.feature))
        .map(r => featureStateOf(r)),
      ...merged.values(),
    ],
  };
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
  return rows.map(r => featureStateOf(r));
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

  constructor(private readonly db: Knex) {
    this.postgres = String(db.client.config.client).includes('pg');
  }

  /**
   * The batches' observations, one chunk row per batch and feature, in as
   * few statements as the rows allow: a monitor's pull of 25 features is
   * one insert, not 25.
   */
  private async insertChunks(
    tx: Knex.Transaction,
    batches: readonly NewBatch[],
  ) {
    const rows = batches.flatMap(batch =>
      batch.features
        .filter(columns => columns.at.length)
        .map(columns =>
          chunkRow(
            batch.monitorRef,
            batch.idempotencyKey,
            encodeColumns(columns),
          ),
        ),
    );
    for (const chunk of chunks(rows, CHUNK_ROWS_PER_INSERT)) {
      await tx(CHUNKS).insert(chunk);
    }
  }

  async findBatch(idempotencyKey: string): Promise<StoredBatch | undefined> {
    const [batch] = await this.findBatches([idempotencyKey]);
    return batch;
  }

  async findBatches(keys: readonly string[]): Promise<StoredBatch[]> {
    const rows = await readInChunks(keys, chunk =>
      this.db(BATCHES).whereIn('idempotency_key', chunk),
    );
    return rows.map(row => ({
      idempotencyKey: row.idempotency_key,
      monitorRef: row.monitor_ref,
      bodyHash: row.body_hash,
      stored: Number(row.stored),
    }));
  }

  async storeBatch(batch: NewBatch): Promise<StoreBatchResult> {
    const [result] = await this.storeBatches([batch]);
    return result;
  }

  async storeBatches(
    batches: readonly NewBatch[],
  ): Promise<StoreBatchResult[]> {
    const existing = new Map(
      (await this.findBatches(batches.map(b => b.idempotencyKey))).map(b => [
        b.idempotencyKey,
        b,
      ]),
    );
    const fresh = batches.filter(b => !existing.has(b.idempotencyKey));
    try {
      if (fresh.length) await this.db.transaction(tx => this.insert(tx, fresh));
    } catch (error) {
      // A concurrent retry took a key meanwhile: its batch alone is not stored.
      if (fresh.length > 1) {
        const results: StoreBatchResult[] = [];
        for (const batch of batches) results.push(await this.storeBatch(batch));
        return results;
      }
      const taken = await this.findBatch(fresh[0].idempotencyKey);
      if (taken) return [{ existing: taken }];
      throw error;
    }
    return batches.map(b => {
      const stored = existing.get(b.idempotencyKey);
      return stored ? { existing: stored } : { stored: b.count };
    });
  }

  /**
   * Batches whose keys were free: their keys, chunks and the latest feature
   * states. Returns each monitor's feature states after the batches.
   */
  private async insert(
    tx: Knex.Transaction,
    batches: readonly NewBatch[],
  ): Promise<Map<string, FeatureStateRow[]>> {
    // The keys first: a concurrent retry of the same batch fails here.
    const keys = batches.map(batch => ({
      idempotency_key: batch.idempotencyKey,
      monitor_ref: batch.monitorRef,
      body_hash: batch.bodyHash,
      stored: batch.count,
      submitted_by: batch.submittedBy,
      received_at: batch.receivedAt.toISOString(),
    }));
    for (const chunk of chunks(keys, INSERT_CHUNK)) {
      await tx(BATCHES).insert(chunk);
    }
    await this.insertChunks(tx, batches);
    return this.mergeFeatureStates(
      tx,
      groupBy(batches, batch => batch.monitorRef),
    );
  }

  /**
   * The latest observation per feature and its recent points, merged with
   * the batches', for each monitor in one read and one write. Returns all
   * of each monitor's feature states after the merge.
   */
  private async mergeFeatureStates(
    tx: Knex.Transaction,
    byMonitor: ReadonlyMap<string, readonly NewBatch[]>,
  ): Promise<Map<string, FeatureStateRow[]>> {
    const existing = groupBy(
      await tx(FEATURES).whereIn('monitor_ref', [...byMonitor.keys()]),
      row => row.monitor_ref,
    );
    const upserts: object[] = [];
    const states = new Map<string, FeatureStateRow[]>();
    for (const [monitorRef, batches] of byMonitor) {
      const merged = mergedFeatures(
        monitorRef,
        batches.flatMap(batch => batch.features),
        existing.get(monitorRef) ?? [],
      );
      upserts.push(...merged.upserts);
      states.set(monitorRef, merged.states);
    }
    for (const chunk of chunks(upserts, INSERT_CHUNK)) {
      await tx(FEATURES)
        .insert(chunk)
        .onConflict(['monitor_ref', 'feature'])
        .merge();
    }
    return states;
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

  async updateMonitorStates(
    monitorRefs: readonly string[],
    evaluate: (
      monitorRef: string,
      current: CurrentMonitorState,
    ) => EvaluatedMonitorState | Promise<EvaluatedMonitorState>,
    batches?: readonly NewBatch[],
  ): Promise<EvaluatedMonitorState[]> {
    return this.db.transaction(async tx => {
      // One evaluation of a monitor at a time, across replicas, until this
      // transaction ends; the locks taken in one order, so that two
      // transactions over some of the same monitors cannot wait for each
      // other. SQLite runs one transaction at a time anyway.
      if (this.postgres) {
        const keys = [...new Set(monitorRefs)]
          .sort()
          .map(ref => `${MONITORS}:${ref}`);
        await tx.raw(
          'select pg_advisory_xact_lock(hashtext(k)) from unnest(?::text[]) as k',
          [keys],
        );
      }
      const merged = batches?.length
        ? await this.insert(tx, batches)
        : new Map<string, FeatureStateRow[]>();
      const read = groupBy(
        await readFeatureStates(
          tx,
          monitorRefs.filter(ref => !merged.has(ref)),
        ),
        row => row.monitorRef,
      );
      const previous = new Map(
        (await readMonitorStates(tx, { monitorRefs })).map(r => [
          r.monitorRef,
          r,
        ]),
      );
      const evaluated: EvaluatedMonitorState[] = [];
      for (const monitorRef of monitorRefs) {
        evaluated.push(
          await evaluate(monitorRef, {
            features: merged.get(monitorRef) ?? read.get(monitorRef) ?? [],
            previous: previous.get(monitorRef),
          }),
        );
      }
      const rows = evaluated.map(({ row }) => ({
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
      }));
      for (const chunk of chunks(rows, INSERT_CHUNK)) {
        await tx(MONITORS).insert(chunk).onConflict('monitor_ref').merge();
      }
      const transitions = evaluated.flatMap(({ transition }) =>
        transition
          ? [
              {
                monitor_ref: transition.monitorRef,
                from_state: transition.from,
                to_state: transition.to,
                episode: transition.episode,
                at: transition.at.toISOString(),
              },
            ]
          : [],
      );
      for (const chunk of chunks(transitions, INSERT_CHUNK)) {
        await tx(TRANSITIONS).insert(chunk);
      }
      // The outbox: the messages are sent once this state is committed.
      const deliveries = evaluated.flatMap(e => e.deliveries ?? []);
      if (deliveries.length) await enqueueAlertDeliveries(tx, deliveries);
      return evaluated;
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
    const rows = await this.db(CHUNKS)
      .where({ monitor_ref: monitorRef })
      .where('last_at', '>=', since.toISOString())
      .orderBy('first_at', 'asc')
      .select('feature', 'first_at', 'points');
    const points: SeriesPoint[] = [];
    for (const row of rows) {
      for (const o of observationsOf(row)) {
        if (o.observedAt < since) continue;
        points.push({
          feature: o.feature,
          at: o.observedAt,
          value: o.value,
          pValue: o.pValue,
        });
      }
    }
    // Chunks of different batches may overlap in time.
    return points.sort((a, b) => a.at.getTime() - b.at.getTime());
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
    const rawBefore = options.rawBefore.toISOString();
    let downsampled = 0;
    for (;;) {
      const folded = await this.db.transaction(async tx => {
        const oldChunks = await tx(CHUNKS)
          .where('first_at', '<', rawBefore)
          .orderBy('id', 'asc')
          .limit(RETENTION_CHUNKS);
        if (!oldChunks.length) return { chunks: 0, observations: 0 };
        const old: any[] = [];
        const emptied: unknown[] = [];
        for (const chunk of oldChunks) {
          const observations = observationsOf(chunk);
          const keep = observations.filter(
            o => o.observedAt >= options.rawBefore,
          );
          for (const o of observations) {
            if (o.observedAt >= options.rawBefore) continue;
            old.push({
              monitor_ref: chunk.monitor_ref,
              feature: o.feature,
              observed_at: o.observedAt,
              value: o.value,
              p_value: o.pValue,
            });
          }
          if (!keep.length) {
            emptied.push(chunk.id);
            continue;
          }
          // A chunk that straddles the boundary keeps its recent part.
          const { firstAt, lastAt, count, points } = encodeChunk(keep);
          await tx(CHUNKS).where({ id: chunk.id }).update({
            first_at: firstAt.toISOString(),
            last_at: lastAt.toISOString(),
            count,
            points,
          });
        }
        await this.foldIntoRollups(tx, old);
        for (const ids of chunks(emptied as number[], INSERT_CHUNK)) {
          await tx(CHUNKS).whereIn('id', ids).delete();
        }
        return { chunks: oldChunks.length, observations: old.length };
      });
      downsampled += folded.observations;
      if (folded.chunks < RETENTION_CHUNKS) break;
    }
    const deletedRollups = await this.db(ROLLUPS)
      .where('day', '<', options.rollupsBefore.toISOString().slice(0, 10))
      .delete();
    // A batch's key only has to outlive the retries of that batch.
    await this.db(BATCHES).where('received_at', '<', rawBefore).delete();
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
    for (const chunk of chunks(merged, INSERT_CHUNK)) {
      await tx(ROLLUPS)
        .insert(chunk)
        .onConflict(['monitor_ref', 'feature', 'day'])
        .merge();
    }
  }

  async counts(): Promise<{ observations: number; rollups: number }> {
    const [o] = await this.db(CHUNKS).sum({ n: 'count' });
    const [r] = await this.db(ROLLUPS).count({ n: '*' });
    return { observations: Number(o.n ?? 0), rollups: Number(r.n) };
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
