import type {
  AdoptionDiagnostic,
  AlertDeliveryLog,
  DiagnosticAnswerRequest,
  DiagnosticTeamAnswers,
  DriftAlertMessage,
  DriftAlerts,
  DriftHealth,
  DriftIngestionResult,
  DriftObservationBatch,
  DriftSeries,
  DriftSourceDryRun,
  DriftSourceDryRunRequest,
  DriftSourceStatus,
  EntityGates,
  EntityScorecard,
  GateAttestationRequest,
  GateAudit,
  GateDecisionRequest,
  GateFunnel,
  KpiActualsBatch,
  KpiActualView,
  KpiIngestionResult,
  KpiSourceDryRun,
  KpiSourceDryRunRequest,
  KpiSourceStatus,
  MaturityOverview,
  PushedCheckResultRecord,
  PushedCheckResultRequest,
  RejectedEntities,
  RubricDescription,
  SponsorHome,
  ScorecardHistory,
  TeamMaturity,
  UseCaseValue,
  UseCaseValueHistory,
  ValueOverview,
} from '@mlightenment/backstage-plugin-mlops-common';
import Ajv from 'ajv';
import { spec } from './openapi.generated';

// The REST contract is written once in TypeScript (the common package's
// `api/`) and once in the OpenAPI spec. The routers hand the typed router
// values of the TypeScript types without casts, so the compiler checks that
// every type fits the spec (a field the spec requires cannot be optional in
// the type). This test checks what the compiler cannot: a sample of every
// type with all its optional fields validates against the spec's schema,
// whose objects are closed here, so a field the spec does not declare fails.

type Json = any;

/** The schema with every object closed to properties it does not declare. */
function closed(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Json = Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, closed(v)]),
  );
  if (copy.properties && copy.additionalProperties === undefined) {
    copy.additionalProperties = false;
  }
  return copy;
}

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('date-time', {
  validate: (text: string) => !Number.isNaN(Date.parse(text)),
});
ajv.addSchema({
  $id: 'spec',
  components: closed(JSON.parse(JSON.stringify(spec.components))),
});

function problems(schemaName: string, sample: unknown): string[] {
  const validate = ajv.getSchema(`spec#/components/schemas/${schemaName}`);
  if (!validate) throw new Error(`No schema ${schemaName} in the spec`);
  return validate(sample)
    ? []
    : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message}`);
}

/** A response body schema of an operation, by path, method and status. */
function responseProblems(
  path: string,
  method: 'get' | 'post',
  status: string,
  sample: unknown,
): string[] {
  const operation: Json = (spec.paths as Json)[path][method];
  // Its references point into the spec registered above.
  const schema = JSON.parse(
    JSON.stringify(
      closed(operation.responses[status].content['application/json'].schema),
    ).replace(/"\$ref":"#\//g, '"$ref":"spec#/'),
  );
  const validate = ajv.compile(schema);
  return validate(sample)
    ? []
    : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message}`);
}

const at = '2026-12-01T10:00:00.000Z';

const fullScorecard: EntityScorecard = {
  entityRef: 'mlmodel:default/churn-gbm',
  kind: 'MLModel',
  title: 'Churn GBM',
  owner: 'group:default/retention-analytics',
  rubricId: 'mlightenment-default',
  level: 2,
  levelName: 'Automated training',
  score: 72,
  nextLevel: { level: 3, name: 'Automated deployment', blocking: ['x.y'] },
  results: [
    { checkId: 'x.y', outcome: 'failed', reason: 'No monitor.' },
    {
      checkId: 'a.b',
      outcome: 'exempt',
      reason: 'Waived.',
      exemption: { justification: 'Pilot', expiresAt: '2027-01-01' },
    },
  ],
  evaluatedAt: at,
  changedAt: at,
};

const fullRubric: RubricDescription = {
  id: 'mlightenment-default',
  title: 'MLightenment default rubric',
  levels: [{ level: 0, name: 'No MLOps', description: 'Manual.' }],
  checks: [
    {
      id: 'use-case.sponsor-named',
      title: 'A sponsor is named',
      description: 'The use case names its sponsor.',
      stage: 'strategy',
      level: 1,
      kinds: ['MLUseCase'],
      rationale: 'Sponsors sign off.',
      remediation: { text: 'Set spec.sponsor.', link: 'https://example.com' },
    },
  ],
};

