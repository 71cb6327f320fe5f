import { InputError } from '@backstage/errors';
import {
  thresholdsOf,
  type DriftObservationBatch,
  type DriftObservationInput,
  type MLMonitorEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';
import type {
  DriftSourceBatch,
  DriftSourceSeriesBatch,
} from '@mlightenment/backstage-plugin-mlops-node';
import { createHash } from 'crypto';
import type { FeatureColumns } from './observationChunks';
import { LATEST_ALLOWED_MS } from './observations';

/** Whether a drift source's batch is one feature's series rather than observations. */
export const isSeriesBatch = (
  batch: DriftSourceBatch,
): batch is DriftSourceSeriesBatch => 'series' in batch;

/** How many observations a batch holds. */
export const observationCount = (batch: DriftSourceBatch) =>
  isSeriesBatch(batch) ? batch.series.at.length : batch.observations.length;

/** The time of a batch's latest observation. */
export function lastObservedAt(batch: DriftSourceBatch): Date {
  if (!isSeriesBatch(batch)) {
    return new Date(
      Math.max(...batch.observations.map(o => Date.parse(o.observedAt))),
    );
  }
  const { at } = batch.series;
  return new Date(at[at.length - 1]);
}

/** The column's numbers as bytes: a series hashes without a text of it. */
function bytesOf(values: ArrayLike<number>): Uint8Array {
  const numbers =
    values instanceof Float64Array ? values : Float64Array.from(values);
  return new Uint8Array(numbers.buffer, numbers.byteOffset, numbers.byteLength);
}

/**
 * A series batch's hash: the same series pulled again hashes the same.
 * Computed over the numbers as they are, not over a text of them.
 */
export function seriesHashOf(batch: DriftSourceSeriesBatch): string {
  const { series } = batch;
  const hash = createHash('sha256').update(
    `series\u0000${batch.monitor}\u0000${batch.idempotencyKey}\u0000${series.feature}\u0000`,
  );
  hash.update(bytesOf(series.at));
  for (const name of ['value', 'pValue'] as const) {
    const values = series[name];
    hash.update(`\u0000${name}:${values ? values.length : '-'}\u0000`);
    if (values) hash.update(bytesOf(values));
  }
  return hash.digest('hex');
}

/**
 * A series batch as the push API's batch of observations, as sources
 * wrote them before series: for a dry run's answer, and to recognise a
 * window a source stored that way before.
 */
export function asObservationBatch(
  batch: DriftSourceSeriesBatch,
): DriftObservationBatch {
  const { series } = batch;
  const observations: DriftObservationInput[] = [];
  for (let i = 0; i < series.at.length; i++) {
    observations.push({
      feature: series.feature,
      observedAt: new Date(series.at[i]).toISOString(),
      ...(series.pValue ? { pValue: series.pValue[i] } : {}),
      ...(series.value ? { value: series.value[i] } : {}),
    });
  }
  return {
    monitor: batch.monitor,
    idempotencyKey: batch.idempotencyKey,
    observations,
  };
}

/** The first place of a column whose number is not finite, or -1. */
function firstNotFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) return i;
  }
  return -1;
}

/**
 * Validates one feature's series against the monitor, as the push API
 * validates observations, and returns its columns to store. Throws an
 * `InputError` naming the first bad field.
 */
export function prepareSeries(
  monitor: MLMonitorEntityV1alpha1,
  monitorRef: string,
  batch: DriftSourceSeriesBatch,
  now = Date.now(),
): FeatureColumns {
  const { series } = batch;
  const feature = monitor.spec.features.find(f => f.name === series.feature);
  if (!feature) {
    throw new InputError(
      `series.feature: ${JSON.stringify(
        series.feature,
      )} is not a feature of ${monitorRef} (its features: ${monitor.spec.features
        .map(f => f.name)
        .join(', ')})`,
    );
  }
  const { on } = thresholdsOf(feature);
  const required = on === 'p-value' ? 'pValue' : 'value';
  if (!series[required]) {
    throw new InputError(
      `series.${required}: is required; the thresholds of feature "${feature.name}" of ${monitorRef} are on the ${on}`,
    );
  }
  const { at } = series;
  for (let i = 0; i < at.length; i++) {
    if (!Number.isFinite(at[i])) {
      throw new InputError(
        `series.at[${i}]: must be milliseconds since the epoch, got ${at[i]}`,
      );
    }
    if (i > 0 && at[i] < at[i - 1]) {
      throw new InputError(
        `series.at[${i}]: ${new Date(
          at[i],
        ).toISOString()} is before the time before it; a series' times ascend`,
      );
    }
  }
  if (at.length && at[at.length - 1] > now + LATEST_ALLOWED_MS) {
    throw new InputError(
      `series.at[${at.length - 1}]: ${new Date(
        at[at.length - 1],
      ).toISOString()} is in the future`,
    );
  }
  const columns: FeatureColumns = { feature: feature.name, at };
  for (const name of ['value', 'pValue'] as const) {
    const values = series[name];
    if (!values) continue;
    if (values.length !== at.length) {
      throw new InputError(
        `series.${name}: has ${values.length} numbers for ${at.length} times`,
      );
    }
    const bad = firstNotFinite(values);
    if (bad >= 0) {
      throw new InputError(
        `series.${name}[${bad}]: must be a finite number, got ${values[bad]}`,
      );
    }
    if (name === 'pValue') {
      for (let i = 0; i < values.length; i++) {
        if (values[i] < 0 || values[i] > 1) {
          throw new InputError(
            `series.pValue[${i}]: must be between 0 and 1, got ${values[i]}`,
          );
        }
      }
    }
    columns[name] = values;
  }
  return columns;
}
