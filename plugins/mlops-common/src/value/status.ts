import type { KpiDefinition } from './definitions';
import { kpiProgress } from './definitions';
import type { KpiPoint } from './ledger';
import { checkInOverdueAfter } from './periods';

/**
 * Whether a KPI is delivering, see {@link kpiAssessment} for the rules.
 *
 * - `on-track`: at or beyond the target, or well on the way and not slipping.
 * - `at-risk`: better than the baseline but short of half the way, or
 *   slipping since the previous actual.
 * - `off-track`: worse than the baseline.
 * - `no-data`: no actual was ever recorded.
 * - `overdue`: the latest actual is older than the cadence allows.
 * @public
 */
export type KpiStatus =
  | 'on-track'
  | 'at-risk'
  | 'off-track'
  | 'no-data'
  | 'overdue';

/** The word shown for each KPI status, so that colour is never alone. @public */
export const kpiStatusLabels: Record<KpiStatus, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  'no-data': 'No data',
  overdue: 'Overdue',
};

/**
 * The KPI statuses, the ones that need a sponsor's attention first:
 * off-track, overdue, at-risk, no-data, on-track.
 * @public
 */
export const KPI_STATUSES: readonly KpiStatus[] = [
  'off-track',
  'overdue',
  'at-risk',
  'no-data',
  'on-track',
];

/**
 * The share of the way from baseline to target at or above which a KPI that
 * is not slipping is on track.
 * @public
 */
export const ON_TRACK_PROGRESS = 0.5;

/** A KPI's status with the numbers and the reason behind it. @public */
export type KpiAssessment = {
  status: KpiStatus;
  /** Why, in a sentence a sponsor can read. */
  reason: string;
  /** The latest actual's progress, see {@link kpiProgress}, when it has one. */
  progress?: number;
  /** The latest actual in force. */
  latest?: KpiPoint;
  /** When the KPI turns (or turned) overdue, with a latest actual. */
  overdueAfter?: Date;
};

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * A KPI's status from its actuals in force, by these rules, the first that
 * applies:
 *
 * 1. `no-data` without any actual.
 * 2. `overdue` once the actual for the period after the latest one is half
 *    a cadence late (see {@link checkInOverdueAfter}): a monthly KPI last
 *    reported for January is overdue from mid-March.
 * 3. With a baseline and a target, by the latest actual's progress
 *    ({@link kpiProgress}): `off-track` below 0 (worse than the baseline);
 *    `on-track` at 1 or more (target reached); `at-risk` below
 *    {@link ON_TRACK_PROGRESS} (0.5) or when the latest actual moved away
 *    from the target since the previous one; `on-track` otherwise.
 * 4. Without them: `on-track` when the actual is at or beyond a given target
 *    (method `before-after`); `off-track` when it is worse than the
 *    baseline (for `controlled-lift`, a lift the wrong way of 0); `at-risk`
 *    when it moved the wrong way since the previous actual; `on-track` when
 *    it held or improved; with a single actual and nothing to compare it
 *    with, `at-risk`, as nobody can yet say that it pays off.
 *
 * @param points - the actuals in force, oldest period first, see `effectiveActuals`
 * @public
 */
export function kpiAssessment(input: {
  definition: KpiDefinition;
  points: readonly KpiPoint[];
  now: Date;
}): KpiAssessment {
  const { definition, points, now } = input;
  const latest = points[points.length - 1];
  if (!latest) {
    return { status: 'no-data', reason: 'No actual has been recorded yet.' };
  }
  const previous = points[points.length - 2];
  const overdueAfter = checkInOverdueAfter(
    definition.cadence,
    latest.periodEnd,
  );
  const progress = kpiProgress(definition, latest.value);
  const assessed = (status: KpiStatus, reason: string): KpiAssessment => ({
    status,
    reason,
    ...(progress === undefined ? {} : { progress }),
    latest,
    overdueAfter,
  });
  if (now.getTime() > overdueAfter.getTime()) {
    return assessed(
      'overdue',
      `The latest actual is for ${latest.periodStart} to ${
        latest.periodEnd
      }; the next one was due ${overdueAfter
        .toISOString()
        .slice(0, 10)} at the latest.`,
    );
  }
  const sign = definition.direction === 'increase' ? 1 : -1;
  const slipping =
    previous !== undefined && (latest.value - previous.value) * sign < 0;
  if (progress !== undefined) {
    const way = `${percent(
      progress,
    )} of the way from the baseline to the target`;
    if (progress < 0) {
      return assessed('off-track', `Worse than the baseline: ${way}.`);
    }
    if (progress >= 1) return assessed('on-track', `Target reached: ${way}.`);
    if (progress < ON_TRACK_PROGRESS) {
      return assessed(
        'at-risk',
        `Less than ${percent(ON_TRACK_PROGRESS)} of the way: ${way}.`,
      );
    }
    if (slipping) {
      return assessed(
        'at-risk',
        `Moved away from the target since the previous actual: ${way}.`,
      );
    }
    return assessed('on-track', `On the way to the target: ${way}.`);
  }
  const lift = definition.method === 'controlled-lift';
  const reference = lift ? 0 : definition.baseline;
  if (
    !lift &&
    definition.target !== undefined &&
    (latest.value - definition.target) * sign >= 0
  ) {
    return assessed('on-track', 'At or beyond the target.');
  }
  if (reference !== undefined && (latest.value - reference) * sign < 0) {
    return assessed(
      'off-track',
      lift ? 'The measured lift is the wrong way.' : 'Worse than the baseline.',
    );
  }
  if (previous !== undefined) {
    return slipping
      ? assessed('at-risk', 'Moved the wrong way since the previous actual.')
      : assessed('on-track', 'Held or improved since the previous actual.');
  }
  return reference !== undefined
    ? assessed(
        'on-track',
        lift
          ? 'The measured lift is not the wrong way.'
          : 'No worse than the baseline.',
      )
    : assessed(
        'at-risk',
        'One actual and no baseline: nothing to compare it with yet.',
      );
}

/**
 * A KPI's status from its actuals in force; the rules are those of
 * {@link kpiAssessment}, which also gives the reason.
 * @public
 */
export function kpiStatus(input: {
  definition: KpiDefinition;
  points: readonly KpiPoint[];
  now: Date;
}): KpiStatus {
  return kpiAssessment(input).status;
}
