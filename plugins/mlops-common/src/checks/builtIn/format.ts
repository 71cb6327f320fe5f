import type { CriterionResult } from '../../acceptance/criteria';

/** A criterion result in a reason: `recall 0.63 (needs >= 0.7)` or `recall not reported (needs >= 0.7)`. */
export function formatCriterionResult(result: CriterionResult): string {
  const { metric, operator, threshold } = result.criterion;
  const value =
    result.value === undefined ? 'not reported' : String(result.value);
  return `${metric} ${value} (needs ${operator} ${threshold})`;
}
