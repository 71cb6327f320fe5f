import type { ThresholdDirection } from '../kinds/types';
import { chiSquareGoodnessOfFit } from './chiSquare';
import { hellingerDistance } from './hellinger';
import { jensenShannonDistance } from './jensenShannon';
import { ksTwoSample } from './ks';
import { populationStabilityIndex } from './psi';
import { NumericArray } from './validate';
import { wassersteinDistance } from './wasserstein';

/** Whether a feature is measured on a number line or takes categories. @public */
export type DriftFeatureType = 'numerical' | 'categorical';

/**
 * What a statistic is computed from:
 *
 * - `samples`: the reference and current samples themselves; histograms are
 *   not enough.
 * - `counts`: two count vectors over the same bins or categories, as pushed,
 *   or made from samples (reference deciles for a numerical feature, aligned
 *   categories for a categorical one).
 * - `value`: nothing; the pipeline computes the value and pushes it.
 *
 * A pipeline may push the value of any statistic it computed itself.
 * @public
 */
export type DriftStatisticInput = 'samples' | 'counts' | 'value';

/** A statistic's value, and its p-value if it is a test. @public */
export type DriftStatisticResult = { value: number; pValue?: number };

/** What the suite knows about one drift statistic. @public */
export type DriftStatisticDefinition = {
  /** The name a data scientist reads: `Kolmogorov–Smirnov`. */
  label: string;
  /** One line on what the value means. */
  description: string;
  /** The types of feature it can be computed for. */
  featureTypes: readonly DriftFeatureType[];
  /** Whether it yields a p-value, which thresholds with `direction: below` apply to. */
  pValue: boolean;
  /**
   * The directions its thresholds may take: `above` for a distance, `below`
   * also for a test's p-value, `outside` (a band) for a metric only.
   */
  directions: readonly ThresholdDirection[];
  /** Whether its value, and so a threshold, may be negative. */
  signed: boolean;
} & (
  | {
      input: 'samples' | 'counts';
      /**
       * The statistic of the current data against the reference: samples
       * or count vectors, as `input` says.
       * @throws RangeError or TypeError naming the bad argument and element
       */
      compute(
        reference: NumericArray,
        current: NumericArray,
      ): DriftStatisticResult;
    }
  | { input: 'value' }
);

const both = ['numerical', 'categorical'] as const;
const upwards = ['above'] as const;
const eitherWay = ['above', 'below'] as const;
const anyWay = ['above', 'below', 'outside'] as const;

function distance(
  of: (reference: NumericArray, current: NumericArray) => number,
) {
  return (reference: NumericArray, current: NumericArray) => ({
    value: of(reference, current),
  });
}

function test(
  of: (
    reference: NumericArray,
    current: NumericArray,
  ) => { statistic: number; pValue: number },
) {
  return (reference: NumericArray, current: NumericArray) => {
    const { statistic, pValue } = of(reference, current);
    return { value: statistic, pValue };
  };
}

/**
 * The drift statistics a monitored feature may declare, one entry each:
 * the single place that says how a statistic is labelled, what it needs,
 * which features it applies to and how it is computed. Ingestion, health
 * evaluation, entity validation and the frontend all read it; adding a
 * statistic means an entry here, its implementation and the `statistic` enum
 * of `MLMonitor.v1alpha1.schema.json`.
 * @public
 */
