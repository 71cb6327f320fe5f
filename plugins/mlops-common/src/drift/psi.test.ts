import { badCountCases } from './__testUtils__/badCounts';
import { populationStabilityIndex } from './psi';
import {
  relativeError,
  RELATIVE_TOLERANCE,
  vectors,
} from './__vectors__/vectors';

describe('populationStabilityIndex', () => {
  it.each(vectors.populationStabilityIndex.map(v => [v.name, v] as const))(
    "agrees with Evidently's PSI computed in numpy: %s",
    (_, v) => {
      expect(
        relativeError(populationStabilityIndex(v.reference, v.current), v.psi),
      ).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
    },
  );

  it('stays finite when a bin is empty on one side, with 0.0001 for its proportion', () => {
    const psi = populationStabilityIndex([50, 50], [100, 0]);
    expect(psi).toBeCloseTo(
      (0.5 - 1) * Math.log(0.5 / 1) + (0.5 - 0.0001) * Math.log(0.5 / 0.0001),
      12,
    );
  });

  it.each(badCountCases(['referenceCounts', 'currentCounts']))(
    'rejects %s, naming the argument and the element',
    (_, reference, current, error) => {
      expect(() => populationStabilityIndex(reference, current)).toThrow(error);
    },
  );

  it('accepts typed arrays', () => {
    expect(
      populationStabilityIndex(
        Uint32Array.of(3, 1, 2),
        Float64Array.of(1, 1, 1),
      ),
    ).toEqual(populationStabilityIndex([3, 1, 2], [1, 1, 1]));
  });
});
