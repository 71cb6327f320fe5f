import type { DriftSourceStatus } from '@mlightenment/backstage-plugin-mlops-common';

/**
 * The bindings of churn-gbm-drift to Prometheus: tenure-months imported
 * with one NaN skipped, plan refused by Prometheus (it imported before),
 * a third query answered without samples.
 */
export const churnSourceStatus: DriftSourceStatus = {
  monitor: 'mlmonitor:default/churn-gbm-drift',
  bindings: [
    {
      source: 'prometheus',
      binding: 'plan',
      description:
        'instance "production": max(churn_feature_chi2_p{feature="plan"}',
      state: 'failed',
      lastPullAt: '2026-12-09T10:15:00.000Z',
      pulledThrough: '2026-12-08T23:00:00.000Z',
      imported: 0,
      skipped: 0,
      totalImported: 1250,
      lastError: {
        at: '2026-12-09T10:15:00.000Z',
        message:
          'Prometheus instance "production" refused the query: bad_data: invalid parameter "query": 1:39: parse error: unclosed left parenthesis',
      },
    },
    {
      source: 'prometheus',
      binding: 'segment_mix',
      description: 'instance "production": churn_segment_psi',
      state: 'no-data',
      lastPullAt: '2026-12-09T10:15:00.000Z',
      pulledThrough: '2026-12-09T10:00:00.000Z',
      imported: 0,
      skipped: 0,
      totalImported: 0,
    },
    {
      source: 'prometheus',
      binding: 'tenure-months',
      description:
        'instance "production": max(churn_feature_ks_p_value{feature="tenure_months"})',
      state: 'ok',
      lastPullAt: '2026-12-09T10:15:00.000Z',
      pulledThrough: '2026-12-09T10:00:00.000Z',
      imported: 4,
      skipped: 1,
      totalImported: 1254,
      lastError: {
        at: '2026-12-07T08:00:00.000Z',
        message:
          'Prometheus instance "production" did not answer after 3 attempts: no answer within 30000 ms',
      },
    },
  ],
};
