/**
 * The outcome of a check, one vocabulary for every card, scorecard, stage
 * gate and drift status:
 *
 * - `passed`: the check holds.
 * - `failed`: the check does not hold.
 * - `warning`: the check holds with a concern; it does not block a level.
 * - `not-applicable`: the check does not apply to this entity (for example a
 *   metric that no criterion bounds); it is neither a pass nor a failure.
 * - `not-reported`: the check applies but nothing was declared or reported
 *   to judge it by (a criterion's metric the model does not declare, a
 *   result a pipeline has not pushed yet).
 * - `error`: the check could not be evaluated.
 * - `exempt`: the check was waived for this entity, with a justification.
 *
 * @public
 */
export type CheckOutcome =
  | 'passed'
  | 'failed'
  | 'warning'
  | 'not-applicable'
  | 'not-reported'
  | 'error'
  | 'exempt';

/** Every check outcome, most severe first. @public */
export const CHECK_OUTCOMES: readonly CheckOutcome[] = [
  'error',
  'failed',
  'not-reported',
  'warning',
  'passed',
  'exempt',
  'not-applicable',
];

/** How each outcome reads in a sentence or a status column. @public */
export const CHECK_OUTCOME_LABELS: Readonly<Record<CheckOutcome, string>> = {
  passed: 'Passed',
  failed: 'Failed',
  warning: 'Warning',
  'not-applicable': 'Not applicable',
  'not-reported': 'Not reported',
  error: 'Error',
  exempt: 'Exempt',
};

/**
 * Whether an outcome keeps an entity from reaching the level of its check:
 * failed, not reported and error do; warning, exempt and not applicable do not.
 * @public
 */
export function blocksLevel(outcome: CheckOutcome): boolean {
  return (
    outcome === 'failed' || outcome === 'not-reported' || outcome === 'error'
  );
}

/**
 * The most severe of several outcomes (in the order of {@link CHECK_OUTCOMES}),
 * or `not-applicable` when there are none.
 * @public
 */
export function worstOutcome(outcomes: Iterable<CheckOutcome>): CheckOutcome {
  let worst = CHECK_OUTCOMES.length - 1;
  for (const outcome of outcomes) {
    worst = Math.min(worst, CHECK_OUTCOMES.indexOf(outcome));
  }
  return CHECK_OUTCOMES[worst];
}
