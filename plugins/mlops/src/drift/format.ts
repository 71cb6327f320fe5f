import type { DriftThresholds } from '@mlightenment/backstage-plugin-mlops-common';
import { formatPeriod } from '../components/shared';
import {
  compareDriftStates,
  driftStatistic,
  DriftState,
} from '@mlightenment/backstage-plugin-mlops-common';
import type {
  FeatureHealth,
  MonitorHealth,
} from '@mlightenment/backstage-plugin-mlops-common';

/** The method's name as a data scientist reads it; unknown names as written. */
export function statisticName(statistic: string): string {
  return driftStatistic(statistic)?.label ?? statistic;
}

/** What the method's value means, in one line; `undefined` for unknown names. */
export function statisticDescription(statistic: string): string | undefined {
  return driftStatistic(statistic)?.description;
}

/** A number with at most 4 significant digits, without trailing zeros; `—` for none. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && Math.abs(value) < 0.001) return value.toExponential(1);
  return String(Number(value.toPrecision(4)));
}

/** A p-value as statisticians write it: `p < 0.001` when tiny. */
export function formatPValue(pValue: number): string {
  return pValue < 0.001 ? 'p < 0.001' : `p = ${formatValue(pValue)}`;
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

/** `3 of 5 features drifted; dataset drift when at least half do`. */
export function driftedShareText(monitor: MonitorHealth): string {
  const { driftedFeatures, featureCount } = monitor;
  const features = featureCount === 1 ? 'feature' : 'features';
  return `${driftedFeatures} of ${featureCount} ${features} drifted; dataset drift when at least half do`;
}

/** Features from the most to the least severe state, then by name. */
export function sortBySeverity<T extends { state: DriftState; name: string }>(
  features: readonly T[],
): T[] {
  return [...features].sort(
    (a, b) =>
      compareDriftStates(a.state, b.state) || a.name.localeCompare(b.name),
  );
}

/** A row count with thousands separators: `12,400 rows`. */
export function formatRows(rows: number): string {
  return `${rows.toLocaleString('en-GB')} ${rows === 1 ? 'row' : 'rows'}`;
}

/** The reference and current windows of a feature, with their row counts. */
export function windowLines(feature: FeatureHealth): {
  reference?: string;
  current?: string;
} {
  const { window, referenceRows, currentRows } = feature;
  const line = (range?: string, rows?: number) =>
    [range, rows === undefined ? undefined : formatRows(rows)]
      .filter(Boolean)
      .join(', ') || undefined;
  return {
    reference: line(
      window?.referenceStart &&
        window.referenceEnd &&
        formatPeriod(window.referenceStart, window.referenceEnd),
      referenceRows,
    ),
    current: line(
      window?.currentStart &&
        window.currentEnd &&
        formatPeriod(window.currentStart, window.currentEnd),
      currentRows,
    ),
  };
}