const summary = {
  entityCount: 2,
  distribution: [0, 1, 1, 0, 0] as [number, number, number, number, number],
  score: 50,
  medianLevel: 1 as const,
};
const entityMaturity = {
  entityRef: 'mlmodel:default/churn-gbm',
  kind: 'MLModel' as const,
  title: 'Churn GBM',
  owner: 'group:default/retention-analytics',
  level: 2 as const,
  score: 72,
  levelChange: -1,
  scoreChange: -10,
  evaluatedAt: at,
};

const fullTeam: TeamMaturity = {
  teamRef: 'group:default/retention-analytics',
  title: 'Retention analytics',
  groups: ['group:default/retention-analytics'],
  days: 30,
  levels: fullRubric.levels,
  summary,
  entities: [entityMaturity],
  page: { offset: 0, limit: 100 },
  weakest: [entityMaturity],
  mostImproved: [],
  biggestDrops: [entityMaturity],
};

const fullOverview: MaturityOverview = {
  days: 30,
  levels: fullRubric.levels,
  summary,
  teams: [
    {
      teamRef: 'group:default/retention-analytics',
      title: 'Retention analytics',
      parent: 'group:default/data',
      children: [],
      summary,
    },
  ],
  biggestDrops: [entityMaturity],
};

const fullHistory: ScorecardHistory = {
  entityRef: 'mlmodel:default/churn-gbm',
  days: 30,
  points: [{ at, level: 2, score: 72 }],
  changes: [{ at, checkId: 'x.y', from: 'passed', to: 'failed' }],
};

const pushRequest: PushedCheckResultRequest = {
  entityRef: 'mlmodel:default/churn-gbm',
  checkId: 'ci.tests-pass',
  outcome: 'passed',
  reason: 'All tests passed.',
  link: 'https://ci.example.com/runs/1',
};
const pushed: PushedCheckResultRecord = {
  ...pushRequest,
  submittedBy: 'user:default/ci',
  submittedAt: at,
};

const decision = {
  id: 'd1',
  stage: 'strategy' as const,
  decision: 'approve' as const,
  role: 'sponsor',
  by: 'user:default/maria.silva',
  at,
  comment: 'Go.',
  evidenceUrl: 'https://example.com/minutes',
  entityHash: 'abc',
  revision: 3,
  invalidated: { at, reason: 'spec.businessDrivers changed' },
};

const fullGates: EntityGates = {
  entityRef: 'mlusecase:default/churn-prevention',
  currentStage: 'prototyping',
  complete: false,
  entityHash: 'abc',
  stages: [
    {
      stage: 'strategy',
      number: 1,
      title: 'AI strategy, use case & operating-model definition',
      state: 'approved',
      revision: 3,
      enteredAt: at,
      keySteps: ['Business vision and alignment'],
      keyRoles: ['Sponsors'],
      criteria: [
        {
          id: 'kpis',
          title: 'KPIs linked',
          source: 'check',
          checkId: 'use-case.kpis',
          outcome: 'passed',
          reason: 'Two KPIs.',
          met: true,
        },
        {
          id: 'ethics',
          title: 'Ethics reviewed',
          source: 'attestation',
          met: true,
          attestation: {
            by: 'user:default/ana',
            at,
            evidenceUrl: 'https://example.com/review',
            comment: 'Reviewed.',
          },
        },
      ],
      signOff: [
        {
          id: 'sponsor',
          label: 'Sponsor',
          refs: ['user:default/maria.silva'],
          yours: true,
          decision,
        },
        {
          id: 'group:default/operations',
          label: 'operations',
          refs: ['group:default/operations'],
          yours: false,
          unresolved: true,
        },
      ],
      canDecide: true,
      decisions: [decision],
      invalidations: [{ at, reason: 'changed', decisionId: 'd0' }],
    },
  ],
};

