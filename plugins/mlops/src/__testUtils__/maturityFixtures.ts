import type { GroupEntity } from '@backstage/catalog-model';
import {
  DEFAULT_MATURITY_LEVELS,
  ML_TEST_SCORE_TESTS,
  MLModelEntityV1alpha1,
  MlTestPractice,
  MlTestScoreSection,
  summarizeMaturity,
} from '@mlightenment/backstage-plugin-mlops-common';
import { churnGbm } from './fixtures';
import type {
  EntityMaturity,
  EntityScorecard,
  MaturityLevelDefinition,
  MaturityOverview,
  RubricDescription,
  ScorecardHistory,
  TeamMaturity,
} from '@mlightenment/backstage-plugin-mlops-common';

// Responses of the mlops backend as its OpenAPI spec describes them, for the
// entities of ./fixtures.ts.

/** The default levels, as the API serves them. */
export const levels: MaturityLevelDefinition[] = DEFAULT_MATURITY_LEVELS.map(
  l => ({
    ...l,
  }),
);

/** A rubric with checks in every stage and at every level. */
export const rubric: RubricDescription = {
  id: 'mlops-maturity',
  title: 'MLOps maturity',
  levels,
  checks: [
    {
      id: 'use-case.sponsor-named',
      title: 'Sponsor named',
      description: 'The use case names the sponsor who signs it off.',
      stage: 'strategy',
      level: 1,
      kinds: ['MLUseCase'],
      rationale: 'Model consumers are in the critical path of assurance.',
      remediation: {
        text: 'Set spec.sponsor to the user or group who signs off.',
      },
    },
    {
      id: 'model.card-complete',
      title: 'Model card complete',
      description: 'Every model-card section is written.',
      stage: 'prototyping',
      level: 1,
      kinds: ['MLModel'],
      rationale: 'Readers must know what the model is for and where it fails.',
      remediation: { text: 'Fill in every section of spec.modelCard.' },
    },
    {
      id: 'model.acceptance-criteria-met',
      title: 'Acceptance criteria met',
      description: "The model meets its use case's acceptance criteria.",
      stage: 'prototyping',
      level: 2,
      kinds: ['MLModel'],
      rationale: 'The business agreed what good enough means.',
      remediation: {
        text: 'Declare every metric the use case bounds in spec.metrics, from an evaluation on held-out data.',
        link: 'https://mlightenment.example.com/docs/checks#acceptance-criteria-met',
      },
    },
    {
      id: 'model.fairness-tested',
      title: 'Fairness tested',
      description: 'Every fairness result is within its bound.',
      stage: 'prototyping',
      level: 2,
      kinds: ['MLModel'],
      rationale: 'Bias is an ethical risk the use case named.',
      remediation: {
        text: 'Mitigate the bias, then report the new result in spec.fairness.',
        link: 'https://mlightenment.example.com/docs/checks#fairness-tested',
      },
    },
    {
      id: 'model.served-by-component',
      title: 'Served by an owned component',
      description: 'A catalog component serves the model.',
      stage: 'operationalisation',
      level: 3,
      kinds: ['MLModel'],
      rationale: 'Serving needs an owner on call.',
      remediation: { text: 'List the serving component in spec.servedBy.' },
    },
    {
      id: 'model.monitored',
      title: 'Monitored',
      description: 'An MLMonitor watches the model.',
      stage: 'operationalisation',
      level: 3,
      kinds: ['MLModel'],
      rationale: 'Drift goes unnoticed without a monitor.',
      remediation: {
        text: 'Register an MLMonitor whose spec.model is this model.',
      },
    },
    {
      id: 'model.ml-test-score',
      title: 'ML Test Score of 3 or more',
      description: 'The ML Test Score shows production-grade testing.',
      stage: 'operationalisation',
      level: 4,
      kinds: ['MLModel'],
      rationale:
        'Production ML systems need tests of data, model and infrastructure.',
      remediation: {
        text: 'Report the ML Test Score tests from your pipeline.',
      },
    },
  ],
};

