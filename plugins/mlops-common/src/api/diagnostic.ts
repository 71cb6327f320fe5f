import type { FrameworkStageId } from '../framework/stages';

// The adoption diagnostic's routes' bodies (plugins/mlops-backend/src/schema/diagnostic.openapi.yaml).

/** The framework's seven "do I need MLOps?" questions, `q1` to `q7`. @public */
export type DiagnosticQuestionId =
  | 'q1'
  | 'q2'
  | 'q3'
  | 'q4'
  | 'q5'
  | 'q6'
  | 'q7';

/**
 * What the portal's data says about a question: `strong-indicator` (the
 * organisation shows the problem the question asks about, so MLOps is
 * needed), `some-indication`, `not-indicated`, or `unknown` (the data to
 * judge by is missing; the question's `missing` names it).
 * @public
 */
export type DiagnosticVerdict =
  | 'strong-indicator'
  | 'some-indication'
  | 'not-indicated'
  | 'unknown';

/**
 * What one indicator says: `strong` or `some` when its value is in that
 * band, `none` below the bands, `unknown` without a value, `info` for an
 * indicator without bands (shown, not judged).
 * @public
 */
export type DiagnosticSignal = 'strong' | 'some' | 'none' | 'unknown' | 'info';

/** How an indicator's value reads: a share from 0 to 1, a count, days, hours, a maturity level. @public */
export type DiagnosticUnit = 'ratio' | 'count' | 'days' | 'hours' | 'level';

/** The entities behind a number: up to the diagnostic's evidence limit, with the full count. @public */
export type DiagnosticEvidence = {
  /** What these entities are, e.g. `Models not in production`. */
  label: string;
  /** How many entities there are (`entityRefs` may hold fewer). */
  count: number;
  /** Lower-case entity references, sorted. */
  entityRefs: string[];
};

/** A measured indicator of a question. @public */
export type DiagnosticIndicator = {
  /** Stable id, `<question>.<what>`, e.g. `q1.production-share`. */
  id: string;
  label: string;
  /** Null when it cannot be measured; `missing` says why. */
  value: number | null;
  unit: DiagnosticUnit;
  /** How it is computed, in words. */
  formula: string;
  signal: DiagnosticSignal;
  /** The bands the value is judged by; absent for `info` indicators. */
  bands?: { some: number; strong: number; worse: 'higher' | 'lower' };
  /** The data that is missing, when `value` is null. */
  missing?: string;
  evidence: DiagnosticEvidence[];
};

/** The framework's recommended next step for a question, linked to its stage and key step. @public */
export type DiagnosticNextStep = {
  stage: FrameworkStageId;
  stageNumber: 1 | 2 | 3;
  stageTitle: string;
  /** The key step, in the framework's words (`FRAMEWORK_STAGES`). */
  keyStep: string;
  /** Its position among the stage's key steps, from 0. */
  keyStepIndex: number;
  /** What to do. */
  text: string;
};

/** A team's own answer to a question. @public */
export type DiagnosticAnswerValue = 'yes' | 'partly' | 'no';

/** A team's latest answer to a question, as stored. @public */
export type DiagnosticAnswer = {
  question: DiagnosticQuestionId;
  answer: DiagnosticAnswerValue;
  comment?: string;
  /** The user who answered. */
  answeredBy: string;
  /** ISO 8601. */
  answeredAt: string;
};

/** The body of `POST /diagnostic/teams/{namespace}/{name}/answers`. @public */
export type DiagnosticAnswerRequest = {
  question: DiagnosticQuestionId;
  answer: DiagnosticAnswerValue;
  comment?: string;
};

/** A team's latest answers, one per question answered. @public */
export type DiagnosticTeamAnswers = {
  teamRef: string;
  answers: DiagnosticAnswer[];
};

/** A month of a question's trend: the stored monthly snapshot, or the current month computed. @public */
export type DiagnosticTrendPoint = {
  /** `YYYY-MM`. */
  month: string;
  verdict: DiagnosticVerdict;
  /** The indicators' values that month. */
  values: Array<{ id: string; value: number | null }>;
  /** True for the current month, computed now rather than read from a snapshot. */
  current?: boolean;
};

/** One of the seven questions, answered from the portal's data. @public */
export type DiagnosticQuestion = {
  id: DiagnosticQuestionId;
  /** The question in the framework's words. */
  title: string;
  verdict: DiagnosticVerdict;
  /** The data that is missing: why the verdict is `unknown`, or what it was judged without. */
  missing: string[];
  indicators: DiagnosticIndicator[];
  nextStep: DiagnosticNextStep;
  /** The last 12 months, oldest first. */
  trend: DiagnosticTrendPoint[];
  /** The team's own answer (team diagnostics). */
  answer?: DiagnosticAnswer;
};

/** The id of a delivery metric of models. @public */
export type DeliveryMetricId =
  | 'lead-time'
  | 'change-frequency'
  | 'change-failure-rate'
  | 'time-to-restore';

/** A DORA-style performance band. @public */
export type DeliveryBand = 'elite' | 'high' | 'medium' | 'low';

/**
 * The limits of the bands of a delivery metric: a value at or better than
 * `elite` is elite, else at or better than `high` is high, else at or better
 * than `medium` is medium, else low.
 * @public
 */
export type DeliveryBandThresholds = {
  elite: number;
  high: number;
  medium: number;
  better: 'lower' | 'higher';
};

/** A month of a delivery metric's trend. @public */
export type DeliveryTrendPoint = {
  month: string;
  value: number | null;
  band?: DeliveryBand;
  current?: boolean;
};

/** A delivery metric of models over the diagnostic's window. @public */
export type DeliveryMetric = {
  id: DeliveryMetricId;
  label: string;
  /** Null when nothing could be measured; `missing` says why. */
  value: number | null;
  unit: 'days' | 'hours' | 'ratio' | 'per-month';
  /** The value the band is judged by when it differs from `value` (change frequency: per production model). */
  bandValue?: number;
  band?: DeliveryBand;
  thresholds: DeliveryBandThresholds;
  /** How many events the value is computed from. */
  sampleSize: number;
  formula: string;
  missing?: string;
  evidence: DiagnosticEvidence[];
  trend: DeliveryTrendPoint[];
};

/** The adoption diagnostic of the organisation or of a team and its sub-teams. @public */
export type AdoptionDiagnostic = {
  scope: 'organisation' | 'team';
  /** The team (team diagnostics). */
  teamRef?: string;
  title: string;
  /** The window, in days back from `generatedAt`. */
  days: number;
  /** ISO 8601. */
  windowStart: string;
  /** ISO 8601. */
  generatedAt: string;
  /** What the numbers are computed over: the entities the caller may read. */
  counts: {
    useCases: number;
    models: number;
    monitors: number;
    teams: number;
  };
  questions: DiagnosticQuestion[];
  delivery: DeliveryMetric[];
  /** When the portal started recording model versions (the delivery metrics' history starts there). */
  modelHistorySince?: string;
  /** Whether the caller may record the team's answers (team diagnostics). */
  canAnswer?: boolean;
};
