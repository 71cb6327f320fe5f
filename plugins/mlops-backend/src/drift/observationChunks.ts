import type { DriftWindow } from '@mlightenment/backstage-plugin-mlops-common';
import type { DriftObservation } from './observations';

/**
 * One feature's observations of one batch, stored as one row: a month of
 * hourly samples pulled from a source is one row of about 20 kB instead of
 * 721 rows with two index entries each.
 */
export interface ObservationChunk {
  feature: string;
  firstAt: Date;
  lastAt: Date;
  count: number;
  /** {@link ChunkPoints} as JSON. */
  points: string;
}

/**
 * A chunk's observations column by column, oldest first. `at` holds each
 * observation's milliseconds after the one before it (the first: after the
 * chunk's `firstAt`, so 0); a chunk on a regular grid has instead `every`,
 * the milliseconds between its `n` observations (migration
 * 20261217100000 turns those back into `at` on its way down). A column
 * whose every value is null is left out.
 */
type ChunkPoints = {
  at?: number[];
  every?: number;
  n?: number;
  value?: Array<number | null>;
  pValue?: Array<number | null>;
  referenceRows?: Array<number | null>;
  currentRows?: Array<number | null>;
  window?: Array<DriftWindow | null>;
};

const COLUMNS = [
  'value',
  'pValue',
  'referenceRows',
  'currentRows',
  'window',
] as const;

/**
 * One feature's observations of a batch, column by column, oldest first:
 * what a chunk stores. Push batches are turned into columns once
 * validated; a source that pulls series hands its columns over as they
 * are, without an object per observation. A column left out is null
 * throughout.
 */
export interface FeatureColumns {
  feature: string;
  /** Milliseconds since the epoch, ascending. */
  at: ArrayLike<number>;
  value?: ArrayLike<number | null>;
  pValue?: ArrayLike<number | null>;
  referenceRows?: ArrayLike<number | null>;
  currentRows?: ArrayLike<number | null>;
  window?: ArrayLike<DriftWindow | null>;
}

/** Whether a column holds any value: a column of nulls is left out. */
function anyValue(values: ArrayLike<unknown>): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== null) return true;
  return false;
}

/** One feature's observations (sorted here, oldest first) as columns. */
function featureColumns(
  observations: readonly DriftObservation[],
): FeatureColumns {
  const sorted = [...observations].sort(
    (a, b) => a.observedAt.getTime() - b.observedAt.getTime(),
  );
  const columns: FeatureColumns = {
    feature: sorted[0].feature,
    at: sorted.map(o => o.observedAt.getTime()),
  };
  for (const name of COLUMNS) {
    const values = sorted.map(o => o[name] ?? null);
    if (anyValue(values)) {
      (columns as unknown as Record<string, unknown>)[name] = values;
    }
  }
  return columns;
}

/** A batch's observations as columns, one set per feature. */
export function columnsOf(
  observations: readonly DriftObservation[],
): FeatureColumns[] {
  const byFeature = new Map<string, DriftObservation[]>();
  for (const o of observations) {
    const list = byFeature.get(o.feature);
    if (list) list.push(o);
    else byFeature.set(o.feature, [o]);
  }
  return [...byFeature.values()].map(featureColumns);
}

/** The observation at one place of a feature's columns. */
export function observationAt(
  columns: FeatureColumns,
  i: number,
): DriftObservation {
  return {
    feature: columns.feature,
    observedAt: new Date(columns.at[i]),
    value: columns.value?.[i] ?? null,
    pValue: columns.pValue?.[i] ?? null,
    referenceRows: columns.referenceRows?.[i] ?? null,
    currentRows: columns.currentRows?.[i] ?? null,
    window: columns.window?.[i] ?? null,
  };
}

/** A column as JSON, for a chunk: a plain array of a typed one. */
function columnJson(values: ArrayLike<unknown>): string {
  return JSON.stringify(Array.isArray(values) ? values : Array.from(values));
}

/**
 * The times of a chunk: `every` and `n` for a regular grid (a source's
 * pull), else each time's milliseconds after the one before.
 */
function timesJson(at: ArrayLike<number>): string {
  const every = at.length > 1 ? at[1] - at[0] : 0;
  let regular = every > 0;
  for (let i = 2; i < at.length && regular; i++) {
    regular = at[i] - at[i - 1] === every;
  }
  if (regular) return `"every":${every},"n":${at.length}`;
  const deltas = new Array<number>(at.length);
  let previous = at[0];
  for (let i = 0; i < at.length; i++) {
    deltas[i] = at[i] - previous;
    previous = at[i];
  }
  return `"at":${JSON.stringify(deltas)}`;
}

/** One feature's columns as a chunk, its JSON written a column at a time. */
export function encodeColumns(columns: FeatureColumns): ObservationChunk {
  const { at } = columns;
  let points = `{${timesJson(at)}`;
  for (const name of COLUMNS) {
    const values = columns[name];
    // A column of nulls is left out, as decodeChunk reads it.
    if (values && anyValue(values)) {
      points += `,"${name}":${columnJson(values)}`;
    }
  }
  return {
    feature: columns.feature,
    firstAt: new Date(at[0]),
    lastAt: new Date(at[at.length - 1]),
    count: at.length,
    points: `${points}}`,
  };
}

/** One feature's observations (sorted here, oldest first) as a chunk. */
export function encodeChunk(
  observations: readonly DriftObservation[],
): ObservationChunk {
  return encodeColumns(featureColumns(observations));
}

/** A batch's observations as one chunk per feature. */
export function encodeChunks(
  observations: readonly DriftObservation[],
): ObservationChunk[] {
  return columnsOf(observations).map(encodeColumns);
}

/** A stored chunk's observations, oldest first. */
export function decodeChunk(chunk: {
  feature: string;
  firstAt: Date;
  points: string;
}): DriftObservation[] {
  const points = JSON.parse(chunk.points) as ChunkPoints;
  const deltas =
    points.at ??
    Array.from({ length: points.n! }, (_, i) => (i ? points.every! : 0));
  let at = chunk.firstAt.getTime();
  return deltas.map((delta, i) => {
    at += delta;
    return {
      feature: chunk.feature,
      observedAt: new Date(at),
      value: points.value?.[i] ?? null,
      pValue: points.pValue?.[i] ?? null,
      referenceRows: points.referenceRows?.[i] ?? null,
      currentRows: points.currentRows?.[i] ?? null,
      window: points.window?.[i] ?? null,
    };
  });
}
