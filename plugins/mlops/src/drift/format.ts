import type { DriftThresholds } from '@mlightenment/backstage-plugin-mlops-common';
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

/**
 * Where a threshold is reached, with its direction: `alert at ≥ 0.25`,
 * `alert at ≤ 0.7` for a metric that worsens downwards, `alert at p ≤ 0.05`
 * for thresholds on a test's p-value.
 */
export function formatThreshold(
  level: 'warning' | 'alert',
  thresholds: DriftThresholds,
): string {
  const value = formatValue(thresholds[level]);
  const operator = thresholds.direction === 'below' ? '≤' : '≥';
  const p = thresholds.on === 'p-value' ? 'p ' : '';
  return `${level} at ${p}${operator} ${value}`;
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

/** A time as `12 Nov 2026, 14:05 UTC`: every reader sees the same moment. */
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

/** A window as `1 Sep 2026 – 30 Sep 2026`. */
export function formatRange(start: string, end: string): string {
  const day = (iso: string) =>
    new Date(iso).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  return `${day(start)} – ${day(end)}`;
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
        formatRange(window.referenceStart, window.referenceEnd),
      referenceRows,
    ),
    current: line(
      window?.currentStart &&
        window.currentEnd &&
        formatRange(window.currentStart, window.currentEnd),
      currentRows,
    ),
  };
}
