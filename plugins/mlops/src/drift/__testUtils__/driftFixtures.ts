import type {
  DriftAlerts,
  DriftHealth,
  DriftSeries,
  FeatureHealth,
  MonitorHealth,
} from '@mlightenment/backstage-plugin-mlops-common';

const window = {
  referenceStart: '2026-09-01T00:00:00Z',
  referenceEnd: '2026-09-30T23:59:59Z',
  currentStart: '2026-11-26T00:00:00Z',
  currentEnd: '2026-11-26T23:59:59Z',
};

function recent(values: number[]): FeatureHealth['recent'] {
  return values.map((value, i) => ({
    at: new Date(Date.UTC(2026, 10, 20 + i)).toISOString(),
    value,
  }));
}

function feature(
  overrides: Partial<FeatureHealth> & Pick<FeatureHealth, 'name'>,
): FeatureHealth {
  return {
    type: 'numerical',
    statistic: 'psi',
    value: 0.02,
    thresholds: { warning: 0.1, alert: 0.25, direction: 'above', on: 'value' },
    state: 'healthy',
    observedAt: '2026-11-26T06:00:00Z',
    referenceRows: 48000,
    currentRows: 1650,
    window,
    recent: recent([0.01, 0.02, 0.02]),
    ...overrides,
  };
}

/**
 * The input drift of churn-gbm as the thresholds of the demo catalog judge
 * it: three of five features drifted, listed here in catalog order, not by
 * severity.
 */
export const churnInputDrift: MonitorHealth = {
  entityRef: 'mlmonitor:default/churn-gbm-input-drift',
  title: 'Churn GBM input drift',
  type: 'data-drift',
  state: 'alert',
  lastObservationAt: '2026-11-26T06:00:00Z',
  cadence: 'P1D',
  evaluatedAt: '2026-11-26T06:05:00Z',
  featureCount: 5,
  driftedFeatures: 3,
  driftedShare: 0.6,
  datasetDrift: true,
  features: [
    feature({
      name: 'tenure_months',
      value: 0.02,
      recent: recent([0.01, 0.03, 0.02]),
    }),
    feature({
      name: 'monthly_data_gb',
      statistic: 'wasserstein',
      value: 1.8,
      thresholds: { warning: 1.5, alert: 3, direction: 'above', on: 'value' },
      state: 'warning',
      recent: recent([0.9, 1.2, 1.8]),
    }),
    feature({
      name: 'care_contacts_30d',
      statistic: 'kolmogorov-smirnov',
      value: 0.31,
      pValue: 0.00002,
      thresholds: { warning: 0.1, alert: 0.2, direction: 'above', on: 'value' },
      state: 'alert',
      recent: recent([0.05, 0.12, 0.31]),
    }),
    feature({
      name: 'contract_type',
      type: 'categorical',
      statistic: 'jensen-shannon',
      value: 0.03,
      thresholds: {
        warning: 0.05,
        alert: 0.1,
        direction: 'above',
        on: 'value',
      },
      recent: recent([0.02, 0.03, 0.03]),
    }),
    feature({
      name: 'price_plan',
      type: 'categorical',
      statistic: 'chi-square',
      value: 72.4,
      pValue: 0.0004,
      thresholds: { warning: 30, alert: 60, direction: 'above', on: 'value' },
      state: 'alert',
      recent: recent([12, 40, 72.4]),
    }),
  ],
};

/** A performance monitor whose metric alerts when it falls below 0.7. */
export const churnPerformance: MonitorHealth = {
  entityRef: 'mlmonitor:default/churn-gbm-performance',
  title: 'Churn GBM performance',
  type: 'performance',
  state: 'warning',
  lastObservationAt: '2026-11-23T00:00:00Z',
  cadence: 'P7D',
  evaluatedAt: '2026-11-26T06:05:00Z',
  featureCount: 1,
  driftedFeatures: 1,
  driftedShare: 1,
  datasetDrift: true,
  features: [
    feature({
      name: 'recall',
      // A metric is not a feature of the data: declared without a type.
      type: undefined,
      statistic: 'metric',
      value: 0.72,
      thresholds: {
        warning: 0.75,
        alert: 0.7,
        direction: 'below',
        on: 'value',
      },
      state: 'warning',
      referenceRows: 5200,
      currentRows: 610,
      window: {
        referenceStart: '2026-08-01T00:00:00Z',
        referenceEnd: '2026-08-31T23:59:59Z',
        currentStart: '2026-11-16T00:00:00Z',
        currentEnd: '2026-11-22T23:59:59Z',
      },
      recent: recent([0.78, 0.76, 0.72]),
    }),
  ],
};

// A forecast bias in warning outside ±0.03 and in alert outside ±0.05.
const biasThresholds = {
  warning: [-0.03, 0.03] as [number, number],
  alert: [-0.05, 0.05] as [number, number],
  direction: 'outside' as const,
  on: 'value' as const,
};

/**
 * A performance monitor whose metric must stay inside a band, in warning
 * below it now.
 */
