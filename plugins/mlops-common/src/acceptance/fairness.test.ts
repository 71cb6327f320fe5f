import { evaluateFairness } from './fairness';

describe('evaluateFairness', () => {
  it('compares with <= unless the result says otherwise', () => {
    expect(
      evaluateFairness({
        attribute: 'age',
        metric: 'dpd',
        value: 0.04,
        threshold: 0.1,
      }),
    ).toBe('passed');
    expect(
      evaluateFairness({
        attribute: 'age',
        metric: 'dpd',
        value: 0.14,
        threshold: 0.1,
      }),
    ).toBe('failed');
    expect(
      evaluateFairness({
        attribute: 'gender',
        metric: 'dir',
        value: 0.75,
        operator: '>=',
        threshold: 0.8,
      }),
    ).toBe('failed');
  });

  it('is not applicable (informational) without a threshold', () => {
    expect(
      evaluateFairness({ attribute: 'region', metric: 'eod', value: 0.03 }),
    ).toBe('not-applicable');
  });
});
