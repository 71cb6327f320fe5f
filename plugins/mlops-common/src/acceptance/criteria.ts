import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  AcceptanceCriterion,
  MLModelEntityV1alpha1,
  MLUseCaseEntityV1alpha1,
  ModelMetric,
} from '../kinds/types';
import { compare } from './compare';
import type { CheckOutcome } from '../checks/outcomes';

/** One acceptance criterion checked against a list of metrics. @public */
export interface CriterionResult {
  criterion: AcceptanceCriterion;
  /** `passed`, `failed`, or `not-reported` when no metric of that name was measured. */
  outcome: CheckOutcome;
  /** The measured value of the criterion's metric, when there is one. */
  value?: number;
}

/** The overall outcome of several criteria: failed if any failed, else not reported if any is, else passed. @public */
export function overallCriteriaOutcome(outcomes: CheckOutcome[]): CheckOutcome {
  if (outcomes.includes('failed')) return 'failed';
  if (outcomes.includes('not-reported')) return 'not-reported';
  return outcomes.length === 0 ? 'not-applicable' : 'passed';
}

/**
 * Checks acceptance criteria against any list of metrics: the ones a model
 * declares in YAML, or observations the backend stored. When a metric name
 * appears more than once, the first value counts. A criterion whose metric is
 * absent is `not-reported`, not failed.
 * @public
 */
export function evaluateCriteria(
  criteria: readonly AcceptanceCriterion[],
  metrics: readonly Pick<ModelMetric, 'name' | 'value'>[],
): CriterionResult[] {
  const values = new Map<string, number>();
  for (const metric of metrics) {
    if (!values.has(metric.name)) values.set(metric.name, metric.value);
  }
  return criteria.map(criterion => {
    const value = values.get(criterion.metric);
    if (value === undefined) return { criterion, outcome: 'not-reported' };
    return {
      criterion,
      value,
      outcome: compare(value, criterion.operator, criterion.threshold)
        ? 'passed'
        : 'failed',
    };
  });
}

/** A model's results against every acceptance criterion of its use case. @public */
export interface ModelAcceptance {
  /** The model's entity reference. */
  model: string;
  results: CriterionResult[];
  /** See {@link overallCriteriaOutcome}. */
  outcome: CheckOutcome;
}

/**
 * Checks one model's declared metrics against a list of acceptance criteria.
 * @public
 */
export function evaluateModelAcceptance(
  criteria: readonly AcceptanceCriterion[],
  model: MLModelEntityV1alpha1,
): ModelAcceptance {
  const results = evaluateCriteria(criteria, model.spec.metrics ?? []);
  return {
    model: stringifyEntityRef(model),
    results,
    outcome: overallCriteriaOutcome(results.map(r => r.outcome)),
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

/** One line of a model's metrics next to the criteria that bound them. @public */
export interface MetricRow {
  metric: string;
  value?: number;
  dataset?: string;
  criterion?: AcceptanceCriterion;
  /** `not-applicable` for a metric no criterion bounds. */
  outcome: CheckOutcome;
}

/**
 * A model's metrics, each beside every acceptance criterion that bounds it (a
 * metric no criterion mentions is `not-applicable`), followed by the criteria
 * for which the model declares no metric at all (`not-reported`).
 * @public
 */
export function metricRows(
  model: MLModelEntityV1alpha1,
  criteria: readonly AcceptanceCriterion[],
): MetricRow[] {
  const metrics = model.spec.metrics ?? [];
  const results = evaluateCriteria(criteria, metrics);
  const measured = metrics.flatMap(({ name, value, dataset }): MetricRow[] => {
    const bounds = criteria.filter(criterion => criterion.metric === name);
    if (bounds.length === 0) {
      return [{ metric: name, value, dataset, outcome: 'not-applicable' }];
    }
    return bounds.map(criterion => ({
      metric: name,
      value,
      dataset,
      criterion,
      outcome: evaluateCriteria([criterion], [{ name, value }])[0].outcome,
    }));
  });
  const unreported = results
    .filter(r => r.outcome === 'not-reported')
    .map(
      (r): MetricRow => ({
        metric: r.criterion.metric,
        criterion: r.criterion,
        outcome: 'not-reported',
      }),
    );
  return [...measured, ...unreported];
}
