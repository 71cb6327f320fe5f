import { InputError } from '@backstage/errors';
import {
  alignCategories,
  driftStatistic,
  DriftObservationInput,
  DriftWindow,
  featureTypeProblem,
  histogram,
  MLMonitorEntityV1alpha1,
  MonitoredFeature,
  quantileBinEdges,
  thresholdsOf,
} from '@mlightenment/backstage-plugin-mlops-common';

/** An observation ready to store: the statistic computed, rows counted. */
export interface DriftObservation {
  feature: string;
  observedAt: Date;
  value: number | null;
  pValue: number | null;
  referenceRows: number | null;
  currentRows: number | null;
  window: DriftWindow | null;
}

/** How far after the backend's clock an observation's time may be (clocks differ). */
export const LATEST_ALLOWED_MS = 5 * 60_000;

/** Bins for numerical samples turned into histograms: reference deciles. */
const NUMERICAL_BINS = 10;

function finiteNumbers(path: string, values: unknown[]): number[] {
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError(
        `${path}[${i}]: must be a finite number for a numerical feature, got ${JSON.stringify(
          v,
        )}`,
      );
    }
  });
  return values as number[];
}

function countsPair(
  path: string,
  feature: MonitoredFeature,
  input: DriftObservationInput,
): [number[], number[]] {
  if (
    input.referenceCounts !== undefined ||
    input.currentCounts !== undefined
  ) {
    const { referenceCounts: r, currentCounts: c } = input;
    if (r === undefined || c === undefined) {
      throw new InputError(
        `${path}.${
          r === undefined ? 'referenceCounts' : 'currentCounts'
        }: is required with ${
          r === undefined ? 'currentCounts' : 'referenceCounts'
        }`,
      );
    }
    if (Array.isArray(r) !== Array.isArray(c)) {
      throw new InputError(
        `${path}.currentCounts: must have the form of referenceCounts (both arrays over the same bins, or both objects of counts per category)`,
      );
    }
    if (Array.isArray(r) && Array.isArray(c)) {
      if (r.length !== c.length) {
        throw new InputError(
          `${path}.currentCounts: has ${c.length} bins, referenceCounts ${r.length}; histograms must share their bins`,
        );
      }
      return [r, c];
    }
    const aligned = alignCategories(
      r as Record<string, number>,
      c as Record<string, number>,
    );
    return [aligned.reference, aligned.current];
  }
  const reference = input.reference!;
  const current = input.current!;
  if (feature.type === 'numerical') {
    const ref = finiteNumbers(`${path}.reference`, reference);
    const cur = finiteNumbers(`${path}.current`, current);
    const edges = quantileBinEdges(ref, NUMERICAL_BINS);
    return [histogram(ref, edges), histogram(cur, edges)];
  }
  const aligned = alignCategories(
    reference as (string | number | boolean)[],
    current as (string | number | boolean)[],
  );
  return [aligned.reference, aligned.current];
}

// The statistic the feature declares, computed from the samples or
// histograms the pipeline sent, as its entry in DRIFT_STATISTICS says.
function computeStatistic(
  path: string,
  feature: MonitoredFeature,
  input: DriftObservationInput,
): { value: number; pValue: number | null } {
  const { statistic } = feature;
  const definition = driftStatistic(statistic);
  if (!definition) {
    throw new InputError(`${path}: unknown statistic ${statistic}`);
  }
  if (definition.input === 'value') {
    throw new InputError(
      `${path}.value: is required; feature "${feature.name}" is a ${statistic} the pipeline computes, the backend cannot derive it from samples`,
    );
  }
  const wrongType = featureTypeProblem(feature);
  if (wrongType) throw new InputError(`${path}: ${wrongType}`);
  let result;
  if (definition.input === 'samples') {
    if (input.reference === undefined || input.current === undefined) {
      throw new InputError(
        `${path}.reference: ${statistic} needs the reference and current samples (or a value computed by the pipeline); histograms are not enough`,
      );
    }
    result = definition.compute(
      finiteNumbers(`${path}.reference`, input.reference),
      finiteNumbers(`${path}.current`, input.current),
    );
  } else {
    result = definition.compute(...countsPair(path, feature, input));
  }
  return { value: result.value, pValue: result.pValue ?? null };
}

function countRows(
  samples: unknown[] | undefined,
  counts: number[] | Record<string, number> | undefined,
): number | null {
  if (samples) return samples.length;
  if (counts === undefined) return null;
  const values = Array.isArray(counts) ? counts : Object.values(counts);
  return Math.round(values.reduce((a, b) => a + b, 0));
}

