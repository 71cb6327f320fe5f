import type { ComparisonOperator, FairnessResult } from '../kinds/types';
import { compare } from './compare';
import type { CheckOutcome } from '../checks/outcomes';

/**
 * How a fairness value is compared with its threshold when the result names
 * no operator: most fairness metrics are differences that must stay small.
 * @public
 */
export const DEFAULT_FAIRNESS_OPERATOR: ComparisonOperator = '<=';

/**
 * Whether a fairness result respects its bound: `passed` or `failed`, and
 * `not-applicable` when it declares no threshold (it is informational only).
 * @public
 */
export function evaluateFairness(result: FairnessResult): CheckOutcome {
  if (result.threshold === undefined) return 'not-applicable';
  return compare(
    result.value,
    result.operator ?? DEFAULT_FAIRNESS_OPERATOR,
    result.threshold,
  )
    ? 'passed'
    : 'failed';
}