/** `churn-gbm`: level 1, held below level 2 by two checks, one exempt check. */
export const churnGbmScorecard: EntityScorecard = {
  entityRef: 'mlmodel:default/churn-gbm',
  kind: 'MLModel',
  title: 'churn-gbm',
  owner: 'group:default/retention-analytics',
  rubricId: 'mlops-maturity',
  level: 1,
  levelName: 'Repeatable',
  score: 58,
  nextLevel: {
    level: 2,
    name: 'Automated training',
    blocking: ['model.acceptance-criteria-met', 'model.fairness-tested'],
  },
  results: [
    // A check of another kind, as scorecards stored by earlier versions hold them.
    {
      checkId: 'use-case.sponsor-named',
      outcome: 'not-applicable',
      reason: 'Applies to MLUseCase only.',
    },
    {
      checkId: 'model.card-complete',
      outcome: 'passed',
      reason: 'All six model-card sections are written.',
    },
    {
      checkId: 'model.acceptance-criteria-met',
      outcome: 'not-reported',
      reason: 'The model declares no p95-latency-ms metric.',
    },
    {
      checkId: 'model.fairness-tested',
      outcome: 'failed',
      reason: 'disparate-impact-ratio for gender is 0.72, below 0.8.',
    },
    {
      checkId: 'model.served-by-component',
      outcome: 'passed',
      reason: 'Served by component:default/churn-scoring-service.',
    },
    {
      checkId: 'model.monitored',
      outcome: 'exempt',
      reason: 'Exempt: monitoring moves to the new platform.',
      exemption: {
        justification: 'Monitoring moves to the new platform in Q1.',
        expiresAt: '2027-03-31',
      },
    },
    {
      checkId: 'model.ml-test-score',
      outcome: 'warning',
      reason: 'ML Test Score 1 of 3 needed.',
    },
  ],
  evaluatedAt: '2026-11-27T10:00:00Z',
  changedAt: '2026-11-12T09:00:00Z',
};

/** `churn-gbm` after a refresh that fixed the fairness result. */
export const churnGbmRefreshedScorecard: EntityScorecard = {
  ...churnGbmScorecard,
  score: 75,
  nextLevel: {
    level: 2,
    name: 'Automated training',
    blocking: ['model.acceptance-criteria-met'],
  },
  results: churnGbmScorecard.results.map(r =>
    r.checkId === 'model.fairness-tested'
      ? {
          ...r,
          outcome: 'passed',
          reason: 'Every fairness result is in bounds.',
        }
      : r,
  ),
  evaluatedAt: '2026-11-27T11:00:00Z',
};

/** `churn-gbm` over 30 days: level 0 → 1 on 12 Nov 2026. */
export const churnGbmHistory: ScorecardHistory = {
  entityRef: 'mlmodel:default/churn-gbm',
  days: 30,
  points: [
    { at: '2026-10-28T10:00:00Z', level: 0, score: 33 },
    { at: '2026-11-12T09:00:00Z', level: 1, score: 50 },
    { at: '2026-11-20T09:00:00Z', level: 1, score: 58 },
  ],
  changes: [
    {
      at: '2026-11-20T09:00:00Z',
      checkId: 'model.served-by-component',
      from: 'failed',
      to: 'passed',
    },
    {
      at: '2026-11-12T09:00:00Z',
      checkId: 'model.card-complete',
      from: 'failed',
      to: 'passed',
    },
  ],
};

function entityMaturity(
  entityRef: string,
  kind: EntityMaturity['kind'],
  level: EntityMaturity['level'],
  score: number,
  levelChange: number,
  scoreChange: number,
): EntityMaturity {
  return {
    entityRef,
    kind,
    title: entityRef.split('/')[1],
    owner: 'group:default/retention-analytics',
    level,
    score,
    levelChange,
    scoreChange,
    evaluatedAt: '2026-11-27T10:00:00Z',
  };
}

