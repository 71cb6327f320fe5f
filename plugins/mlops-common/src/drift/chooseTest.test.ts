import { chiSquareGoodnessOfFit } from './chiSquare';
import {
  chooseDriftTest,
  datasetDrift,
  featureDrift,
  normedWassersteinDistance,
} from './chooseTest';
import { jensenShannonDistance } from './jensenShannon';
import { ksTwoSample } from './ks';
import { wassersteinDistance } from './wasserstein';

/** A deterministic spread of n values over [offset, offset + 1). */
function spread(n: number, offset = 0): number[] {
  return Array.from({ length: n }, (_, i) => offset + ((i * 0.618034) % 1));
}

describe('chooseDriftTest', () => {
  it('picks KS for a numerical and chi-square for a categorical feature with up to 1,000 reference rows, drift at p < 0.05', () => {
    expect(chooseDriftTest('numerical', 1000)).toEqual({
      test: 'ks',
      scoreKind: 'p-value',
      threshold: 0.05,
    });
    expect(chooseDriftTest('categorical', 1)).toEqual({
      test: 'chi-square',
      scoreKind: 'p-value',
      threshold: 0.05,
    });
  });

  it('picks normed Wasserstein and Jensen–Shannon above 1,000 reference rows, drift at a distance of 0.1', () => {
    expect(chooseDriftTest('numerical', 1001)).toEqual({
      test: 'wasserstein-normed',
      scoreKind: 'distance',
      threshold: 0.1,
    });
    expect(chooseDriftTest('categorical', 1001)).toEqual({
      test: 'jensen-shannon',
      scoreKind: 'distance',
      threshold: 0.1,
    });
  });

  it('rejects an unknown kind or a row count that is not a positive integer', () => {
    expect(() => chooseDriftTest('text' as 'numerical', 10)).toThrow(TypeError);
    expect(() => chooseDriftTest('numerical', 0)).toThrow(
      new RangeError('referenceRows is 0; it must be a positive integer'),
    );
  });
});

describe('normedWassersteinDistance', () => {
  it("divides by the reference's population standard deviation", () => {
    const reference = [0, 2, 4, 6];
    const current = [1, 3, 5, 7];
    const std = Math.sqrt(5);
    expect(normedWassersteinDistance(reference, current)).toBeCloseTo(
      wassersteinDistance(reference, current) / std,
      14,
    );
  });

  it('divides by 0.001 for a constant reference', () => {
    expect(normedWassersteinDistance([2, 2], [2.001, 2.001])).toBeCloseTo(1, 9);
  });
});

describe('featureDrift', () => {
  it('runs KS on a small numerical reference and reports drift when p < 0.05', () => {
    const reference = spread(200);
    const current = spread(200, 0.3);
    const result = featureDrift({ kind: 'numerical', reference, current });
    expect(result.test).toBe('ks');
    expect(result.score).toBe(ksTwoSample(reference, current).pValue);
    expect(result.score).toBeLessThan(0.05);
    expect(result.drifted).toBe(true);
    expect(
      featureDrift({ kind: 'numerical', reference, current: spread(150) })
        .drifted,
    ).toBe(false);
  });

  it('runs normed Wasserstein on a large numerical reference and reports drift from 0.1', () => {
    const reference = spread(2000);
    const shifted = featureDrift({
      kind: 'numerical',
      reference,
      current: spread(500, 0.05),
    });
    expect(shifted.test).toBe('wasserstein-normed');
    // a shift of 0.05 over a standard deviation of about 0.289
    expect(shifted.score).toBeGreaterThan(0.1);
    expect(shifted.drifted).toBe(true);
    const unshifted = featureDrift({
      kind: 'numerical',
      reference,
      current: spread(500, 0.01),
    });
    expect(unshifted.score).toBeLessThan(0.1);
    expect(unshifted.drifted).toBe(false);
  });

  it('runs chi-square on a small categorical reference', () => {
    const result = featureDrift({
      kind: 'categorical',
      reference: { a: 300, b: 300, c: 400 },
      current: { a: 200, b: 400, c: 400 },
    });
    expect(result.test).toBe('chi-square');
    expect(result.score).toBe(
      chiSquareGoodnessOfFit([300, 300, 400], [200, 400, 400]).pValue,
    );
    expect(result.drifted).toBe(true);
  });

  it('runs Jensen–Shannon with the natural logarithm on a large categorical reference', () => {
    const result = featureDrift({
      kind: 'categorical',
      reference: { a: 3000, b: 3000, c: 4000 },
      current: { a: 2000, b: 4000, c: 4000, d: 5 },
    });
    expect(result.test).toBe('jensen-shannon');
    expect(result.score).toBe(
      jensenShannonDistance([3000, 3000, 4000, 0], [2000, 4000, 4000, 5], {
        base: Math.E,
      }),
    );
    expect(result.drifted).toBe(result.score >= 0.1);
  });

  it('counts categorical values given one per row', () => {
    const reference = [...Array(600).fill('x'), ...Array(400).fill('y')];
    const result = featureDrift({
      kind: 'categorical',
      reference,
      current: ['x', 'y', 'y', 'y'],
    });
    expect(result.test).toBe('chi-square');
    expect(result.score).toBe(
      chiSquareGoodnessOfFit([600, 400], [1, 3]).pValue,
    );
  });

  it('runs a test it is given instead of the default', () => {
    const result = featureDrift(
      { kind: 'numerical', reference: spread(50), current: spread(50, 0.5) },
      { test: 'wasserstein-normed', scoreKind: 'distance', threshold: 2 },
    );
    expect(result.test).toBe('wasserstein-normed');
    expect(result.drifted).toBe(false);
    expect(() =>
      featureDrift(
        { kind: 'numerical', reference: [1], current: [2] },
        { test: 'chi-square', scoreKind: 'p-value', threshold: 0.05 },
      ),
    ).toThrow(
      new RangeError('the chi-square test is for categorical features'),
    );
  });
});

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
