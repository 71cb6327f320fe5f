import {
  AcceptanceCriterion,
  evaluateModelAcceptance,
  MLModelEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';
import { DisplayedOutcome, formatCriterion } from '../shared';

/** One line of the metrics card. */
export interface MetricRow {
  metric: string;
  value?: number;
  dataset?: string;
  criterion?: AcceptanceCriterion;
  outcome: DisplayedOutcome;
}

/**
 * The model's metrics, each beside the acceptance criteria that apply to it
 * (a metric no criterion mentions is informational), followed by the criteria
 * for which the model declares no metric at all.
 */
export function metricRows(
  model: MLModelEntityV1alpha1,
  criteria: AcceptanceCriterion[],
): MetricRow[] {
  const { results } = evaluateModelAcceptance(criteria, model);
  const measured = (model.spec.metrics ?? []).flatMap(
    ({ name, value, dataset }): MetricRow[] => {
      const checks = results.filter(r => r.criterion.metric === name);
      if (checks.length === 0) {
        return [{ metric: name, value, dataset, outcome: 'informational' }];
      }
      return checks.map(check => ({
        metric: name,
        value,
        dataset,
        criterion: check.criterion,
        outcome: check.outcome,
      }));
    },
  );
  const missing = results
    .filter(r => r.outcome === 'missing')
    .map(
      (r): MetricRow => ({
        metric: r.criterion.metric,
        criterion: r.criterion,
        outcome: 'missing',
      }),
    );
  return [...measured, ...missing];
}

/** The text of a row's criterion column. */
export function formatRowCriterion(row: MetricRow): string {
  return row.criterion ? formatCriterion(row.criterion) : 'No criterion';
}
