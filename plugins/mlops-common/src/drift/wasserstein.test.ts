import { wassersteinDistance } from './wasserstein';
import {
  relativeError,
  RELATIVE_TOLERANCE,
  vectors,
} from './__vectors__/vectors';

describe('wassersteinDistance', () => {
  it.each(vectors.wassersteinDistance.map(v => [v.name, v] as const))(
    'agrees with scipy.stats.wasserstein_distance: %s',
    (_, v) => {
      expect(
        relativeError(wassersteinDistance(v.reference, v.current), v.distance),
      ).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
    },
  );

  it('is the shift between a sample and the sample moved', () => {
    const a = [0.5, 1.5, 4, 7.25];
    expect(
      wassersteinDistance(
        a,
        a.map(x => x + 3),
      ),
    ).toBeCloseTo(3, 12);
  });

  it('accepts typed arrays', () => {
    expect(
      wassersteinDistance(Float32Array.of(0, 1), Uint8Array.of(2, 3)),
    ).toBe(2);
  });

  it('names the argument and the element of bad input', () => {
    expect(() => wassersteinDistance([1], [])).toThrow(
      new RangeError('current is empty'),
    );
    expect(() => wassersteinDistance([1, 2, NaN], [1])).toThrow(
      new RangeError('reference[2] is NaN; values must be finite'),
    );
  });
});
