import { formatPeriod, formatValue } from '../components/shared';
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

/** A p-value as statisticians write it: `p < 0.001` when tiny. */
export function formatPValue(pValue: number): string {
  return pValue < 0.001 ? 'p < 0.001' : `p = ${formatValue(pValue)}`;
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