export const DRIFT_STATISTICS = {
  'kolmogorov-smirnov': {
    label: 'Kolmogorov–Smirnov',
    description:
      "The two-sample test's statistic D, the largest gap between the two empirical distribution functions, with its p-value.",
    featureTypes: ['numerical'],
    input: 'samples',
    pValue: true,
    directions: eitherWay,
    signed: false,
    compute: test(ksTwoSample),
  },
  wasserstein: {
    label: 'Wasserstein',
    description:
      "The earth mover's distance between the two samples, in the feature's own unit.",
    featureTypes: ['numerical'],
    input: 'samples',
    pValue: false,
    directions: upwards,
    signed: false,
    compute: distance(wassersteinDistance),
  },
  'jensen-shannon': {
    label: 'Jensen–Shannon',
    description:
      'The Jensen–Shannon distance (base 2) between the two histograms, from 0 (the same) to 1.',
    featureTypes: both,
    input: 'counts',
    pValue: false,
    directions: upwards,
    signed: false,
    compute: distance((r, c) => jensenShannonDistance(r, c)),
  },
  'chi-square': {
    label: 'Chi-square',
    description:
      "Pearson's goodness-of-fit statistic of the current counts against the reference's proportions, with its p-value.",
    featureTypes: both,
    input: 'counts',
    pValue: true,
    directions: eitherWay,
    signed: false,
    compute: test(chiSquareGoodnessOfFit),
  },
  psi: {
    label: 'PSI',
    description:
      'The population stability index of the two histograms: under 0.1 stable, over 0.25 a major shift by the usual reading.',
    featureTypes: both,
    input: 'counts',
    pValue: false,
    directions: upwards,
    signed: false,
    compute: distance(populationStabilityIndex),
  },
  hellinger: {
    label: 'Hellinger',
    description:
      'The Hellinger distance between the two histograms, from 0 (the same) to 1.',
    featureTypes: both,
    input: 'counts',
    pValue: false,
    directions: upwards,
    signed: false,
    compute: distance(hellingerDistance),
  },
  metric: {
    label: 'Metric',
    description:
      'A performance metric (recall, RMSE, R², forecast bias) the pipeline computes and pushes as a value.',
    featureTypes: both,
    input: 'value',
    pValue: false,
    directions: anyWay,
    signed: true,
  },
} as const satisfies Record<string, DriftStatisticDefinition>;

/**
 * A statistic a monitored feature may declare: a key of
 * {@link DRIFT_STATISTICS}, `metric` for a performance metric the team's
 * pipeline computes and pushes as a value.
 * @public
 */
export type DriftStatisticName = keyof typeof DRIFT_STATISTICS;

/**
 * The statistics the pipeline pushes as a value (`metric`): computed from no
 * feature's data, so a feature declaring one needs no type.
 * @public
 */
export type PushedStatisticName = {
  [Name in DriftStatisticName]: (typeof DRIFT_STATISTICS)[Name]['input'] extends 'value'
    ? Name
    : never;
}[DriftStatisticName];

/** The statistic names, in the order of {@link DRIFT_STATISTICS}. @public */
export const DRIFT_STATISTIC_NAMES = Object.keys(
  DRIFT_STATISTICS,
) as readonly DriftStatisticName[];

/** Whether a string is the name of a statistic of the registry. @public */
export function isDriftStatisticName(name: string): name is DriftStatisticName {
  return Object.prototype.hasOwnProperty.call(DRIFT_STATISTICS, name);
}

/** The registry's entry for a statistic; `undefined` for an unknown name. @public */
export function driftStatistic(
  name: string,
): DriftStatisticDefinition | undefined {
  return isDriftStatisticName(name) ? DRIFT_STATISTICS[name] : undefined;
}

/**
 * What is wrong with a statistic declared for a feature of this type, in
 * words that name both: `kolmogorov-smirnov needs a numerical feature;
 * "plan" is categorical`. `undefined` when the statistic applies, when it is
 * unknown, and when the feature declares no type.
 * @public
 */
export function featureTypeProblem(feature: {
  name: string;
  statistic: string;
  type?: string;
}): string | undefined {
  const definition = driftStatistic(feature.statistic);
  if (!definition || feature.type === undefined) return undefined;
  if ((definition.featureTypes as readonly string[]).includes(feature.type)) {
    return undefined;
  }
  return `${feature.statistic} needs a ${definition.featureTypes.join(
    ' or ',
  )} feature; ${JSON.stringify(feature.name)} is ${feature.type}`;
}
