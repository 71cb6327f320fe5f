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
 * chunk's `firstAt`, so 0), short for a regular cadence. A column whose
 * every value is null is left out.
 */
type ChunkPoints = {
  at: number[];
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

/** A column's values, or undefined when every one is null. */
function column<T>(values: Array<T | null>): Array<T | null> | undefined {
  return values.some(v => v !== null) ? values : undefined;
}

/** One feature's observations (sorted here, oldest first) as a chunk. */
export function encodeChunk(
  observations: readonly DriftObservation[],
): ObservationChunk {
  const sorted = [...observations].sort(
    (a, b) => a.observedAt.getTime() - b.observedAt.getTime(),
  );
  const first = sorted[0].observedAt.getTime();
  let previous = first;
  const points: ChunkPoints = {
    at: sorted.map(o => {
      const at = o.observedAt.getTime();
      const delta = at - previous;
      previous = at;
      return delta;
    }),
  };
  for (const name of COLUMNS) {
    const values = column<unknown>(sorted.map(o => o[name] ?? null));
    if (values) (points as Record<string, unknown>)[name] = values;
  }
  return {
    feature: sorted[0].feature,
    firstAt: sorted[0].observedAt,
    lastAt: sorted[sorted.length - 1].observedAt,
    count: sorted.length,
    points: JSON.stringify(points),
  };
}

/** A batch's observations as one chunk per feature. */
export function encodeChunks(
  observations: readonly DriftObservation[],
): ObservationChunk[] {
  const byFeature = new Map<string, DriftObservation[]>();
  for (const o of observations) {
    const list = byFeature.get(o.feature);
    if (list) list.push(o);
    else byFeature.set(o.feature, [o]);
  }
  return [...byFeature.values()].map(encodeChunk);
}

/** A stored chunk's observations, oldest first. */
export function decodeChunk(chunk: {
  feature: string;
  firstAt: Date;
  points: string;
}): DriftObservation[] {
  const points = JSON.parse(chunk.points) as ChunkPoints;
  let at = chunk.firstAt.getTime();
  return points.at.map((delta, i) => {
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