const decisionRequest: GateDecisionRequest = {
  decision: 'approve',
  comment: 'Go.',
  evidenceUrl: 'https://example.com/minutes',
  revision: 3,
  role: 'sponsor',
};
const attestationRequest: GateAttestationRequest = {
  criterion: 'ethics',
  evidenceUrl: 'https://example.com/review',
  comment: 'Reviewed.',
  revision: 2,
};

const fullAudit: GateAudit = {
  entityRef: 'mlusecase:default/churn-prevention',
  records: [
    {
      id: 'd1',
      type: 'decision',
      entityRef: 'mlusecase:default/churn-prevention',
      stage: 'strategy',
      at,
      by: 'user:default/maria.silva',
      decision: 'approve',
      role: 'sponsor',
      criterion: 'ethics',
      comment: 'Go.',
      evidenceUrl: 'https://example.com/minutes',
      entityHash: 'abc',
      revision: 3,
      decisionId: 'd0',
    },
  ],
};

const fullFunnel: GateFunnel = {
  stages: [
    { stage: 'strategy', title: 'Strategy', count: 1, medianDaysInStage: 4 },
  ],
  complete: 0,
  entities: [
    {
      entityRef: 'mlusecase:default/churn-prevention',
      kind: 'MLUseCase',
      title: 'Churn prevention',
      currentStage: 'prototyping',
      complete: false,
      since: at,
      daysInStage: { strategy: 4, prototyping: 2 },
    },
  ],
};

const thresholds = {
  warning: 0.1,
  alert: 0.2,
  direction: 'above' as const,
  on: 'value' as const,
};
// A metric that must stay inside a band: a band per threshold.
const bandThresholds = {
  warning: [-0.03, 0.03] as [number, number],
  alert: [-0.05, 0.05] as [number, number],
  direction: 'outside' as const,
  on: 'value' as const,
};
const fullDriftHealth: DriftHealth = {
  entityRef: 'mlmodel:default/churn-gbm',
  state: 'warning',
  evaluatedAt: at,
  monitors: [
    {
      entityRef: 'mlmonitor:default/churn-gbm-input-drift',
      title: 'Churn GBM input drift',
      type: 'data-drift',
      state: 'warning',
      since: at,
      lastObservationAt: at,
      cadence: 'P1D',
      staleAfter: at,
      evaluatedAt: at,
      featureCount: 1,
      driftedFeatures: 1,
      driftedShare: 1,
      datasetDrift: true,
      features: [
        {
          name: 'tenure',
          type: 'numerical',
          statistic: 'wasserstein',
          value: 0.15,
          pValue: 0.01,
          thresholds,
          state: 'warning',
          observedAt: at,
          referenceRows: 1000,
          currentRows: 900,
          window: {
            referenceStart: at,
            referenceEnd: at,
            currentStart: at,
            currentEnd: at,
          },
          recent: [{ at, value: 0.15 }],
        },
        {
          name: 'forecast_bias',
          statistic: 'metric',
          value: -0.04,
          thresholds: bandThresholds,
          state: 'warning',
          recent: [{ at, value: -0.04 }],
        },
      ],
    },
  ],
  models: [
    {
      entityRef: 'mlmodel:default/churn-gbm',
      title: 'Churn GBM',
      state: 'warning',
    },
  ],
};

const fullSeries: DriftSeries = {
  monitor: 'mlmonitor:default/churn-gbm-input-drift',
  days: 30,
  resolution: 'raw',
  features: [
    {
      name: 'tenure',
      statistic: 'wasserstein',
      thresholds,
      points: [{ at, value: 0.15, state: 'warning' }],
    },
    {
      name: 'forecast_bias',
      statistic: 'metric',
      thresholds: bandThresholds,
      points: [{ at, value: -0.04, state: 'warning' }],
    },
  ],
};

const fullAlerts: DriftAlerts = {
  models: [
    {
      entityRef: 'mlmodel:default/churn-gbm',
      title: 'Churn GBM',
      owner: 'group:default/retention-analytics',
      state: 'alert',
      since: at,
      monitors: [
        {
          entityRef: 'mlmonitor:default/churn-gbm-input-drift',
          state: 'alert',
          since: at,
        },
      ],
    },
  ],
};

