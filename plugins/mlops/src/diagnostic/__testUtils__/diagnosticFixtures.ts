import {
  DEFAULT_DELIVERY_BANDS,
  DIAGNOSTIC_QUESTIONS,
  diagnosticNextStep,
  indicatorSignal,
  questionVerdict,
} from '@mlightenment/backstage-plugin-mlops-common';
import type {
  AdoptionDiagnostic,
  DiagnosticIndicator,
  DiagnosticQuestion,
  DiagnosticTeamAnswers,
  DiagnosticTrendPoint,
  DiagnosticVerdict,
} from '@mlightenment/backstage-plugin-mlops-common';

const MONTHS = [
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
  '2026-09',
  '2026-10',
  '2026-11',
];

/** Twelve months of a verdict: `unknown` before the history began, then `verdicts` to the current month. */
function trendOf(verdicts: DiagnosticVerdict[]): DiagnosticTrendPoint[] {
  const padded: DiagnosticVerdict[] = [
    ...Array<DiagnosticVerdict>(MONTHS.length - verdicts.length).fill(
      'unknown',
    ),
    ...verdicts,
  ];
  return MONTHS.map((month, i) => ({
    month,
    verdict: padded[i],
    values: [],
    ...(i === MONTHS.length - 1 ? { current: true } : {}),
  }));
}

type Measured = Partial<
  Pick<DiagnosticIndicator, 'value' | 'missing' | 'evidence'>
>;

/** A question answered with the common package's definitions, signals and verdict rule. */
function question(
  id: DiagnosticQuestion['id'],
  measured: Record<string, Measured>,
  trend: DiagnosticVerdict[],
): DiagnosticQuestion {
  const definition = DIAGNOSTIC_QUESTIONS.find(q => q.id === id)!;
  const indicators: DiagnosticIndicator[] = definition.indicators.map(def => {
    const m = measured[def.id] ?? {};
    const value = m.value ?? null;
    return {
      id: def.id,
      label: def.label,
      value,
      unit: def.unit,
      formula: def.formula,
      signal: indicatorSignal(value, def.bands),
      ...(def.bands ? { bands: def.bands } : {}),
      ...(value === null
        ? { missing: m.missing ?? 'no data to measure it by' }
        : {}),
      evidence: m.evidence ?? [],
    };
  });
  return {
    id,
    title: definition.title,
    verdict: questionVerdict(indicators, definition.required),
    missing: indicators
      .filter(i => i.value === null)
      .map(i => `${i.label}: ${i.missing}`),
    indicators,
    nextStep: diagnosticNextStep(definition),
    trend: trendOf(trend),
  };
}

/** The models of the retention team that never reached production. */
export const notInProduction = [
  'mlmodel:default/churn-logreg-baseline',
  'mlmodel:default/churn-xgb-challenger',
  'mlmodel:default/save-offer-ranker',
];

const questions: DiagnosticQuestion[] = [
  question(
    'q1',
    {
      'q1.production-share': {
        value: 0.25,
        evidence: [
          {
            label: 'Models in production',
            count: 1,
            entityRefs: ['mlmodel:default/churn-gbm'],
          },
          {
            label: 'Models not in production',
            count: 3,
            entityRefs: notInProduction,
          },
        ],
      },
      'q1.funnel-conversion': {
        value: 0.5,
        evidence: [
          {
            label: 'Past stage 1 and in production',
            count: 1,
            entityRefs: ['mlusecase:default/churn-prevention'],
          },
        ],
      },
      'q1.median-days-strategy': { value: 12 },
      'q1.median-days-prototyping': { value: 41.5 },
      'q1.median-days-operationalisation': {
        missing: 'no use case or model reached stage 3',
      },
    },
    ['some-indication', 'strong-indicator', 'strong-indicator'],
  ),
  question(
    'q2',
    {
      'q2.use-cases-without-sponsor': { value: 0 },
      'q2.sign-off-latency-median': { value: 3 },
      'q2.sign-off-latency-p90': { value: 9 },
      'q2.gates-waiting': { value: 0 },
      'q2.overdue-kpi-check-ins': { value: 0 },
    },
    ['not-indicated'],
  ),
  question(
    'q3',
    {
      'q3.frameworks': { value: 2 },
      'q3.registries': { value: 1 },
      'q3.serving-stacks': { value: 1 },
      'q3.overlapping-capabilities': { value: 1 },
      'q3.teams-with-several-frameworks': { value: 0 },
    },
    ['some-indication'],
  ),
  question(
    'q4',
    {
      'q4.models-without-datasets': { value: 0.25 },
      'q4.datasets-unknown-or-unowned': { value: 0 },
      'q4.monitors-stale': { value: 0 },
      'q4.input-drift-alerts': { value: 0.5 },
    },
    ['strong-indicator'],
  ),
  question(
    'q5',
    {
      'q5.kpis-off-track': {
        missing: 'no production use case has a KPI actual',
      },
      'q5.use-cases-without-actuals': {
        missing: 'no use case is in production',
      },
    },
    [],
  ),
  question(
    'q6',
    {
      'q6.median-level': { value: 2 },
      'q6.organisation-weaknesses': { value: 1 },
      'q6.organisation-strengths': { value: 12 },
      'q6.level-spread': { missing: 'needs two teams with a scored entity' },
    },
    ['not-indicated'],
  ),
  question(
    'q7',
    {
      'q7.bus-factor': { value: 0 },
      'q7.model-card-completeness': { value: 0.875 },
      'q7.knowledge-transfer-attested': { value: 1 },
      'q7.teams-behind': { missing: 'needs two teams with a scored entity' },
    },
    ['not-indicated'],
  ),
];

