import { badCountCases } from './__testUtils__/badCounts';
import { hellingerDistance } from './hellinger';
import {
  relativeError,
  RELATIVE_TOLERANCE,
  vectors,
} from './__vectors__/vectors';

describe('hellingerDistance', () => {
  it.each(vectors.hellingerDistance.map(v => [v.name, v] as const))(
    'agrees with sqrt(1 - sum(sqrt(p*q))) in numpy: %s',
    (_, v) => {
      expect(
        relativeError(hellingerDistance(v.p, v.q), v.distance),
      ).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
    },
  );

  it('is 0 for the same distribution and 1 for disjoint ones', () => {
    expect(hellingerDistance([2, 4, 6], [1, 2, 3])).toBe(0);
    expect(hellingerDistance([1, 1, 0], [0, 0, 5])).toBe(1);
  });

  it.each(badCountCases(['p', 'q']))(
    'rejects %s, naming the argument and the element',
    (_, reference, current, error) => {
      expect(() => hellingerDistance(reference, current)).toThrow(error);
    },
  );

  it('accepts typed arrays', () => {
    expect(
      hellingerDistance(Uint32Array.of(3, 1, 2), Float64Array.of(1, 1, 1)),
    ).toEqual(hellingerDistance([3, 1, 2], [1, 1, 1]));
  });
});