const fullBatch: DriftObservationBatch = {
  monitor: 'mlmonitor:default/churn-gbm-input-drift',
  idempotencyKey: 'run-1',
  observations: [
    {
      feature: 'tenure',
      observedAt: at,
      value: 0.1,
      pValue: 0.2,
      reference: [1, 2],
      current: [2, 3],
      referenceCounts: { a: 1 },
      currentCounts: [1, 2],
      referenceRows: 2,
      currentRows: 2,
      window: { referenceStart: at, currentEnd: at },
    },
  ],
};
const ingestion: DriftIngestionResult = {
  stored: 1,
  duplicate: false,
  monitor: 'mlmonitor:default/churn-gbm-input-drift',
  state: 'healthy',
};

const actual: KpiActualView = {
  id: '7',
  kpiId: 'churn-rate',
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  value: 2.5,
  unit: '%',
  source: 'person',
  recordedBy: 'user:default/maria-silva',
  recordedAt: at,
  comment: 'Board pack',
  evidenceUrl: 'https://example.com/board',
  supersedes: '6',
  supersededBy: '8',
  definitionVersion: 2,
};
const fullValue: UseCaseValue = {
  entityRef: 'mlusecase:default/churn-prevention',
  title: 'Churn prevention',
  owner: 'group:default/retention-analytics',
  sponsor: 'user:default/maria-silva',
  lifecycle: 'production',
  canRecord: true,
  kpis: [
    {
      id: 'churn-rate',
      driver: 'Keep subscribers',
      kpi: 'Monthly churn rate',
      unit: '%',
      baseline: 2.8,
      target: 2.2,
      direction: 'decrease',
      cadence: 'P1M',
      method: 'before-after',
      referencePeriod: { start: '2025-01-01', end: '2025-12-31' },
      status: 'at-risk',
      reason: 'Half way.',
      progress: 0.5,
      latest: actual,
      overdueAfter: at,
      points: [
        {
          id: actual.id,
          periodStart: actual.periodStart,
          periodEnd: actual.periodEnd,
          value: actual.value,
        },
      ],
      definitionVersions: [
        {
          version: 1,
          validFrom: at,
          baseline: 2.8,
          target: 2.2,
          unit: '%',
          direction: 'decrease',
          method: 'before-after',
        },
      ],
    },
  ],
  markers: [
    {
      at,
      kind: 'gate-approval',
      entityRef: 'mlusecase:default/churn-prevention',
      title: 'Stage 1 approved',
    },
  ],
};
const valueHistory: UseCaseValueHistory = {
  entityRef: 'mlusecase:default/churn-prevention',
  records: [actual],
};
const actualsBatch: KpiActualsBatch = {
  useCase: 'churn-prevention',
  idempotencyKey: 'bi-2026-11',
  actuals: [
    {
      kpi: 'churn-rate',
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      value: 2.5,
      unit: '%',
      comment: 'Board pack',
      evidenceUrl: 'https://example.com/board',
      supersedes: '6',
    },
  ],
};
const valueIngestion: KpiIngestionResult = {
  useCase: 'mlusecase:default/churn-prevention',
  stored: 1,
  duplicate: false,
};
const valueOverview: ValueOverview = {
  useCases: [
    {
      entityRef: 'mlusecase:default/churn-prevention',
      title: 'Churn prevention',
      owner: 'group:default/retention-analytics',
      sponsor: 'user:default/maria-silva',
      lifecycle: 'production',
      kpis: [
        {
          id: 'churn-rate',
          kpi: 'Monthly churn rate',
          unit: '%',
          status: 'at-risk',
          progress: 0.5,
          latest: {
            periodStart: '2026-11-01',
            periodEnd: '2026-11-30',
            value: 2.5,
          },
        },
      ],
    },
  ],
  statusCounts: {
    'off-track': 0,
    overdue: 0,
    'at-risk': 1,
    'no-data': 0,
    'on-track': 0,
  },
};

