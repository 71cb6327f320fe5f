import { chiSquareGoodnessOfFit } from './chiSquare';
import { badCountCases } from './__testUtils__/badCounts';
import {
  numberOf,
  relativeError,
  RELATIVE_TOLERANCE,
  vectors,
} from './__vectors__/vectors';

describe('chiSquareGoodnessOfFit', () => {
  it.each(vectors.chiSquareGoodnessOfFit.map(v => [v.name, v] as const))(
    'agrees with scipy.stats.chisquare: %s',
    (_, v) => {
      const result = chiSquareGoodnessOfFit(v.reference, v.current);
      expect(
        relativeError(result.statistic, numberOf(v.statistic)),
      ).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
      expect(relativeError(result.pValue, v.pValue)).toBeLessThanOrEqual(
        RELATIVE_TOLERANCE,
      );
    },
  );

  it('leaves out bins empty on both sides', () => {
    expect(chiSquareGoodnessOfFit([5, 0, 5], [3, 0, 7])).toEqual(
      chiSquareGoodnessOfFit([5, 5], [3, 7]),
    );
  });

  it('finds a category the reference never saw infinitely unlikely', () => {
    expect(chiSquareGoodnessOfFit([5, 5, 0], [5, 5, 1])).toEqual({
      statistic: Infinity,
      pValue: 0,
    });
  });

  it.each(badCountCases(['referenceCounts', 'currentCounts']))(
    'rejects %s, naming the argument and the element',
    (_, reference, current, error) => {
      expect(() => chiSquareGoodnessOfFit(reference, current)).toThrow(error);
    },
  );

  it('accepts typed arrays', () => {
    expect(
      chiSquareGoodnessOfFit(Uint32Array.of(3, 1, 2), Float64Array.of(1, 1, 1)),
    ).toEqual(chiSquareGoodnessOfFit([3, 1, 2], [1, 1, 1]));
  });
});
