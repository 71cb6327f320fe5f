import { ksTwoSample } from './ks';
import {
  relativeError,
  RELATIVE_TOLERANCE,
  vectors,
} from './__vectors__/vectors';

describe('ksTwoSample', () => {
  it.each(
    vectors.ksTwoSample.map(v => [`${v.name} (${v.method})`, v] as const),
  )('agrees with scipy.stats.ks_2samp: %s', (_, v) => {
    const result = ksTwoSample(v.reference, v.current);
    expect(relativeError(result.statistic, v.statistic)).toBeLessThanOrEqual(
      RELATIVE_TOLERANCE,
    );
    expect(relativeError(result.pValue, v.pValue)).toBeLessThanOrEqual(
      RELATIVE_TOLERANCE,
    );
  });

  it('gives the same answer whichever sample is the reference', () => {
    const a = [0.1, 0.4, 0.5, 0.9, 1.3, 2.2];
    const b = [0.3, 0.35, 0.6, 0.8, 1.1, 1.9, 2.5, 3.1];
    expect(ksTwoSample(a, b)).toEqual(ksTwoSample(b, a));
  });

  it('accepts typed arrays and leaves its inputs unsorted', () => {
    const reference = Float64Array.of(3, 1, 2, 5, 4);
    const current = Int32Array.of(9, 7, 8);
    const result = ksTwoSample(reference, current);
    expect(result).toEqual(ksTwoSample([1, 2, 3, 4, 5], [7, 8, 9]));
    expect(Array.from(reference)).toEqual([3, 1, 2, 5, 4]);
  });

  it('finds no difference between identical samples', () => {
    expect(ksTwoSample([1, 2, 2, 3], [3, 2, 1, 2])).toEqual({
      statistic: 0,
      pValue: 1,
    });
  });

  it('names the argument and the element of bad input', () => {
    expect(() => ksTwoSample([], [1])).toThrow(
      new RangeError('reference is empty'),
    );
    expect(() => ksTwoSample([1, 2], [1, 2, 3, NaN])).toThrow(
      new RangeError('current[3] is NaN; values must be finite'),
    );
    expect(() => ksTwoSample([1, Infinity], [1])).toThrow(
      new RangeError('reference[1] is Infinity; values must be finite'),
    );
    expect(() => ksTwoSample([1, -Infinity], [1])).toThrow(
      'reference[1] is -Infinity',
    );
    expect(() => ksTwoSample(['1'] as unknown as number[], [1])).toThrow(
      new TypeError('reference[0] is not a number'),
    );
    expect(() => ksTwoSample(null as unknown as number[], [1])).toThrow(
      new TypeError('reference must be an array of numbers'),
    );
  });
});
