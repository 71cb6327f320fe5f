import type {
  MetricRow,
  AcceptanceCriterion,
  ComparisonOperator,
  DriftThresholds,
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

/** A number with at most 4 significant digits, without trailing zeros; `—` for none. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && Math.abs(value) < 0.001) return value.toExponential(1);
  return String(Number(value.toPrecision(4)));
}

/** Where one threshold is reached: at or below (`≤`) or above (`≥`) a value. */
type Bound = { level: 'warning' | 'alert'; operator: '≤' | '≥'; value: number };

// Warning first: one bound per level, two for a band (`direction: outside`).
function boundsOf(thresholds: DriftThresholds): Bound[] {
  return (['warning', 'alert'] as const).flatMap((level): Bound[] => {
    if (thresholds.direction === 'outside') {
      const [lower, upper] = thresholds[level];
      return [
        { level, operator: '≤', value: lower },
        { level, operator: '≥', value: upper },
      ];
    }
    const operator = thresholds.direction === 'below' ? '≤' : '≥';
    return [{ level, operator, value: thresholds[level] }];
  });
}

function boundText(bound: Bound, thresholds: DriftThresholds): string {
  const p = thresholds.on === 'p-value' ? 'p ' : '';
  return `${p}${bound.operator} ${formatValue(bound.value)}`;
}

/** One line a threshold draws on a chart: where, and its label. */
export type ThresholdLine = {
  level: 'warning' | 'alert';
  value: number;
  /** `alert at ≥ 0.25`; for a band, one line per bound: `alert at ≤ -0.05`. */
  label: string;
};

/**
 * The lines of a feature's thresholds, warning first: one per level, or two
 * per level for a band (`direction: outside`), at its lower and upper bound.
 */
export function thresholdLines(thresholds: DriftThresholds): ThresholdLine[] {
  return boundsOf(thresholds).map(bound => ({
    level: bound.level,
    value: bound.value,
    label: `${bound.level} at ${boundText(bound, thresholds)}`,
  }));
}

/**
 * Where a threshold is reached, with its direction, without the level's
 * name: `≥ 0.25`, `≤ 0.7` for a metric that worsens downwards, `p ≤ 0.05`
 * for thresholds on a test's p-value, `≤ -0.05 or ≥ 0.05` outside a band.
 */
export function formatBounds(
  level: 'warning' | 'alert',
  thresholds: DriftThresholds,
): string {
  return boundsOf(thresholds)
    .filter(bound => bound.level === level)
    .map(bound => boundText(bound, thresholds))
    .join(' or ');
}

/**
 * Where a threshold is reached, with its direction: `alert at ≥ 0.25`,
 * `alert at ≤ 0.7` for a metric that worsens downwards, `alert at p ≤ 0.05`
 * for thresholds on a test's p-value, `alert at ≤ -0.05 or ≥ 0.05` for a
 * metric that must stay inside a band.
 */
export function formatThreshold(
  level: 'warning' | 'alert',
  thresholds: DriftThresholds,
): string {
  return `${level} at ${formatBounds(level, thresholds)}`;
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

const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

// In the order of the duration's parts; `once` names a single unit of it.
const DURATION_UNITS = [
  { unit: 'year', once: 'yearly' },
  { unit: 'month', once: 'monthly' },
  { unit: 'week', once: 'weekly' },
  { unit: 'day', once: 'daily' },
  { unit: 'hour', once: 'hourly' },
  { unit: 'minute', once: 'every minute' },
  { unit: 'second', once: 'every second' },
];

/**
 * An ISO 8601 duration as people say how often something happens: `P1D` is
 * "daily", `P3M` "every 3 months", `P1DT12H` "every 1 day and 12 hours".
 * Anything else is returned as written.
 */
export function formatDuration(iso: string): string {
  const match = DURATION.exec(iso);
  if (!match) return iso;
  const parts = DURATION_UNITS.flatMap(({ unit, once }, i) => {
    const count = Number(match[i + 1] ?? 0);
    return count ? [{ count, unit, once }] : [];
  });
  if (parts.length === 0) return iso;
  if (parts.length === 1 && parts[0].count === 1) return parts[0].once;
  const spelt = parts.map(
    ({ count, unit }) => `${count} ${unit}${count === 1 ? '' : 's'}`,
  );
  const last = spelt.pop();
  return `every ${spelt.length ? `${spelt.join(', ')} and ` : ''}${last}`;
}

/** A date as `12 Nov 2026`, in UTC so that every reader sees the same day. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A date and time as `2 Sept 2026, 10:30 UTC`, the same for every reader. */
export function formatDateTime(iso: string): string {
  return `${new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  })} UTC`;
}

/**
 * A period from one day to another, both included, as `1 Mar 2026 – 31 Mar
 * 2026`: a KPI's reporting period, a drift window.
 */
export function formatPeriod(start: string, end: string): string {
  return `${formatDate(start)} – ${formatDate(end)}`;
}

/** Whether a text is an http or https address, as evidence links must be. */
export function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
