import { FRAMEWORK_STAGES } from '@mlightenment/backstage-plugin-mlops-common';
import type {
  EntityGates,
  GateDecisionRecord,
  GateFunnel,
  GateView,
} from '@mlightenment/backstage-plugin-mlops-common';

// Responses of the mlops backend's gates API, as the API contract describes
// them, for the use case `churn-prevention` of ../../__testUtils__/fixtures.ts
// (owner group:default/retention-analytics, sponsor user:default/ada).

const [strategy, prototyping, operationalisation] = FRAMEWORK_STAGES;

const sponsorApproval: GateDecisionRecord = {
  id: 'd-1',
  stage: 'strategy',
  decision: 'approve',
  role: 'sponsor',
  by: 'user:default/ada',
  at: '2026-09-01T09:00:00Z',
  comment: 'Drivers and acceptance criteria agreed with retention.',
  evidenceUrl: 'https://wiki.example.com/churn/strategy-review',
  entityHash: 'sha256:aa01',
  revision: 3,
};

const ownerApproval: GateDecisionRecord = {
  id: 'd-2',
  stage: 'strategy',
  decision: 'approve',
  role: 'owner',
  by: 'user:default/maria-silva',
  at: '2026-09-02T10:30:00Z',
  comment: 'Operating model in place.',
  entityHash: 'sha256:aa01',
  revision: 4,
};

/** Stage 1: approved by sponsor and owner. */
export const strategyGate: GateView = {
  stage: 'strategy',
  number: 1,
  title: strategy.title,
  state: 'approved',
  revision: 5,
  enteredAt: '2026-08-20T08:00:00Z',
  keySteps: strategy.keySteps,
  keyRoles: strategy.keyRoles,
  criteria: [
    {
      id: 'drivers-linked-to-kpis',
      title: 'Business vision and alignment: drivers linked to KPIs',
      source: 'check',
      checkId: 'use-case.drivers-have-kpis',
      outcome: 'passed',
      met: true,
    },
    {
      id: 'ethics',
      title: 'Ethical considerations such as bias',
      source: 'attestation',
      met: true,
      attestation: {
        by: 'user:default/maria-silva',
        at: '2026-08-28T14:00:00Z',
        evidenceUrl: 'https://wiki.example.com/churn/ethics-review',
        comment: 'Reviewed with the ethics board.',
      },
    },
  ],
  signOff: [
    {
      id: 'sponsor',
      label: 'Sponsor',
      refs: ['user:default/ada'],
      yours: false,
      decision: sponsorApproval,
    },
    {
      id: 'owner',
      label: 'Owner',
      refs: ['group:default/retention-analytics'],
      yours: true,
      decision: ownerApproval,
    },
  ],
  canDecide: true,
  decisions: [ownerApproval, sponsorApproval],
  invalidations: [],
};

const invalidatedApproval: GateDecisionRecord = {
  id: 'd-3',
  stage: 'prototyping',
  decision: 'approve',
  role: 'owner',
  by: 'user:default/maria-silva',
  at: '2026-10-10T09:00:00Z',
  comment: 'Recall and AUC meet the criteria.',
  entityHash: 'sha256:bb02',
  revision: 2,
  invalidated: {
    at: '2026-11-02T12:00:00Z',
    reason: 'The acceptance criteria of the use case changed.',
  },
};

const changesRequested: GateDecisionRecord = {
  id: 'd-4',
  stage: 'prototyping',
  decision: 'request-changes',
  role: 'sponsor',
  by: 'user:default/ada',
  at: '2026-10-05T16:00:00Z',
  comment: 'Show the fairness results by region first.',
  evidenceUrl: 'https://wiki.example.com/churn/fairness',
  entityHash: 'sha256:bb01',
  revision: 1,
};

/**
 * Stage 2: ready for review, revision 7, with an owner approval invalidated
 * by a change of the acceptance criteria; the caller may decide.
 */
