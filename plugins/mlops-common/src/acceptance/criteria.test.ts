import type {
  MLModelEntityV1alpha1,
  MLUseCaseEntityV1alpha1,
} from '../kinds/types';
import { evaluateModelAcceptance, evaluateUseCaseAcceptance } from './criteria';
import { compare } from './compare';
import { evaluateCriteria } from './criteria';

function model(
  name: string,
  metrics: Record<string, number>,
): MLModelEntityV1alpha1 {
  return {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name },
    spec: {
      owner: 'group:retention-analytics',
      useCase: 'churn-prevention',
      lifecycle: 'production',
      type: 'classification',
      metrics: Object.entries(metrics).map(([n, value]) => ({
        name: n,
        value,
      })),
    },
  };
}

const useCase: MLUseCaseEntityV1alpha1 = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLUseCase',
  metadata: { name: 'churn-prevention' },
  spec: {
    owner: 'group:retention-analytics',
    lifecycle: 'production',
    acceptanceCriteria: [
      { metric: 'recall', operator: '>=', threshold: 0.7 },
      {
        metric: 'p95-latency-ms',
        operator: '<=',
        threshold: 120,
        category: 'operational',
      },
    ],
  },
};

describe('compare', () => {
  it.each([
    [0.7, '>=', 0.7, true],
    [0.7, '>', 0.7, false],
    [120, '<=', 120, true],
    [121, '<', 120, false],
    [1, '==', 1, true],
  ] as const)('%s %s %s is %s', (value, operator, threshold, expected) => {
    expect(compare(value, operator, threshold)).toBe(expected);
  });
});

describe('evaluateModelAcceptance', () => {
  it('passes a model that meets every criterion', () => {
    const result = evaluateModelAcceptance(
      useCase.spec.acceptanceCriteria!,
      model('churn-gbm', { recall: 0.76, 'p95-latency-ms': 84 }),
    );
    expect(result.model).toBe('mlmodel:default/churn-gbm');
    expect(
      result.results.map(r => [r.criterion.metric, r.value, r.outcome]),
    ).toEqual([
      ['recall', 0.76, 'passed'],
      ['p95-latency-ms', 84, 'passed'],
    ]);
    expect(result.outcome).toBe('passed');
  });

  it('fails a model when any criterion fails, even if another is not reported', () => {
    const result = evaluateModelAcceptance(
      useCase.spec.acceptanceCriteria!,
      model('churn-logit', { recall: 0.63 }),
    );
    expect(result.results.map(r => r.outcome)).toEqual([
      'failed',
      'not-reported',
    ]);
    expect(result.outcome).toBe('failed');
  });

  it('reports not-reported, not failed, when the model declares no value for a criterion', () => {
    const result = evaluateModelAcceptance(
      useCase.spec.acceptanceCriteria!,
      model('prototype', { recall: 0.8 }),
    );
    expect(result.results[1]).toEqual({
      criterion: useCase.spec.acceptanceCriteria![1],
      outcome: 'not-reported',
    });
    expect(result.outcome).toBe('not-reported');
  });
});

describe('evaluateCriteria', () => {
  it('checks criteria against any metric list, such as stored observations', () => {
    const results = evaluateCriteria(useCase.spec.acceptanceCriteria!, [
      { name: 'p95-latency-ms', value: 130 },
    ]);
    expect(results.map(r => [r.criterion.metric, r.value, r.outcome])).toEqual([
      ['recall', undefined, 'not-reported'],
      ['p95-latency-ms', 130, 'failed'],
    ]);
  });

  it('uses the first value when a metric name repeats', () => {
    const [result] = evaluateCriteria(
      [{ metric: 'recall', operator: '>=', threshold: 0.7 }],
      [
        { name: 'recall', value: 0.71 },
        { name: 'recall', value: 0.5 },
      ],
    );
    expect(result).toMatchObject({ value: 0.71, outcome: 'passed' });
  });
});

describe('evaluateUseCaseAcceptance', () => {
  it("checks the use case's criteria against each of its models", () => {
    const results = evaluateUseCaseAcceptance(useCase, [
      model('a', { recall: 0.9, 'p95-latency-ms': 50 }),
      model('b', { recall: 0.5, 'p95-latency-ms': 50 }),
    ]);
    expect(results.map(r => [r.model, r.outcome])).toEqual([
      ['mlmodel:default/a', 'passed'],
      ['mlmodel:default/b', 'failed'],
    ]);
  });
});