/** The retention team's diagnostic over 90 days, as the backend serves it. */
export const retentionDiagnostic: AdoptionDiagnostic = {
  scope: 'team',
  teamRef: 'group:default/retention-analytics',
  title: 'Retention Analytics',
  days: 90,
  windowStart: '2026-08-29T00:00:00.000Z',
  generatedAt: '2026-11-27T00:00:00.000Z',
  counts: { useCases: 2, models: 4, monitors: 2, teams: 1 },
  questions,
  delivery: [
    {
      id: 'lead-time',
      label: 'Lead time to the first production model',
      value: 64,
      unit: 'days',
      band: 'high',
      thresholds: DEFAULT_DELIVERY_BANDS['lead-time'],
      sampleSize: 1,
      formula:
        "Median days from a use case's registration to the approval of its first model's stage-3 gate.",
      evidence: [
        {
          label: 'Use cases measured',
          count: 1,
          entityRefs: ['mlusecase:default/churn-prevention'],
        },
      ],
      trend: [],
    },
    {
      id: 'change-frequency',
      label: 'Model change frequency',
      value: 1,
      bandValue: 1 / 3,
      unit: 'per-month',
      band: 'high',
      thresholds: DEFAULT_DELIVERY_BANDS['change-frequency'],
      sampleSize: 3,
      formula:
        'New model versions reaching production per month, and per production model.',
      evidence: [],
      trend: [],
    },
    {
      id: 'change-failure-rate',
      label: 'Model change failure rate',
      value: 0.2,
      unit: 'ratio',
      band: 'low',
      thresholds: DEFAULT_DELIVERY_BANDS['change-failure-rate'],
      sampleSize: 5,
      formula:
        'New production versions followed within 7 days by a drift alert, a failed acceptance criterion or a rollback, divided by new production versions.',
      evidence: [],
      trend: [],
    },
    {
      id: 'time-to-restore',
      label: 'Time to restore',
      value: null,
      unit: 'hours',
      thresholds: DEFAULT_DELIVERY_BANDS['time-to-restore'],
      sampleSize: 0,
      formula: 'Median hours from a drift alert to healthy again.',
      missing: 'no drift alert ended in the window',
      evidence: [],
      trend: [],
    },
  ],
  modelHistorySince: '2026-06-01T00:00:00.000Z',
  canAnswer: true,
};

/** The organisation's diagnostic: the same questions, no answers. */
export const organisationDiagnostic: AdoptionDiagnostic = {
  ...retentionDiagnostic,
  scope: 'organisation',
  teamRef: undefined,
  title: 'Northwind Telecom',
  counts: { useCases: 5, models: 9, monitors: 4, teams: 4 },
  canAnswer: undefined,
};

/** The team's answers once it said "no" to question 1. */
export const retentionAnswers: DiagnosticTeamAnswers = {
  teamRef: 'group:default/retention-analytics',
  answers: [
    {
      question: 'q1',
      answer: 'no',
      comment: 'Our models reach production when they are good enough.',
      answeredBy: 'user:default/ana-kovac',
      answeredAt: '2026-11-27T10:30:00.000Z',
    },
  ],
};
