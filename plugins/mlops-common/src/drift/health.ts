import type { FeatureThresholds, ThresholdBand } from '../kinds/types';
import { datasetDrift } from './datasetDrift';
import { driftStatistic } from './statistics';

/**
 * The drift state of a feature, a monitor, a model or a use case.
 *
 * - `healthy`: every value is on the good side of its warning threshold.
 * - `warning`: a value reached its warning threshold ("possible drift").
 * - `alert`: a value reached its alert threshold ("drift").
 * - `stale`: the monitor has not reported within its cadence.
 * - `no-data`: nothing was ever reported.
 * @public
 */
export type DriftState = 'healthy' | 'warning' | 'alert' | 'stale' | 'no-data';

/** The word shown for each drift state, so that colour is never alone. @public */
export const DRIFT_STATE_LABELS: Record<DriftState, string> = {
  healthy: 'Healthy',
  warning: 'Warning',
  alert: 'Alert',
  stale: 'Stale',
  'no-data': 'No data',
};

/**
 * How bad each state is, higher is worse: alert, then stale (nobody can say
 * whether the model drifted), then warning, then no data, then healthy.
 * @public
 */
export const DRIFT_STATE_SEVERITY: Record<DriftState, number> = {
  healthy: 0,
  'no-data': 1,
  warning: 2,
  stale: 3,
  alert: 4,
};

/** The drift states, worst first. @public */
export const DRIFT_STATES: readonly DriftState[] = [
  'alert',
  'stale',
  'warning',
  'no-data',
  'healthy',
];

/** Orders drift states worst first, for `Array.prototype.sort`. @public */
export function compareDriftStates(a: DriftState, b: DriftState): number {
  return DRIFT_STATE_SEVERITY[b] - DRIFT_STATE_SEVERITY[a];
}

/** The worst of some drift states; `no-data` when there are none. @public */
export function worstDriftState(states: Iterable<DriftState>): DriftState {
  let worst: DriftState | undefined;
  for (const state of states) {
    if (!worst || DRIFT_STATE_SEVERITY[state] > DRIFT_STATE_SEVERITY[worst]) {
      worst = state;
    }
  }
  return worst ?? 'no-data';
}

/**
 * A feature's warning and alert thresholds with the direction in which the
 * value worsens: a value each for `above` and `below`, a band each for
 * `outside`.
 * @public
 */
export type DriftThresholdLevels =
  | { warning: number; alert: number; direction: 'above' | 'below' }
  | { warning: ThresholdBand; alert: ThresholdBand; direction: 'outside' };

/**
 * A feature's thresholds as evaluation reads them: the levels with their
 * direction, and whether they apply to the statistic's value or to its
 * p-value.
 * @public
 */
export type DriftThresholds = DriftThresholdLevels & {
  /**
   * `p-value` for a feature whose statistic yields one (Kolmogorov–Smirnov,
   * chi-square) declared with `direction: below`: drift when the test's
   * p-value is at or under the threshold. `value` otherwise.
   */
  on: 'value' | 'p-value';
};

/** The thresholds a monitored feature declares, defaults filled in. @public */
export function thresholdsOf(
  feature: { statistic: string } & FeatureThresholds,
): DriftThresholds {
  if (feature.direction === 'outside') {
    const { warning, alert, direction } = feature;
    return { warning, alert, direction, on: 'value' };
  }
  const direction = feature.direction ?? 'above';
  return {
    warning: feature.warning,
    alert: feature.alert,
    direction,
    on:
      direction === 'below' && driftStatistic(feature.statistic)?.pValue
        ? 'p-value'
        : 'value',
  };
}

/**
 * The number evaluation compares with a feature's thresholds: the p-value
 * when the thresholds are on it, the value otherwise; `undefined` when the
 * observation lacks it.
 * @public
 */
export function driftScoreOf(
  thresholds: DriftThresholds,
  observation: { value?: number | null; pValue?: number | null },
): number | undefined {
  const score =
    thresholds.on === 'p-value' ? observation.pValue : observation.value;
  return typeof score === 'number' && Number.isFinite(score)
    ? score
    : undefined;
}

// At or above the threshold for `above`, at or below it for `below`, and for
// `outside` at or below the band's lower bound or at or above its upper one.
function reaches(
  score: number,
  thresholds: DriftThresholdLevels,
  level: 'warning' | 'alert',
): boolean {
  if (thresholds.direction === 'outside') {
    const [lower, upper] = thresholds[level];
    return score <= lower || score >= upper;
  }
  const threshold = thresholds[level];
  return thresholds.direction === 'below'
    ? score <= threshold
    : score >= threshold;
}

/**
 * A feature's state from its score: `alert` at or past the alert threshold,
 * `warning` at or past the warning threshold, `healthy` otherwise — "past"
 * meaning above for `direction: above`, below for `direction: below`, and
 * outside the band for `direction: outside`. `no-data` without a score.
 * @public
 */