const home: SponsorHome = {
  userRef: 'user:default/maria-silva',
  useCases: valueOverview.useCases,
  awaitingSignOff: [
    {
      entityRef: 'mlusecase:default/churn-prevention',
      title: 'Churn prevention',
      stage: 'strategy',
      stageTitle: 'Stage 1 · Strategy',
      role: 'sponsor',
      since: at,
    },
  ],
  checkInsDue: [
    {
      entityRef: 'mlusecase:default/churn-prevention',
      title: 'Churn prevention',
      kpiId: 'churn-rate',
      kpi: 'Monthly churn rate',
      state: 'overdue',
      dueOn: '2026-11-01',
    },
  ],
  valueAtRisk: [
    {
      entityRef: 'mlusecase:default/churn-prevention',
      title: 'Churn prevention',
      kpiId: 'churn-rate',
      kpi: 'Monthly churn rate',
      status: 'off-track',
      progress: -0.5,
      reasons: ['churn-gbm is in drift alert'],
    },
  ],
};

const diagnosticAnswer = {
  question: 'q1' as const,
  answer: 'no' as const,
  comment: 'We ship fine',
  answeredBy: 'user:default/ana-kovac',
  answeredAt: at,
};
const answerRequest: DiagnosticAnswerRequest = {
  question: 'q1',
  answer: 'partly',
  comment: 'Some models stall at stage 2',
};
const teamAnswers: DiagnosticTeamAnswers = {
  teamRef: 'group:default/retention-analytics',
  answers: [diagnosticAnswer],
};
const diagnostic: AdoptionDiagnostic = {
  scope: 'team',
  teamRef: 'group:default/retention-analytics',
  title: 'Retention analytics',
  days: 90,
  windowStart: at,
  generatedAt: at,
  counts: { useCases: 1, models: 2, monitors: 1, teams: 1 },
  questions: [
    {
      id: 'q1',
      title:
        'Do only a small subset of developed models make it to production?',
      verdict: 'unknown',
      missing: ['Models in production: no stage-gate event recorded'],
      indicators: [
        {
          id: 'q1.production-share',
          label: 'Models in production',
          value: null,
          unit: 'ratio',
          formula: 'Models in production divided by all models.',
          signal: 'unknown',
          bands: { some: 0.6, strong: 0.3, worse: 'lower' },
          missing: 'no stage-gate event recorded',
          evidence: [
            {
              label: 'Models not in production',
              count: 2,
              entityRefs: ['mlmodel:default/churn-gbm'],
            },
          ],
        },
      ],
      nextStep: {
        stage: 'operationalisation',
        stageNumber: 3,
        stageTitle: 'ML engineering & operationalisation',
        keyStep: 'Serving infrastructure, CI/CD and infrastructure as code',
        keyStepIndex: 0,
        text: 'Give models one paved path to production.',
      },
      trend: [
        {
          month: '2026-12',
          verdict: 'unknown',
          values: [{ id: 'q1.production-share', value: null }],
          current: true,
        },
      ],
      answer: diagnosticAnswer,
    },
  ],
  delivery: [
    {
      id: 'change-frequency',
      label: 'Model change frequency',
      value: 1.4,
      unit: 'per-month',
      bandValue: 0.7,
      band: 'high',
      thresholds: { elite: 1, high: 0.33, medium: 0.08, better: 'higher' },
      sampleSize: 4,
      formula: 'New production versions per month.',
      missing: 'none',
      evidence: [
        {
          label: 'Models with a new production version',
          count: 1,
          entityRefs: ['mlmodel:default/churn-gbm'],
        },
      ],
      trend: [{ month: '2026-12', value: 1.4, band: 'high', current: true }],
    },
  ],
  modelHistorySince: at,
  canAnswer: true,
};

const rejectedEntities: RejectedEntities = {
  items: [
    {
      entityRef: 'mlmodel:default/upsell-propensity-draft',
      kind: 'MLModel',
      title: 'Upsell propensity (draft)',
      owner: 'group:default/customer-analytics',
      state: 'not-in-catalog',
      location: {
        type: 'file',
        target: '/srv/catalog/registration-mistakes.yaml',
        line: 6,
      },
      problems: [
        {
          field: 'spec.metrcs',
          message: 'is not a known field; did you mean "metrics"?',
          line: 17,
        },
      ],
    },
  ],
};