export const prototypingGate: GateView = {
  stage: 'prototyping',
  number: 2,
  title: prototyping.title,
  state: 'ready-for-review',
  revision: 7,
  enteredAt: '2026-09-02T10:30:00Z',
  keySteps: prototyping.keySteps,
  keyRoles: prototyping.keyRoles,
  criteria: [
    {
      id: 'model-registered',
      title: 'Model build, packaging and registration',
      source: 'check',
      checkId: 'model.registered',
      outcome: 'passed',
      met: true,
    },
    {
      id: 'fairness-tested',
      title: 'Performance, fairness and vulnerability testing',
      source: 'check',
      checkId: 'model.fairness-tested',
      outcome: 'failed',
      reason: 'disparate-impact-ratio for gender is 0.72, below 0.8.',
      met: false,
    },
    {
      id: 'eda',
      title: 'Exploratory data analysis and pre-processing',
      source: 'attestation',
      met: false,
    },
  ],
  signOff: [
    {
      id: 'owner',
      label: 'Owner',
      refs: ['group:default/retention-analytics'],
      yours: true,
    },
    {
      id: 'sponsor',
      label: 'Sponsor',
      refs: ['user:default/ada'],
      yours: false,
    },
  ],
  canDecide: true,
  decisions: [invalidatedApproval, changesRequested],
  invalidations: [
    {
      at: '2026-11-02T12:00:00Z',
      reason: 'The acceptance criteria of the use case changed.',
      decisionId: 'd-3',
    },
  ],
};

/** Stage 3: not started. */
export const operationalisationGate: GateView = {
  stage: 'operationalisation',
  number: 3,
  title: operationalisation.title,
  state: 'not-started',
  revision: 0,
  keySteps: operationalisation.keySteps,
  keyRoles: operationalisation.keyRoles,
  criteria: [
    {
      id: 'monitored',
      title: 'Model monitoring and logging',
      source: 'check',
      checkId: 'model.monitored',
      outcome: 'not-reported',
      met: false,
    },
  ],
  signOff: [
    {
      id: 'owner',
      label: 'Owner',
      refs: ['group:default/retention-analytics'],
      yours: true,
    },
    {
      id: 'group:default/ml-operations',
      label: 'ML operations',
      refs: ['group:default/ml-operations'],
      yours: false,
    },
  ],
  canDecide: true,
  decisions: [],
  invalidations: [],
};

/** `churn-prevention`: stage 1 approved, in stage 2. */
export const churnGates: EntityGates = {
  entityRef: 'mlusecase:default/churn-prevention',
  currentStage: 'prototyping',
  complete: false,
  entityHash: 'sha256:bb02',
  stages: [strategyGate, prototypingGate, operationalisationGate],
};

/** Use cases by stage: two in strategy, one in prototyping, one complete. */
export const useCaseFunnel: GateFunnel = {
  stages: [
    {
      stage: 'strategy',
      title: strategy.title,
      count: 2,
      medianDaysInStage: 12.5,
    },
    {
      stage: 'prototyping',
      title: prototyping.title,
      count: 1,
      medianDaysInStage: 40,
    },
    { stage: 'operationalisation', title: operationalisation.title, count: 0 },
  ],
  complete: 1,
  entities: [
    {
      entityRef: 'mlusecase:default/churn-prevention',
      kind: 'MLUseCase',
      title: 'Churn prevention',
      currentStage: 'prototyping',
      complete: false,
      since: '2026-09-02T10:30:00Z',
      daysInStage: { strategy: 13.1, prototyping: 86 },
    },
    {
      entityRef: 'mlusecase:default/demand-forecast',
      kind: 'MLUseCase',
      title: 'Demand forecast',
      currentStage: 'strategy',
      complete: false,
      daysInStage: {},
    },
    {
      entityRef: 'mlusecase:default/fraud-scoring',
      kind: 'MLUseCase',
      title: 'Fraud scoring',
      currentStage: 'strategy',
      complete: false,
      daysInStage: {},
    },
    {
      entityRef: 'mlusecase:default/credit-limits',
      kind: 'MLUseCase',
      title: 'Credit limits',
      currentStage: 'operationalisation',
      complete: true,
      since: '2026-06-01T08:00:00Z',
      daysInStage: { strategy: 12, prototyping: 40, operationalisation: 61.5 },
    },
  ],
};
