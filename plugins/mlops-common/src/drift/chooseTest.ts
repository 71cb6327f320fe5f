import { alignCategories, CategoricalData } from './binning';
import { chiSquareGoodnessOfFit } from './chiSquare';
import { jensenShannonDistance } from './jensenShannon';
import { ksTwoSample } from './ks';
import { NumericArray, validateSample } from './validate';
import { wassersteinDistance } from './wasserstein';

/** Whether a feature is measured on a number line or takes categories. @public */
export type FeatureKind = 'numerical' | 'categorical';

/** The drift tests the default chooser picks from. @public */
export type DriftTestName =
  | 'ks'
  | 'chi-square'
  | 'wasserstein-normed'
  | 'jensen-shannon';

/**
 * A drift test and when it says a feature drifted: a p-value test when the
 * p-value is below the threshold, a distance when the distance is at least
 * the threshold.
 * @public
 */
export interface DriftTestChoice {
  test: DriftTestName;
  /** `p-value` for KS and chi-square, `distance` for the others. */
  scoreKind: 'p-value' | 'distance';
  threshold: number;
}

/** Up to this many reference rows the chooser picks a statistical test. @public */
export const SMALL_REFERENCE_ROWS = 1000;

/**
 * The default drift test for a feature, by Evidently's published rules:
 * with at most 1,000 reference rows, the two-sample Kolmogorov–Smirnov test
 * for a numerical feature and the chi-square test for a categorical one,
 * drift when p < 0.05; with more rows, the Wasserstein distance divided by
 * the reference's standard deviation for a numerical feature and the
 * Jensen–Shannon distance (natural logarithm) for a categorical one, drift
 * when the distance is at least 0.1.
 *
 * @param kind - the feature's kind
 * @param referenceRows - the number of rows in the reference
 * @public
 */
export function chooseDriftTest(
  kind: FeatureKind,
  referenceRows: number,
): DriftTestChoice {
  if (kind !== 'numerical' && kind !== 'categorical') {
    throw new TypeError(
      `kind is ${JSON.stringify(
        kind,
      )}; it must be 'numerical' or 'categorical'`,
    );
  }
  if (!(Number.isInteger(referenceRows) && referenceRows >= 1)) {
    throw new RangeError(
      `referenceRows is ${referenceRows}; it must be a positive integer`,
    );
  }
  if (referenceRows <= SMALL_REFERENCE_ROWS) {
    return kind === 'numerical'
      ? { test: 'ks', scoreKind: 'p-value', threshold: 0.05 }
      : { test: 'chi-square', scoreKind: 'p-value', threshold: 0.05 };
  }
  return kind === 'numerical'
    ? { test: 'wasserstein-normed', scoreKind: 'distance', threshold: 0.1 }
    : { test: 'jensen-shannon', scoreKind: 'distance', threshold: 0.1 };
}

/**
 * The Wasserstein distance divided by the reference's (population) standard
 * deviation, floored at 0.001 so that a constant reference does not divide
 * by zero — Evidently's "normed Wasserstein".
 *
 * @public
 */
export function normedWassersteinDistance(
  reference: NumericArray,
  current: NumericArray,
): number {
  validateSample('reference', reference);
  let mean = 0;
  for (let i = 0; i < reference.length; i++) mean += reference[i];
  mean /= reference.length;
  let squares = 0;
  for (let i = 0; i < reference.length; i++) {
    squares += (reference[i] - mean) ** 2;
  }
  const std = Math.sqrt(squares / reference.length);
  return wassersteinDistance(reference, current) / Math.max(std, 0.001);
}

/** One feature's drift: the test run, its score and the verdict. @public */
export interface FeatureDriftResult extends DriftTestChoice {
  /** The p-value or distance the test gave. */
  score: number;
  drifted: boolean;
}

/** A feature's reference and current data, by kind. @public */
export type FeatureData =
  | { kind: 'numerical'; reference: NumericArray; current: NumericArray }
  | {
      kind: 'categorical';
      reference: CategoricalData;
      current: CategoricalData;
    };

function referenceRowsOf(data: FeatureData): number {
  if (data.kind === 'numerical' || Array.isArray(data.reference)) {
    return (data.reference as ArrayLike<unknown>).length;
  }
  return alignCategories(data.reference, data.reference).reference.reduce(
    (a, b) => a + b,
    0,
  );
}

/**
 * Runs the test {@link chooseDriftTest} picks for a feature (or the one
 * given) and says whether the feature drifted.
 *
 * @param data - the feature's kind and its reference and current data
 * @param choice - a test to run instead of the default
 * @public
 */
export function featureDrift(
  data: FeatureData,
  choice?: DriftTestChoice,
): FeatureDriftResult {
  const chosen = choice ?? chooseDriftTest(data.kind, referenceRowsOf(data));
  let score: number;
  if (data.kind === 'numerical') {
    if (chosen.test === 'ks') {
      score = ksTwoSample(data.reference, data.current).pValue;
    } else if (chosen.test === 'wasserstein-normed') {
      score = normedWassersteinDistance(data.reference, data.current);
    } else {
      throw new RangeError(
        `the ${chosen.test} test is for categorical features`,
      );
    }
  } else {
    const aligned = alignCategories(data.reference, data.current);
    if (chosen.test === 'chi-square') {
      score = chiSquareGoodnessOfFit(aligned.reference, aligned.current).pValue;
    } else if (chosen.test === 'jensen-shannon') {
      score = jensenShannonDistance(aligned.reference, aligned.current, {
        base: Math.E,
      });
    } else {
      throw new RangeError(`the ${chosen.test} test is for numerical features`);
    }
  }
  const drifted =
    chosen.scoreKind === 'p-value'
      ? score < chosen.threshold
      : score >= chosen.threshold;
  return { ...chosen, score, drifted };
}

/** Whether a dataset drifted, and how many of its features did. @public */
export interface DatasetDriftResult {
  drifted: boolean;
  driftedFeatures: number;
  features: number;
  /** driftedFeatures / features */
  share: number;
}

/**
 * Dataset drift as Evidently defines it by default: the dataset drifted when
 * at least half of its features drifted.
 *
 * @param results - one verdict per feature, e.g. from {@link featureDrift}
 * @param options - `share`, the share of drifted features that makes the
 *   dataset drift, 0.5 unless given
 * @throws RangeError if there are no results or the share is not in (0, 1]
 * @public
 */
export function datasetDrift(
  results: ReadonlyArray<{ drifted: boolean }>,
  options: { share?: number } = {},
): DatasetDriftResult {
  const threshold = options.share ?? 0.5;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`options.share is ${threshold}; it must be in (0, 1]`);
  }
  if (!Array.isArray(results) || results.length === 0) {
    throw new RangeError(
      'results is empty; dataset drift needs at least one feature',
    );
  }
  const driftedFeatures = results.filter(r => r.drifted).length;
  const share = driftedFeatures / results.length;
  return {
    drifted: share >= threshold,
    driftedFeatures,
    features: results.length,
    share,
  };
}
