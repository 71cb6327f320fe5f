import type { SponsorHome } from '@mlightenment/backstage-plugin-mlops-common';
import { churnSummary, offerSummary } from './valueOverviewFixtures';

/**
 * Ada's home: she sponsors churn prevention and next best offer; two gates
 * wait for her, three check-ins are due, and one KPI is at risk.
 */
export const adaHome: SponsorHome = {
  userRef: 'user:default/ada',
  useCases: [offerSummary, churnSummary],
  awaitingSignOff: [
    {
      entityRef: 'mlusecase:default/churn-prevention',
      title: 'Churn prevention',
      stage: 'strategy',
      stageTitle: 'Stage 1 · Strategy',
      role: 'sponsor',
      since: '2026-11-02T09:30:00.000Z',
    },
    {
      entityRef: 'mlmodel:default/nbo-ranker',
      title: 'Next best offer ranker',
      stage: 'operationalisation',
      stageTitle: 'Stage 3 · Operationalisation',
      role: 'group:default/model-risk',
    },
  ],
  checkInsDue: [
    {
      entityRef: 'mlusecase:default/next-best-offer',
      title: 'Next best offer',
      kpiId: 'complaint-rate',
      kpi: 'Complaint rate',
      state: 'overdue',
      dueOn: '2026-04-01',
    },
    {
      entityRef: 'mlusecase:default/churn-prevention',
      title: 'Churn prevention',
      kpiId: 'monthly-churn-rate',
      kpi: 'Monthly churn rate',
      state: 'due',
      dueOn: '2026-05-01',
    },
    {
      entityRef: 'mlusecase:default/churn-prevention',
      title: 'Churn prevention',
      kpiId: 'offer-uptake',
      kpi: 'Retention offer uptake',
      state: 'no-data',
    },
  ],
  valueAtRisk: [
    {
      entityRef: 'mlusecase:default/next-best-offer',
      title: 'Next best offer',
      kpiId: 'complaint-rate',
      kpi: 'Complaint rate',
      status: 'off-track',
      progress: -0.25,
      reasons: [
        'Next best offer ranker is in drift alert',
        "mlmodel:default/nbo-ranker fails the use case's acceptance criteria",
      ],
    },
  ],
};

/** Someone who sponsors nothing and has nothing waiting. */
export const emptyHome: SponsorHome = {
  userRef: 'user:default/grace',
  useCases: [],
  awaitingSignOff: [],
  checkInsDue: [],
  valueAtRisk: [],
};

/** The guest of a development app: a user token, but nobody's home. */
export const guestHome: SponsorHome = {
  ...emptyHome,
  userRef: 'user:development/guest',
};
