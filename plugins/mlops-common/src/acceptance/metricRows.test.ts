import type {
  AcceptanceCriterion,
  MLModelEntityV1alpha1,
} from '../kinds/types';
import { metricRows } from './criteria';

const criteria: AcceptanceCriterion[] = [
  { metric: 'recall', operator: '>=', threshold: 0.7 },
  { metric: 'auc', operator: '>=', threshold: 0.85 },
  { metric: 'p95-latency-ms', operator: '<=', threshold: 200 },
];

function model(
  metrics: NonNullable<MLModelEntityV1alpha1['spec']['metrics']>,
): MLModelEntityV1alpha1 {
  return {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'churn-gbm' },
    spec: {
      owner: 'group:retention-analytics',
      useCase: 'churn-prevention',
      lifecycle: 'production',
      type: 'classification',
      metrics,
    },
  };
}

const churnGbm = model([
  { name: 'recall', value: 0.74, dataset: 'holdout-2026-09' },
  { name: 'auc', value: 0.88 },
  { name: 'precision', value: 0.61 },
]);

describe('metricRows', () => {
  it('puts each metric beside the criterion that bounds it', () => {
    expect(
      metricRows(
        model([
          { name: 'recall', value: 0.52 },
          { name: 'auc', value: 0.9 },
          { name: 'p95-latency-ms', value: 40 },
        ]),
        criteria,
      ),
    ).toEqual([
      {
        metric: 'recall',
        value: 0.52,
        dataset: undefined,
        criterion: criteria[0],
        outcome: 'failed',
      },
      {
        metric: 'auc',
        value: 0.9,
        dataset: undefined,
        criterion: criteria[1],
        outcome: 'passed',
      },
      {
        metric: 'p95-latency-ms',
        value: 40,
        dataset: undefined,
        criterion: criteria[2],
        outcome: 'passed',
      },
    ]);
  });

  it('marks metrics no criterion bounds as not applicable and lists criteria without a metric as not reported', () => {
    const rows = metricRows(churnGbm, criteria);
    expect(rows.map(r => [r.metric, r.value, r.dataset, r.outcome])).toEqual([
      ['recall', 0.74, 'holdout-2026-09', 'passed'],
      ['auc', 0.88, undefined, 'passed'],
      ['precision', 0.61, undefined, 'not-applicable'],
      ['p95-latency-ms', undefined, undefined, 'not-reported'],
    ]);
  });

  it('shows one row per criterion when several criteria bound the same metric (a band)', () => {
    const rows = metricRows(churnGbm, [
      { metric: 'recall', operator: '>=', threshold: 0.7 },
      { metric: 'recall', operator: '<=', threshold: 0.73 },
    ]);
    expect(rows.filter(r => r.metric === 'recall').map(r => r.outcome)).toEqual(
      ['passed', 'failed'],
    );
  });

  it('lists the metrics alone when the use case has no criteria', () => {
    expect(metricRows(churnGbm, []).map(r => r.outcome)).toEqual([
      'not-applicable',
      'not-applicable',
      'not-applicable',
    ]);
  });
});
