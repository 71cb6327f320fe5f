import type {
  MLModelEntityV1alpha1,
  MLMonitorEntityV1alpha1,
  MLUseCaseEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';

/**
 * A use case as the catalog serves it: spec plus the relations the catalog
 * module emits.
 */
export const churnUseCase: MLUseCaseEntityV1alpha1 = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLUseCase',
  metadata: { name: 'churn-prevention', namespace: 'default' },
  spec: {
    owner: 'group:retention-analytics',
    sponsor: 'user:ada',
    lifecycle: 'production',
    problemStatement: 'Subscribers **leave** without warning.',
    businessDrivers: [
      {
        driver: 'Reduce churn',
        kpi: 'monthly-churn-rate',
        baseline: 2.4,
        target: 1.8,
        unit: '%',
      },
    ],
    acceptanceCriteria: [
      { metric: 'recall', operator: '>=', threshold: 0.7, category: 'model' },
      { metric: 'auc', operator: '>=', threshold: 0.85, category: 'model' },
      {
        metric: 'p95-latency-ms',
        operator: '<=',
        threshold: 200,
        category: 'operational',
      },
    ],
    explainability: {
      required: true,
      audience: 'retention agents',
      approach: 'SHAP',
    },
    operationalRequirements: {
      functional: ['Score every subscriber nightly'],
      nonFunctional: ['p95 latency under 200 ms'],
    },
    risk: {
      tier: 'limited',
      personalData: true,
      ethicalConsiderations: ['No pricing decisions from the score'],
    },
    governance: { reviewCadence: 'P3M', policies: ['model-risk-policy'] },
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/retention-analytics' },
    { type: 'sponsoredBy', targetRef: 'user:default/ada' },
    { type: 'useCaseImplementedBy', targetRef: 'mlmodel:default/churn-gbm' },
    { type: 'useCaseImplementedBy', targetRef: 'mlmodel:default/churn-logit' },
  ],
};

/** A model that meets recall and AUC but declares no latency metric. */
export const churnGbm: MLModelEntityV1alpha1 = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn-gbm', namespace: 'default' },
  spec: {
    owner: 'group:retention-analytics',
    useCase: 'churn-prevention',
    lifecycle: 'production',
    type: 'classification',
    framework: 'xgboost',
    version: '3.2.0',
    metrics: [
      { name: 'recall', value: 0.74, dataset: 'holdout-2026-09' },
      { name: 'auc', value: 0.88 },
      { name: 'precision', value: 0.61 },
    ],
    fairness: [
      {
        attribute: 'age-band',
        metric: 'demographic-parity-difference',
        value: 0.04,
        operator: '<=',
        threshold: 0.1,
      },
      {
        attribute: 'gender',
        metric: 'disparate-impact-ratio',
        value: 0.72,
        operator: '>=',
        threshold: 0.8,
      },
      {
        attribute: 'region',
        metric: 'equal-opportunity-difference',
        value: 0.02,
      },
    ],
    modelCard: {
      overview: 'Gradient-boosted trees over **subscriber events**.',
      intendedUse: 'Rank subscribers for retention offers.',
      trainingData: '24 months of subscriber events.',
      evaluationData: 'Holdout of September 2026.',
      limitations: 'Unreliable for subscribers younger than 30 days.',
      ethicalConsiderations: 'Age is used only for fairness testing.',
    },
    dependsOn: ['resource:subscriber-events'],
    servedBy: ['component:churn-scoring-service'],
    registry: {
      type: 'mlflow',
      uri: 'models:/churn-gbm/7',
      url: 'https://mlflow.example.com/#/models/churn-gbm/versions/7',
    },
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/retention-analytics' },
    {
      type: 'implementsUseCase',
      targetRef: 'mlusecase:default/churn-prevention',
    },
    { type: 'dependsOn', targetRef: 'resource:default/subscriber-events' },
    { type: 'servedBy', targetRef: 'component:default/churn-scoring-service' },
    {
      type: 'modelMonitoredBy',
      targetRef: 'mlmonitor:default/churn-gbm-drift',
    },
  ],
};

/** A model that fails the recall criterion. */
export const churnLogit: MLModelEntityV1alpha1 = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn-logit', namespace: 'default' },
  spec: {
    owner: 'group:retention-analytics',
    useCase: 'churn-prevention',
    lifecycle: 'experimental',
    type: 'classification',
    metrics: [
      { name: 'recall', value: 0.52 },
      { name: 'auc', value: 0.9 },
      { name: 'p95-latency-ms', value: 40 },
    ],
  },
  relations: [
    {
      type: 'implementsUseCase',
      targetRef: 'mlusecase:default/churn-prevention',
    },
  ],
};

/** A data-drift monitor of `churnGbm`. */
export const churnDriftMonitor: MLMonitorEntityV1alpha1 = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLMonitor',
  metadata: { name: 'churn-gbm-drift', namespace: 'default' },
  spec: {
    owner: 'group:retention-analytics',
    model: 'churn-gbm',
    type: 'data-drift',
    cadence: 'P1D',
    features: [
      {
        name: 'tenure-months',
        type: 'numerical',
        statistic: 'kolmogorov-smirnov',
        warning: 0.1,
        alert: 0.2,
      },
      {
        name: 'plan',
        type: 'categorical',
        statistic: 'chi-square',
        warning: 0.15,
        alert: 0.3,
      },
    ],
    alerting: {
      notify: ['group:retention-analytics'],
      channels: [{ type: 'slack', target: '#churn-alerts' }],
    },
    runbook: 'https://runbooks.example.com/churn-drift',
  },
  relations: [
    { type: 'monitorsModel', targetRef: 'mlmodel:default/churn-gbm' },
    { type: 'alerts', targetRef: 'group:default/retention-analytics' },
  ],
};

/** An entity of a core kind, which no MLightenment card should match. */
export const scoringService = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'churn-scoring-service', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'retention-analytics',
  },
};
