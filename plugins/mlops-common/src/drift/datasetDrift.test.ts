import { datasetDrift } from './datasetDrift';

describe('datasetDrift', () => {
  const verdicts = (...drifted: boolean[]) =>
    drifted.map(d => ({ drifted: d }));

  it('says the dataset drifted when at least half of its features did', () => {
    expect(datasetDrift(verdicts(true, false))).toEqual({
      drifted: true,
      driftedFeatures: 1,
      features: 2,
      share: 0.5,
    });
    expect(datasetDrift(verdicts(true, false, false)).drifted).toBe(false);
  });

  it('takes another share when given', () => {
    expect(
      datasetDrift(verdicts(true, false, false), { share: 0.3 }).drifted,
    ).toBe(true);
  });

  it('rejects no features or a share outside (0, 1]', () => {
    expect(() => datasetDrift([])).toThrow(
      new RangeError(
        'results is empty; dataset drift needs at least one feature',
      ),
    );
    expect(() => datasetDrift(verdicts(true), { share: 0 })).toThrow(
      'options.share is 0',
    );
  });
});