const useCaseMaturity = entityMaturity(
  'mlusecase:default/churn-prevention',
  'MLUseCase',
  2,
  80,
  1,
  20,
);
const gbmMaturity = entityMaturity(
  'mlmodel:default/churn-gbm',
  'MLModel',
  1,
  58,
  1,
  25,
);
const monitorMaturity = entityMaturity(
  'mlmonitor:default/churn-gbm-drift',
  'MLMonitor',
  3,
  90,
  0,
  0,
);
const logitMaturity = entityMaturity(
  'mlmodel:default/churn-logit',
  'MLModel',
  0,
  20,
  -1,
  -30,
);

const teamEntities = [
  monitorMaturity,
  useCaseMaturity,
  gbmMaturity,
  logitMaturity,
];

/** The group that owns the entities of ./fixtures.ts. */
export const retentionAnalytics: GroupEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'retention-analytics', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/** A group that owns no ML entity. */
export const platformTeam: GroupEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/** The roll-up of `retention-analytics` over 30 days. */
export const retentionTeamMaturity: TeamMaturity = {
  teamRef: 'group:default/retention-analytics',
  title: 'retention-analytics',
  groups: ['group:default/retention-analytics'],
  days: 30,
  levels,
  summary: summarizeMaturity(teamEntities),
  entities: teamEntities,
  page: { offset: 0, limit: 100 },
  weakest: [logitMaturity, gbmMaturity],
  mostImproved: [gbmMaturity, useCaseMaturity],
  biggestDrops: [logitMaturity],
};

/** The roll-up of a group that owns nothing. */
export const emptyTeamMaturity: TeamMaturity = {
  teamRef: 'group:default/platform',
  title: 'platform',
  groups: ['group:default/platform'],
  days: 30,
  levels,
  summary: summarizeMaturity([]),
  entities: [],
  page: { offset: 0, limit: 100 },
  weakest: [],
  mostImproved: [],
  biggestDrops: [],
};

const fraudSummary = summarizeMaturity([
  { level: 3, score: 85 },
  { level: 4, score: 100 },
]);

/** The organisation: two teams. */
export const overview: MaturityOverview = {
  days: 30,
  levels,
  summary: summarizeMaturity([
    ...teamEntities,
    { level: 3, score: 85 },
    { level: 4, score: 100 },
  ]),
  teams: [
    {
      teamRef: 'group:default/retention-analytics',
      title: 'retention-analytics',
      children: [],
      summary: retentionTeamMaturity.summary,
    },
    {
      teamRef: 'group:default/fraud-detection',
      title: 'fraud-detection',
      children: [],
      summary: fraudSummary,
    },
  ],
  biggestDrops: [logitMaturity],
};

/** The practices of a section's tests in the paper's order. */
function practices(
  section: MlTestScoreSection,
  list: MlTestPractice[],
): Partial<Record<string, MlTestPractice>> {
  const tests = ML_TEST_SCORE_TESTS.filter(t => t.section === section);
  return Object.fromEntries(list.map((practice, i) => [tests[i].id, practice]));
}

/**
 * `churn-gbm` declaring its ML Test Score: data 7, model 5, infrastructure 3
 * and monitoring 1 point, so a final score of 1.
 */
export const churnGbmWithMlTestScore: MLModelEntityV1alpha1 = {
  ...churnGbm,
  spec: {
    ...churnGbm.spec,
    mlTestScore: {
      data: practices('data', Array(7).fill('automated')),
      model: practices('model', [
        'automated',
        'automated',
        'automated',
        'automated',
        'manual',
        'manual',
        'none',
      ]),
      infrastructure: practices('infrastructure', [
        'automated',
        'automated',
        'automated',
      ]),
      monitoring: practices('monitoring', ['manual', 'manual']),
    },
  },
};