export function featureDriftState(
  score: number | undefined | null,
  thresholds: DriftThresholdLevels,
): DriftState {
  if (typeof score !== 'number' || !Number.isFinite(score)) return 'no-data';
  if (reaches(score, thresholds, 'alert')) return 'alert';
  if (reaches(score, thresholds, 'warning')) return 'warning';
  return 'healthy';
}

/**
 * Whether a feature in this state counts as drifted for the dataset-drift
 * rule: at its alert threshold. A warning is "possible drift", as whylogs
 * calls it, and is not counted.
 * @public
 */
export function isDrifted(state: DriftState): boolean {
  return state === 'alert';
}

const DURATION =
  /^P(?!$)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?=\d)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

// Cadences are few and repeat across thousands of monitors and KPIs.
const durations = new Map<string, number>();

function parseDuration(duration: string): number {
  const match = DURATION.exec(duration);
  if (!match) {
    throw new RangeError(
      `${JSON.stringify(
        duration,
      )} is not an ISO 8601 duration such as P1D or PT1H`,
    );
  }
  const [, y, mo, w, d, h, mi, s] = match.map(part => Number(part ?? 0));
  return (
    y * 365 * DAY +
    mo * 30 * DAY +
    w * 7 * DAY +
    d * DAY +
    h * HOUR +
    mi * 60_000 +
    s * 1000
  );
}

/**
 * An ISO 8601 duration (`P1D`, `PT6H`, `P1W`) in milliseconds, a year
 * counted as 365 days and a month as 30.
 * @throws RangeError naming the text when it is not a duration
 * @public
 */
export function durationMillis(duration: string): number {
  const known = durations.get(duration);
  if (known !== undefined) return known;
  const millis = parseDuration(duration);
  if (durations.size < 1000) durations.set(duration, millis);
  return millis;
}

/**
 * A monitor is stale when nothing arrived for its cadence times this factor:
 * a daily monitor turns stale 36 hours after its last observation, leaving
 * half a period for a late pipeline run before anyone is paged.
 * @public
 */
export const STALE_GRACE_FACTOR = 1.5;

/**
 * When a monitor that last reported at `lastObservationAt` turns stale;
 * `undefined` when it declares no cadence (it is then never stale).
 * @public
 */
export function staleAfter(
  lastObservationAt: Date,
  cadence: string | undefined,
  graceFactor: number = STALE_GRACE_FACTOR,
): Date | undefined {
  if (!cadence) return undefined;
  return new Date(
    lastObservationAt.getTime() + durationMillis(cadence) * graceFactor,
  );
}

/** A monitor's health summarised from its features' states. @public */
export interface MonitorDriftSummary {
  state: DriftState;
  /** Features the monitor declares. */
  featureCount: number;
  /** Features at their alert threshold. */
  driftedFeatures: number;
  /** driftedFeatures / the features that reported (0 when none did). */
  driftedShare: number;
  /** At least half the reporting features drifted (Evidently's rule). */
  datasetDrift: boolean;
  /** When the monitor turns (or turned) stale, if it declares a cadence. */
  staleAfter?: Date;
}

/**
 * A monitor's state: the worst state of its features that reported (alert
 * beats stale: an alert stays until data shows otherwise), `stale` when its
 * last observation is older than its cadence times the grace factor, and
 * `no-data` when no feature ever reported. Also the share of drifted
 * features and dataset drift by {@link datasetDrift}.
 * @public
 */
export function monitorDriftHealth(input: {
  features: ReadonlyArray<{ state: DriftState }>;
  lastObservationAt?: Date;
  cadence?: string;
  now: Date;
  graceFactor?: number;
}): MonitorDriftSummary {
  const reported = input.features.filter(f => f.state !== 'no-data');
  const featureCount = input.features.length;
  if (reported.length === 0 || !input.lastObservationAt) {
    return {
      state: 'no-data',
      featureCount,
      driftedFeatures: 0,
      driftedShare: 0,
      datasetDrift: false,
    };
  }
  const dataset = datasetDrift(
    reported.map(f => ({ drifted: isDrifted(f.state) })),
  );
  const staleAt = staleAfter(
    input.lastObservationAt,
    input.cadence,
    input.graceFactor,
  );
  const stale =
    staleAt !== undefined && input.now.getTime() > staleAt.getTime();
  const states = reported.map(f => f.state);
  if (stale) states.push('stale');
  return {
    state: worstDriftState(states),
    featureCount,
    driftedFeatures: dataset.driftedFeatures,
    driftedShare: dataset.share,
    datasetDrift: dataset.drifted,
    ...(staleAt ? { staleAfter: staleAt } : {}),
  };
}

/**
 * A model's (or use case's) drift state: the worst of its monitors' (or
 * models'); `no-data` when it has none.
 * @public
 */
export function aggregateDriftState(states: Iterable<DriftState>): DriftState {
  return worstDriftState(states);
}
