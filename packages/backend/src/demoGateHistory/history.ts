import type { FrameworkStageId } from '@mlightenment/backstage-plugin-mlops-common';

interface At {
  daysAgo: number;
  /** The hour of that day, UTC. */
  hour: number;
}

/**
 * One step of an entity's demo history, some days before the seeding: an
 * attestation of every criterion of the stage that the catalog cannot know
 * (`attest`), an approval for one sign-off (`approve`: `sponsor`, `owner` or
 * a group reference), or the change of the entity's facts from its trail's
 * `earlierSpec` to its current ones (`factsChanged`), which invalidates the
 * decisions taken on the earlier facts, as the plugin does.
 */
export type DemoGateStep = At &
  (
    | {
        stage: FrameworkStageId;
        /** The user (a name in catalog/org.yaml) who acted. */
        by: string;
        comment: string;
        attest: true;
      }
    | {
        stage: FrameworkStageId;
        by: string;
        comment: string;
        approve: string;
      }
    | {
        /** What changed, for the reader of this file. */
        factsChanged: string;
      }
  );

/** The history of one use case or model, oldest first. */
export interface DemoGateTrail {
  entityRef: string;
  /**
   * The spec fields that were different until a `factsChanged` step; the
   * steps before it rest on those facts.
   */
  earlierSpec?: Record<string, unknown>;
  steps: readonly DemoGateStep[];
}

const OPERATIONS = 'group:default/platform-operations';

/**
 * The eleven months before the demo opens, counted back from its start, as
 * the demo tells them (catalog/stage-gates.yaml,
 * docs/stage-gates.md#the-demo): churn prevention through all three gates
 * from January to March, with churn-gbm 3.0.0, which went to production
 * then; churn-gbm 3.2.0 replacing it in October, which invalidated the
 * model's approvals until it was reviewed afresh; contract renewal offers
 * through stage 2 eight weeks ago; network fault prediction in review at
 * stage 1 for a month; next best offer ready for review for twelve days.
 * Roaming fraud screening is not here: scripts/demo-gates.mjs records it
 * today, through the API, with its invalidation.
 */
