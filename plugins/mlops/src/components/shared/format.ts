import type {
  MetricRow,
  AcceptanceCriterion,
  ComparisonOperator,
} from '@mlightenment/backstage-plugin-mlops-common';

/** Shown where an optional field is not set. */
export const NOT_SET = 'Not set';

/** A number as written in the YAML, or a dash when there is none. */
export function formatNumber(value: number | undefined): string {
  return value === undefined ? '—' : String(value);
}

/** A bound as written in the YAML, e.g. `>= 0.7`. */
export function formatBound(
  operator: ComparisonOperator,
  threshold: number,
): string {
  return `${operator} ${threshold}`;
}

/** A criterion as written in the YAML, e.g. `recall >= 0.7`. */
export function formatCriterion(criterion: AcceptanceCriterion): string {
  return `${criterion.metric} ${formatBound(
    criterion.operator,
    criterion.threshold,
  )}`;
}

/** `Yes`, `No`, or {@link NOT_SET}. */
export function formatYesNo(value: boolean | undefined): string {
  if (value === undefined) return NOT_SET;
  return value ? 'Yes' : 'No';
}

/** The text of a metric row's criterion column. */
export function formatRowCriterion(row: MetricRow): string {
  return row.criterion ? formatCriterion(row.criterion) : 'No criterion';
}