const alertMessage: DriftAlertMessage = {
  id: 'mlmonitor:default/churn-gbm-input-drift:episode-3:alert',
  event: 'alert',
  at,
  episode: 3,
  state: 'alert',
  previousState: 'warning',
  severity: 'critical',
  title: 'Churn GBM input drift: drift alert',
  summary: 'tenure_months (alert). Runbook: https://runbooks.example.com/x',
  monitor: {
    entityRef: 'mlmonitor:default/churn-gbm-input-drift',
    title: 'Churn GBM input drift',
    url: 'https://backstage.example.com/catalog/default/mlmonitor/churn-gbm-input-drift',
    model: 'mlmodel:default/churn-gbm',
    owner: 'group:default/ml-platform',
    runbook: 'https://runbooks.example.com/x',
    cadence: 'P1D',
  },
  lastObservationAt: at,
  featureCount: 5,
  driftedFeatures: 1,
  datasetDrift: false,
  features: [
    {
      name: 'care_contacts_30d',
      statistic: 'kolmogorov-smirnov',
      state: 'alert',
      value: 0.004,
      pValue: 0.004,
      thresholds: {
        warning: 0.05,
        alert: 0.01,
        direction: 'below',
        on: 'p-value',
      },
    },
  ],
};

const alertDelivery = {
  messageId: alertMessage.id,
  event: 'alert' as const,
  episode: 3,
  title: alertMessage.title,
  status: 'delivered' as const,
  createdAt: at,
  attempts: [
    { at, error: 'the webhook answered 503 Service Unavailable' },
    { at },
  ],
  deliveredAt: at,
};

const deliveryLog: AlertDeliveryLog = {
  monitor: 'mlmonitor:default/churn-gbm-input-drift',
  channels: [
    {
      type: 'webhook',
      target: 'ml-platform-oncall',
      declared: true,
      confirmedBy: 'receiver',
      lastDelivery: alertDelivery,
      lastError: {
        at,
        message: 'the webhook answered 503 Service Unavailable',
        messageId: alertMessage.id,
      },
      recent: [
        {
          messageId: alertMessage.id,
          event: 'stale',
          episode: 4,
          title: 'Churn GBM input drift: stale',
          status: 'pending',
          createdAt: at,
          attempts: [{ at, error: 'no answer within 10 s' }],
          nextAttemptAt: at,
        },
        alertDelivery,
      ],
    },
  ],
};

const sourceStatus: DriftSourceStatus = {
  monitor: 'mlmonitor:default/churn-gbm-input-drift',
  bindings: [
    {
      source: 'prometheus',
      binding: 'tenure_months',
      description: 'instance "main": max(churn_feature_psi)',
      state: 'failed',
      lastPullAt: at,
      pulledThrough: at,
      imported: 0,
      skipped: 1,
      totalImported: 72,
      lastError: {
        at,
        message:
          'Prometheus instance "main" refused the query: bad_data: parse error',
      },
    },
  ],
};

const dryRunRequest: DriftSourceDryRunRequest = {
  monitor: 'mlmonitor:default/churn-gbm-input-drift',
  source: {
    prometheus: {
      instance: 'main',
      step: 'PT1H',
      features: [
        { name: 'tenure_months', query: 'max(churn_feature_psi)', on: 'value' },
      ],
    },
  },
};

const dryRun: DriftSourceDryRun = {
  monitor: 'mlmonitor:default/churn-gbm-input-drift',
  bindings: [
    {
      source: 'prometheus',
      binding: 'tenure_months',
      description: 'instance "main": max(churn_feature_psi)',
      samples: 1,
      skipped: 1,
      from: at,
      to: at,
      observations: [{ feature: 'tenure_months', observedAt: at, value: 0.2 }],
      error: 'Prometheus instance "main" refused the query: bad_data: x',
    },
  ],
};

