import type { MLMonitorEntityV1alpha1 } from '@mlightenment/backstage-plugin-mlops-common';

/** churn-gbm's tenure_months, compared by PSI: warning at 0.1, alert at 0.25. */
export const TENURE_PSI = {
  name: 'tenure_months',
  type: 'numerical',
  statistic: 'psi',
  warning: 0.1,
  alert: 0.25,
};

/** churn-gbm's care_contacts_30d, by the KS test's p-value: warning below 0.05, alert below 0.01. */
export const CARE_CONTACTS_KS = {
  name: 'care_contacts_30d',
  type: 'numerical',
  statistic: 'kolmogorov-smirnov',
  direction: 'below',
  warning: 0.05,
  alert: 0.01,
};

/** Churn prevention's monthly churn rate: from 2.8 % down to 2.2 %. */
export const CHURN_RATE_DRIVER = {
  driver: 'Keep subscribers',
  kpi: 'Monthly churn rate',
  id: 'churn-rate',
  baseline: 2.8,
  target: 2.2,
  unit: '%',
  cadence: 'P1M',
};

/** Churn prevention's monthly retention revenue: from 100 up to 150. */
export const RETENTION_REVENUE_DRIVER = {
  driver: 'Grow revenue',
  kpi: 'Retention revenue',
  id: 'revenue',
  baseline: 100,
  target: 150,
  cadence: 'P1M',
};

/**
 * The monitor churn-gbm-input-drift: daily, of churn-gbm, owned by
 * ml-platform, watching `features` (tenure_months' PSI unless given), with
 * the further `spec` fields (alerting, source, runbook) a test needs; with
 * a title and the ownedBy relation the catalog adds when asked for.
 */
export function churnInputDrift(
  options: {
    features?: object[];
    spec?: object;
    title?: boolean;
    ownedBy?: boolean;
  } = {},
): MLMonitorEntityV1alpha1 {
  return {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLMonitor',
    metadata: {
      name: 'churn-gbm-input-drift',
      namespace: 'default',
      ...(options.title ? { title: 'Churn GBM input drift' } : {}),
    },
    spec: {
      owner: 'group:default/ml-platform',
      model: 'mlmodel:default/churn-gbm',
      type: 'data-drift',
      cadence: 'P1D',
      features: options.features ?? [TENURE_PSI],
      ...options.spec,
    },
    ...(options.ownedBy
      ? {
          relations: [
            { type: 'ownedBy', targetRef: 'group:default/ml-platform' },
          ],
        }
      : {}),
  } as MLMonitorEntityV1alpha1;
}