export const forecastBiasHealth: DriftHealth = {
  entityRef: 'mlmonitor:default/store-demand-bias',
  state: 'warning',
  evaluatedAt: '2026-11-26T06:05:00Z',
  monitors: [
    {
      entityRef: 'mlmonitor:default/store-demand-bias',
      title: 'Store demand bias',
      type: 'performance',
      state: 'warning',
      lastObservationAt: '2026-11-26T06:00:00Z',
      cadence: 'P1D',
      evaluatedAt: '2026-11-26T06:05:00Z',
      featureCount: 1,
      driftedFeatures: 0,
      driftedShare: 0,
      datasetDrift: false,
      features: [
        feature({
          name: 'forecast_bias',
          type: undefined,
          statistic: 'metric',
          value: -0.04,
          thresholds: biasThresholds,
          state: 'warning',
          recent: recent([0.01, 0.06, -0.04]),
        }),
      ],
    },
  ],
};

/** The forecast bias over its last days: above the band, inside, below. */
export const forecastBiasSeries: DriftSeries = {
  monitor: 'mlmonitor:default/store-demand-bias',
  days: 30,
  resolution: 'raw',
  features: [
    {
      name: 'forecast_bias',
      statistic: 'metric',
      thresholds: biasThresholds,
      points: [
        { at: '2026-11-24T06:00:00Z', value: 0.06, state: 'alert' },
        { at: '2026-11-25T06:00:00Z', value: 0.01, state: 'healthy' },
        { at: '2026-11-26T06:00:00Z', value: -0.04, state: 'warning' },
      ],
    },
  ],
};

/** churn-gbm: in alert through its input drift monitor. */
export const churnGbmDriftHealth: DriftHealth = {
  entityRef: 'mlmodel:default/churn-gbm',
  state: 'alert',
  evaluatedAt: '2026-11-26T06:05:00Z',
  monitors: [churnPerformance, churnInputDrift],
};

/** A monitor page: the input drift monitor alone. */
export const churnInputDriftHealth: DriftHealth = {
  entityRef: churnInputDrift.entityRef,
  state: 'alert',
  evaluatedAt: '2026-11-26T06:05:00Z',
  monitors: [churnInputDrift],
};

/** A model whose monitor has never received an observation. */
export const noObservationsHealth: DriftHealth = {
  entityRef: 'mlmodel:default/churn-gbm',
  state: 'no-data',
  monitors: [
    {
      ...churnInputDrift,
      state: 'no-data',
      lastObservationAt: undefined,
      evaluatedAt: undefined,
      driftedFeatures: 0,
      driftedShare: 0,
      datasetDrift: false,
      features: [],
    },
  ],
};

/** The use case of churn-gbm and churn-logit. */
export const churnUseCaseDriftHealth: DriftHealth = {
  entityRef: 'mlusecase:default/churn-prevention',
  state: 'alert',
  evaluatedAt: '2026-11-26T06:05:00Z',
  monitors: [],
  models: [
    {
      entityRef: 'mlmodel:default/churn-logit',
      title: 'Churn logit',
      state: 'healthy',
    },
    {
      entityRef: 'mlmodel:default/churn-gbm',
      title: 'Churn GBM',
      state: 'alert',
    },
  ],
};

/** The input drift monitor's last days. */
export const churnInputDriftSeries: DriftSeries = {
  monitor: 'mlmonitor:default/churn-gbm-drift',
  days: 30,
  resolution: 'raw',
  features: [
    {
      name: 'tenure_months',
      statistic: 'psi',
      thresholds: {
        warning: 0.1,
        alert: 0.25,
        direction: 'above',
        on: 'value',
      },
      points: [
        { at: '2026-11-24T06:00:00Z', value: 0.01, state: 'healthy' },
        { at: '2026-11-25T06:00:00Z', value: 0.03, state: 'healthy' },
        { at: '2026-11-26T06:00:00Z', value: 0.02, state: 'healthy' },
      ],
    },
    {
      name: 'care_contacts_30d',
      statistic: 'kolmogorov-smirnov',
      thresholds: { warning: 0.1, alert: 0.2, direction: 'above', on: 'value' },
      points: [
        { at: '2026-11-24T06:00:00Z', value: 0.05, state: 'healthy' },
        { at: '2026-11-25T06:00:00Z', value: 0.12, state: 'warning' },
        { at: '2026-11-26T06:00:00Z', value: 0.31, state: 'alert' },
      ],
    },
  ],
};

/** The organisation's drifting models, in no particular order. */
export const driftAlerts: DriftAlerts = {
  models: [
    {
      entityRef: 'mlmodel:default/store-demand-lightgbm',
      title: 'Store demand LightGBM',
      owner: 'group:default/forecasting',
      state: 'warning',
      since: '2026-11-25T06:05:00Z',
      monitors: [
        {
          entityRef: 'mlmonitor:default/store-demand-input-drift',
          state: 'warning',
        },
      ],
    },
    {
      entityRef: 'mlmodel:default/customer-segmentation-kmeans',
      title: 'Customer segmentation k-means',
      owner: 'group:default/customer-analytics',
      state: 'stale',
      since: '2026-11-20T00:00:00Z',
      monitors: [
        {
          entityRef: 'mlmonitor:default/customer-segmentation-drift',
          state: 'stale',
        },
      ],
    },
    {
      entityRef: 'mlmodel:default/churn-gbm',
      title: 'Churn GBM',
      owner: 'group:default/retention-analytics',
      state: 'alert',
      since: '2026-11-26T06:05:00Z',
      monitors: [
        {
          entityRef: 'mlmonitor:default/churn-gbm-input-drift',
          state: 'alert',
        },
        {
          entityRef: 'mlmonitor:default/churn-gbm-performance',
          state: 'warning',
        },
      ],
    },
  ],
};