const kpiSourceStatus: KpiSourceStatus = {
  useCase: 'mlusecase:default/churn-prevention',
  bindings: [{ ...sourceStatus.bindings[0], binding: 'churn-rate' }],
};

const kpiDryRunRequest: KpiSourceDryRunRequest = {
  useCase: 'mlusecase:default/churn-prevention',
  kpi: 'churn-rate',
  prometheus: { instance: 'main', query: 'business:churn_rate_percent:30d' },
};

const kpiDryRun: KpiSourceDryRun = {
  useCase: 'mlusecase:default/churn-prevention',
  bindings: [
    {
      source: 'prometheus',
      binding: 'churn-rate',
      description: 'instance "main": business:churn_rate_percent:30d',
      samples: 1,
      skipped: 1,
      from: at,
      to: at,
      actuals: [
        {
          kpi: 'churn-rate',
          periodStart: '2026-11-01',
          periodEnd: '2026-11-30',
          value: 2.545,
        },
      ],
      error: 'Prometheus instance "main" refused the query: bad_data: x',
    },
  ],
};

describe('the REST contract of the common package and the OpenAPI spec', () => {
  const bodies: Array<[string, unknown]> = [
    ['Scorecard', fullScorecard],
    ['Rubric', fullRubric],
    ['ScorecardHistory', fullHistory],
    ['TeamMaturity', fullTeam],
    ['Overview', fullOverview],
    ['PushedCheckResultRequest', pushRequest],
    ['PushedCheckResult', pushed],
    ['EntityGates', fullGates],
    ['GateDecisionRequest', decisionRequest],
    ['GateAttestationRequest', attestationRequest],
    ['GateFunnel', fullFunnel],
    ['DriftHealth', fullDriftHealth],
    ['DriftSeries', fullSeries],
    ['DriftAlerts', fullAlerts],
    ['DriftObservationBatch', fullBatch],
    ['DriftIngestionResult', ingestion],
    ['UseCaseValue', fullValue],
    ['UseCaseValueHistory', valueHistory],
    ['KpiActualsBatch', actualsBatch],
    ['KpiIngestionResult', valueIngestion],
    ['ValueOverview', valueOverview],
    ['SponsorHome', home],
    ['AdoptionDiagnostic', diagnostic],
    ['DiagnosticAnswerRequest', answerRequest],
    ['DiagnosticTeamAnswers', teamAnswers],
    ['RejectedEntities', rejectedEntities],
    ['DriftAlertMessage', alertMessage],
    ['AlertDeliveryLog', deliveryLog],
    ['DriftSourceStatus', sourceStatus],
    ['DriftSourceDryRunRequest', dryRunRequest],
    ['DriftSourceDryRun', dryRun],
    ['KpiSourceStatus', kpiSourceStatus],
    ['KpiSourceDryRunRequest', kpiDryRunRequest],
    ['KpiSourceDryRun', kpiDryRun],
  ];

  it.each(bodies)(
    '%s: a sample with every optional field fits the schema',
    (schemaName, sample) => {
      expect(problems(schemaName, sample)).toEqual([]);
    },
  );

  it('the gate audit trail fits its response schema', () => {
    expect(
      responseProblems(
        '/gates/{kind}/{namespace}/{name}/audit',
        'get',
        '200',
        fullAudit,
      ),
    ).toEqual([]);
  });

  it('a threshold is a number or a band of two numbers, nothing else', () => {
    expect(problems('DriftThreshold', 0.1)).toEqual([]);
    expect(problems('DriftThreshold', [-0.05, 0.05])).toEqual([]);
    expect(problems('DriftThreshold', [-0.05, 0, 0.05])).not.toEqual([]);
    expect(problems('DriftThreshold', '0.1')).not.toEqual([]);
  });

  it('a field the spec does not declare is refused, so the check can fail', () => {
    expect(problems('Scorecard', { ...fullScorecard, surprise: true })).toEqual(
      [' must NOT have additional properties'],
    );
    const { score: _score, ...withoutScore } = fullScorecard;
    expect(problems('Scorecard', withoutScore)).toEqual([
      " must have required property 'score'",
    ]);
  });
});
