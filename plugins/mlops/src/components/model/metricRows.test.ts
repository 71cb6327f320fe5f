import {
  churnGbm,
  churnLogit,
  churnUseCase,
} from '../../__testUtils__/fixtures';
import { metricRows } from './metricRows';

const criteria = churnUseCase.spec.acceptanceCriteria!;

describe('metricRows', () => {
  it('puts each metric beside the criterion that applies to it', () => {
    expect(metricRows(churnLogit, criteria)).toEqual([
      {
        metric: 'recall',
        value: 0.52,
        dataset: undefined,
        criterion: criteria[0],
        outcome: 'fail',
      },
      {
        metric: 'auc',
        value: 0.9,
        dataset: undefined,
        criterion: criteria[1],
        outcome: 'pass',
      },
      {
        metric: 'p95-latency-ms',
        value: 40,
        dataset: undefined,
        criterion: criteria[2],
        outcome: 'pass',
      },
    ]);
  });

  it('marks metrics no criterion mentions as informational and lists criteria without a metric as missing', () => {
    const rows = metricRows(churnGbm, criteria);
    expect(rows.map(r => [r.metric, r.value, r.outcome])).toEqual([
      ['recall', 0.74, 'pass'],
      ['auc', 0.88, 'pass'],
      ['precision', 0.61, 'informational'],
      ['p95-latency-ms', undefined, 'missing'],
    ]);
  });

  it('shows one row per criterion when several criteria check the same metric', () => {
    const rows = metricRows(churnGbm, [
      { metric: 'recall', operator: '>=', threshold: 0.7 },
      { metric: 'recall', operator: '<=', threshold: 0.73 },
    ]);
    expect(rows.filter(r => r.metric === 'recall').map(r => r.outcome)).toEqual(
      ['pass', 'fail'],
    );
  });

  it('lists the metrics alone when the use case has no criteria', () => {
    expect(metricRows(churnGbm, []).map(r => r.outcome)).toEqual([
      'informational',
      'informational',
      'informational',
    ]);
  });
});