/**
 * Parses observation times, each text once: a batch's features share their
 * times (a pull of 25 features over a month has 721 distinct times among
 * 18,025 observations), and so may their Dates, which nothing changes.
 */
export function parsedDates(): (text: string) => Date {
  const dates = new Map<string, Date>();
  return text => {
    let date = dates.get(text);
    if (!date) {
      date = new Date(text);
      dates.set(text, date);
    }
    return date;
  };
}

/** A value or p-value, when given, must be a finite number. */
function finiteIfGiven(path: string, key: string, v: unknown) {
  if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) {
    throw new InputError(
      `${path}.${key}: must be a finite number, got ${
        typeof v === 'number' ? v : JSON.stringify(v)
      }`,
    );
  }
}

/**
 * Validates one batch against the monitor it is for and computes, from
 * samples or histograms, the statistic each feature declares. Throws an
 * `InputError` naming the first bad field, so that nothing of a bad batch
 * is stored.
 */
export function prepareObservations(
  monitor: MLMonitorEntityV1alpha1,
  monitorRef: string,
  inputs: DriftObservationInput[],
  dateOf: (text: string) => Date = parsedDates(),
): DriftObservation[] {
  const features = new Map(
    monitor.spec.features.map(f => [
      f.name,
      { feature: f, thresholds: thresholdsOf(f) },
    ]),
  );
  const latest = Date.now() + LATEST_ALLOWED_MS;
  return inputs.map((input, index) => {
    const path = `observations[${index}]`;
    const { feature, thresholds } = features.get(input.feature) ?? {};
    if (!feature || !thresholds) {
      throw new InputError(
        `${path}.feature: ${JSON.stringify(
          input.feature,
        )} is not a feature of ${monitorRef} (its features: ${[
          ...features.keys(),
        ].join(', ')})`,
      );
    }
    const observedAt = dateOf(input.observedAt);
    if (Number.isNaN(observedAt.getTime())) {
      throw new InputError(
        `${path}.observedAt: ${JSON.stringify(
          input.observedAt,
        )} is not an ISO 8601 date-time`,
      );
    }
    if (observedAt.getTime() > latest) {
      throw new InputError(
        `${path}.observedAt: ${input.observedAt} is in the future`,
      );
    }
    finiteIfGiven(path, 'value', input.value);
    finiteIfGiven(path, 'pValue', input.pValue);
    if (input.pValue !== undefined && (input.pValue < 0 || input.pValue > 1)) {
      throw new InputError(
        `${path}.pValue: must be between 0 and 1, got ${input.pValue}`,
      );
    }
    const hasSamples =
      input.reference !== undefined || input.current !== undefined;
    const hasCounts =
      input.referenceCounts !== undefined || input.currentCounts !== undefined;
    const hasValue = input.value !== undefined || input.pValue !== undefined;
    if (Number(hasSamples) + Number(hasCounts) + Number(hasValue) !== 1) {
      throw new InputError(
        `${path}: give exactly one of value (and pValue), reference and current samples, or referenceCounts and currentCounts`,
      );
    }
    if (
      hasSamples &&
      (input.reference === undefined || input.current === undefined)
    ) {
      throw new InputError(
        `${path}.${
          input.reference === undefined ? 'reference' : 'current'
        }: is required with ${
          input.reference === undefined ? 'current' : 'reference'
        }`,
      );
    }
    let value: number | null;
    let pValue: number | null;
    if (hasValue) {
      if (thresholds.on === 'p-value' && input.pValue === undefined) {
        throw new InputError(
          `${path}.pValue: is required; the thresholds of feature "${feature.name}" of ${monitorRef} are on the p-value`,
        );
      }
      if (thresholds.on === 'value' && input.value === undefined) {
        throw new InputError(
          `${path}.value: is required for feature "${feature.name}" of ${monitorRef}`,
        );
      }
      value = input.value ?? null;
      pValue = input.pValue ?? null;
    } else {
      try {
        ({ value, pValue } = computeStatistic(path, feature, input));
      } catch (error) {
        if (error instanceof InputError) throw error;
        // The statistics name the argument (reference, current, counts).
        throw new InputError(`${path}: ${(error as Error).message}`);
      }
    }
    return {
      feature: feature.name,
      observedAt,
      value,
      pValue,
      referenceRows:
        input.referenceRows ??
        countRows(input.reference, input.referenceCounts),
      currentRows:
        input.currentRows ?? countRows(input.current, input.currentCounts),
      window: input.window ?? null,
    };
  });
}
