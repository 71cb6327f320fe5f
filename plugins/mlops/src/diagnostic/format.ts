import type {
  DeliveryBand,
  DeliveryMetric,
  DiagnosticAnswerValue,
  DiagnosticIndicator,
  DiagnosticSignal,
  DiagnosticVerdict,
  FrameworkStageId,
} from '@mlightenment/backstage-plugin-mlops-common';

/** A verdict in words, as the panel's heading says it. */
export const VERDICT_TEXT: Record<DiagnosticVerdict, string> = {
  'strong-indicator': 'Strong indicator',
  'some-indication': 'Some indication',
  'not-indicated': 'Not indicated',
  unknown: 'Unknown',
};

/** What a verdict means for the question, in a sentence. */
export const VERDICT_MEANING: Record<DiagnosticVerdict, string> = {
  'strong-indicator': 'The data shows this problem clearly: MLOps is needed.',
  'some-indication': 'The data shows signs of this problem.',
  'not-indicated': 'The data does not show this problem.',
  unknown: 'The data to judge by is missing.',
};

/** An indicator's judgement in words. */
export const SIGNAL_TEXT: Record<DiagnosticSignal, string> = {
  strong: 'Strong',
  some: 'Some',
  none: 'None',
  unknown: 'Unknown',
  info: 'Shown, not judged',
};

/** A team's own answer in words. */
export const ANSWER_TEXT: Record<DiagnosticAnswerValue, string> = {
  yes: 'Yes',
  partly: 'Partly',
  no: 'No',
};

/** A delivery band in words. */
export const BAND_TEXT: Record<DeliveryBand, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

function number(value: number, digits = 1): string {
  return value.toLocaleString('en-GB', { maximumFractionDigits: digits });
}

/** An indicator's value with its unit: `25 %`, `3`, `41.5 days`, `36 hours`, `Level 2`; `—` without a value. */
export function formatIndicatorValue(
  value: number | null,
  unit: DiagnosticIndicator['unit'] | DeliveryMetric['unit'],
): string {
  if (value === null) return '—';
  switch (unit) {
    case 'ratio':
      return `${number(value * 100, 0)} %`;
    case 'days':
      return `${number(value)} ${value === 1 ? 'day' : 'days'}`;
    case 'hours':
      return `${number(value)} ${value === 1 ? 'hour' : 'hours'}`;
    case 'level':
      return `Level ${number(value)}`;
    case 'per-month':
      return `${number(value, 2)} per month`;
    default:
      return number(value, 2);
  }
}

/** The bands an indicator is judged by, in words: `some at 60 % or less, strong at 30 % or less`. */
export function formatBands(
  indicator: DiagnosticIndicator,
): string | undefined {
  const { bands, unit } = indicator;
  if (!bands) return undefined;
  const side = bands.worse === 'higher' ? 'or more' : 'or less';
  return `some indication at ${formatIndicatorValue(
    bands.some,
    unit,
  )} ${side}, strong at ${formatIndicatorValue(bands.strong, unit)} ${side}`;
}

/** The limits of a delivery metric's bands in words. */
export function formatThresholds(metric: DeliveryMetric): string {
  const { thresholds, unit } = metric;
  const side = thresholds.better === 'lower' ? 'or less' : 'or more';
  const bandUnit = metric.id === 'change-frequency' ? 'per-month' : unit;
  const f = (v: number) => formatIndicatorValue(v, bandUnit);
  return `elite at ${f(thresholds.elite)} ${side}, high at ${f(
    thresholds.high,
  )} ${side}, medium at ${f(thresholds.medium)} ${side}, else low`;
}

/** A month `YYYY-MM` as `Nov 2026`. */
export function formatMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m - 1, 1)).toLocaleString('en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

// The headings of docs/stage-gates.md, one per stage.
const STAGE_ANCHORS: Record<FrameworkStageId, string> = {
  strategy: 'stage-1-ai-strategy-use-case--operating-model',
  prototyping: 'stage-2-rapid-prototyping--model-building',
  operationalisation: 'stage-3-ml-engineering--operationalisation',
};

/** Where the stage gates are documented, in the MLightenment repository. */
export const STAGE_GATES_DOCS_URL =
  'https://github.com/mlightenment/mlightenment/blob/main/docs/stage-gates.md';

/** The documentation of a stage's gate and key steps. */
export function stageDocsUrl(
  stage: FrameworkStageId,
  base: string = STAGE_GATES_DOCS_URL,
): string {
  return `${base}#${STAGE_ANCHORS[stage]}`;
}