export const DEMO_GATE_HISTORY: readonly DemoGateTrail[] = [
  {
    entityRef: 'mlusecase:default/churn-prevention',
    steps: [
      {
        daysAgo: 330,
        hour: 9,
        stage: 'strategy',
        by: 'ana-kovac',
        attest: true,
        comment: 'Requirements agreed with the save desk and IT operations.',
      },
      {
        daysAgo: 323,
        hour: 14,
        stage: 'strategy',
        by: 'maria-silva',
        approve: 'sponsor',
        comment:
          'The business case and the acceptance criteria are what Retention Marketing needs.',
      },
      {
        daysAgo: 322,
        hour: 10,
        stage: 'strategy',
        by: 'ana-kovac',
        approve: 'owner',
        comment: 'Requirements agreed with the save desk and IT operations.',
      },
      {
        daysAgo: 305,
        hour: 11,
        stage: 'prototyping',
        by: 'tomas-novak',
        attest: true,
        comment:
          'Exploration, features, build, tests and the privacy review documented.',
      },
      {
        daysAgo: 290,
        hour: 16,
        stage: 'prototyping',
        by: 'ana-kovac',
        approve: 'owner',
        comment: 'churn-gbm meets every criterion on the hold-out set.',
      },
      {
        daysAgo: 288,
        hour: 9,
        stage: 'prototyping',
        by: 'maria-silva',
        approve: 'sponsor',
        comment: 'Reviewed the model card and the fairness results with Legal.',
      },
      {
        daysAgo: 272,
        hour: 13,
        stage: 'operationalisation',
        by: 'ana-kovac',
        attest: true,
        comment: 'Drift alerts routed; operations trained on the runbooks.',
      },
      {
        daysAgo: 268,
        hour: 15,
        stage: 'operationalisation',
        by: 'ana-kovac',
        approve: 'owner',
        comment:
          'Served behind the retention console with monitors and runbooks.',
      },
      {
        daysAgo: 267,
        hour: 10,
        stage: 'operationalisation',
        by: 'pieter-de-vries',
        approve: OPERATIONS,
        comment: 'Operations took over the on-call; runbooks walked through.',
      },
    ],
  },
  {
    entityRef: 'mlmodel:default/churn-gbm',
    // Version 3.0.0 went to production in March; 3.2.0, retrained on data up
    // to June and evaluated on the third quarter, replaced it in October.
    earlierSpec: {
      version: '3.0.0',
      metrics: [
        { name: 'recall', value: 0.74, dataset: 'holdout-2025-q4' },
        { name: 'precision', value: 0.55, dataset: 'holdout-2025-q4' },
        { name: 'auc', value: 0.85, dataset: 'holdout-2025-q4' },
        { name: 'p95-latency-ms', value: 91, dataset: 'load-test-2026-02' },
      ],
      registry: {
        type: 'mlflow',
        uri: 'models:/churn-gbm/5',
        url: 'https://mlflow.northwind-telecom.example.com/#/models/churn-gbm/versions/5',
      },
    },
    steps: [
      {
        daysAgo: 318,
        hour: 10,
        stage: 'strategy',
        by: 'tomas-novak',
        attest: true,
        comment:
          'The model answers the use case’s criteria; explainability and ethics reviews planned.',
      },
      {
        daysAgo: 313,
        hour: 15,
        stage: 'strategy',
        by: 'maria-silva',
        approve: 'sponsor',
        comment: 'Gradient-boosted trees over subscriber events: agreed.',
      },
      {
        daysAgo: 312,
        hour: 9,
        stage: 'strategy',
        by: 'ana-kovac',
        approve: 'owner',
        comment: 'The approach fits the acceptance criteria.',
      },
      {
        daysAgo: 296,
        hour: 11,
        stage: 'prototyping',
        by: 'tomas-novak',
        attest: true,
        comment: 'EDA, feature pipeline and the DPIA are on the wiki.',
      },
      {
        daysAgo: 286,
        hour: 14,
        stage: 'prototyping',
        by: 'ana-kovac',
        approve: 'owner',
        comment: 'Recall 0.74, AUC 0.85, fairness within bounds; registered.',
      },
      {
        daysAgo: 284,
        hour: 10,
        stage: 'prototyping',
        by: 'maria-silva',
        approve: 'sponsor',
        comment: 'The model card reads well for the save desk.',
      },
      {
        daysAgo: 274,
        hour: 16,
        stage: 'operationalisation',
        by: 'ana-kovac',
        attest: true,
        comment: 'Knowledge transfer to Platform Operations done.',
      },
      {
        daysAgo: 270,
        hour: 11,
        stage: 'operationalisation',
        by: 'ana-kovac',
        approve: 'owner',
        comment: 'Served by churn-scoring-service through CI, two monitors.',
      },
      {
        daysAgo: 269,
        hour: 9,
        stage: 'operationalisation',
        by: 'ines-garcia',
        approve: OPERATIONS,
        comment: 'Alerts reach the on-call; the runbook works.',
      },
      {
        daysAgo: 49,
        hour: 8,
        factsChanged:
          'Version 3.2.0 registered with its third-quarter metrics: the approvals of 3.0.0 lapse.',
      },
      {
        daysAgo: 46,
        hour: 14,
        stage: 'strategy',
        by: 'maria-silva',
        approve: 'sponsor',
        comment: 'Same use, same horizon; the retrained model may go ahead.',
      },
      {
        daysAgo: 45,
        hour: 10,
        stage: 'strategy',
        by: 'ana-kovac',
        approve: 'owner',
        comment: 'Nothing in the strategy changed with the retraining.',
      },
      {
        daysAgo: 41,
        hour: 15,
        stage: 'prototyping',
        by: 'ana-kovac',
        approve: 'owner',
        comment:
          'Recall 0.76, AUC 0.86 on the third quarter; fairness re-checked.',
      },
      {
        daysAgo: 40,
        hour: 11,
        stage: 'prototyping',
        by: 'maria-silva',
        approve: 'sponsor',
        comment: 'Better recall at the same precision: approved.',
      },
      {
        daysAgo: 36,
        hour: 13,
        stage: 'operationalisation',
        by: 'ana-kovac',
        approve: 'owner',
        comment: 'Canary at 10% for a week, then the full switch; p95 84 ms.',
      },
      {
        daysAgo: 35,
        hour: 9,
        stage: 'operationalisation',
        by: 'ines-garcia',
        approve: OPERATIONS,
        comment: 'Rollback to version 5 rehearsed; runbook updated.',
      },
    ],
  },
  {
    entityRef: 'mlusecase:default/contract-renewal-offers',
    steps: [
      {
        daysAgo: 124,
        hour: 10,
        stage: 'strategy',
        by: 'priya-nair',
        attest: true,
        comment: 'Data and requirements are in place.',
      },
      {
        daysAgo: 117,
        hour: 15,
        stage: 'strategy',
        by: 'sofia-romano',
        approve: 'sponsor',
        comment: 'Worth a pilot on the March renewals.',
      },
      {
        daysAgo: 116,
        hour: 9,
        stage: 'strategy',
        by: 'priya-nair',
        approve: 'owner',
        comment: 'Data and requirements are in place.',
      },
      {
        daysAgo: 72,
        hour: 13,
        stage: 'prototyping',
        by: 'priya-nair',
        attest: true,
        comment: 'Prototype documented; the privacy review is signed.',
      },
      {
        daysAgo: 57,
        hour: 11,
        stage: 'prototyping',
        by: 'priya-nair',
        approve: 'owner',
        comment:
          'The recommender beats the plan-fit bar on the first half of 2026.',
      },
      {
        daysAgo: 55,
        hour: 16,
        stage: 'prototyping',
        by: 'sofia-romano',
        approve: 'sponsor',
        comment: 'Go for engineering; letters from April.',
      },
    ],
  },
  {
    entityRef: 'mlusecase:default/network-fault-prediction',
    steps: [
      {
        daysAgo: 33,
        hour: 10,
        stage: 'strategy',
        by: 'david-okafor',
        attest: true,
        comment: 'Operational requirements agreed with the NOC.',
      },
      {
        daysAgo: 26,
        hour: 14,
        stage: 'strategy',
        by: 'henrik-larsen',
        approve: 'sponsor',
        comment: 'Outage minutes are a board KPI; go ahead.',
      },
    ],
  },
  {
    entityRef: 'mlusecase:default/next-best-offer',
    steps: [
      {
        daysAgo: 12,
        hour: 11,
        stage: 'strategy',
        by: 'tomas-novak',
        attest: true,
        comment: 'Requirements agreed with the save desk.',
      },
    ],
  },
];
