import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  AcceptanceCriterion,
  ComparisonOperator,
  FairnessResult,
  MLModelEntityV1alpha1,
  MLUseCaseEntityV1alpha1,
} from '../kinds/types';
import { compare } from './compare';

/** The outcome of one check: met, not met, or nothing measured to check. @public */
export type CheckOutcome = 'pass' | 'fail' | 'missing';

/** One acceptance criterion checked against one model's metrics. @public */
export interface CriterionResult {
  criterion: AcceptanceCriterion;
  outcome: CheckOutcome;
  /** The model's value of the criterion's metric, when it declares one. */
  value?: number;
}

/** A model's results against every acceptance criterion of its use case. @public */
export interface ModelAcceptance {
  /** The model's entity reference. */
  model: string;
  results: CriterionResult[];
  /** Pass when every criterion passes; fail when any fails; otherwise missing. */
  outcome: CheckOutcome;
}

function overall(outcomes: CheckOutcome[]): CheckOutcome {
  if (outcomes.includes('fail')) return 'fail';
  if (outcomes.includes('missing')) return 'missing';
  return 'pass';
}

/**
 * Checks one model's declared metrics against a list of acceptance criteria.
 * A criterion whose metric the model does not declare is `missing`, not failed.
 * @public
 */
export function evaluateModelAcceptance(
  criteria: AcceptanceCriterion[],
  model: MLModelEntityV1alpha1,
): ModelAcceptance {
  const metrics = new Map(
    (model.spec.metrics ?? []).map(metric => [metric.name, metric.value]),
  );
  const results = criteria.map<CriterionResult>(criterion => {
    const value = metrics.get(criterion.metric);
    if (value === undefined) return { criterion, outcome: 'missing' };
    return {
      criterion,
      value,
      outcome: compare(value, criterion.operator, criterion.threshold)
        ? 'pass'
        : 'fail',
    };
  });
  return {
    model: stringifyEntityRef(model),
    results,
    outcome: overall(results.map(r => r.outcome)),
  };
}

/**
 * Checks the acceptance criteria of a use case against each of its models.
 * @public
 */
export function evaluateUseCaseAcceptance(
  useCase: MLUseCaseEntityV1alpha1,
  models: MLModelEntityV1alpha1[],
): ModelAcceptance[] {
  const criteria = useCase.spec.acceptanceCriteria ?? [];
  return models.map(model => evaluateModelAcceptance(criteria, model));
}

/**
 * How a fairness value is compared with its threshold when the result names
 * no operator: most fairness metrics are differences that must stay small.
 * @public
 */
export const DEFAULT_FAIRNESS_OPERATOR: ComparisonOperator = '<=';

/**
 * Whether a fairness result respects its bound: `missing` when it declares no
 * threshold (informational only).
 * @public
 */
export function evaluateFairness(result: FairnessResult): CheckOutcome {
  if (result.threshold === undefined) return 'missing';
  return compare(
    result.value,
    result.operator ?? DEFAULT_FAIRNESS_OPERATOR,
    result.threshold,
  )
    ? 'pass'
    : 'fail';
}
