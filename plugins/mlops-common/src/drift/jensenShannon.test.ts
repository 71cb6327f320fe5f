import { badCountCases } from './__testUtils__/badCounts';
import { jensenShannonDistance } from './jensenShannon';
import {
  relativeError,
  RELATIVE_TOLERANCE,
  vectors,
} from './__vectors__/vectors';

describe('jensenShannonDistance', () => {
  it.each(vectors.jensenShannonDistance.map(v => [v.name, v.base, v] as const))(
    'agrees with scipy.spatial.distance.jensenshannon: %s, base %f',
    (_, base, v) => {
      expect(
        relativeError(jensenShannonDistance(v.p, v.q, { base }), v.distance),
      ).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
    },
  );

  it('uses base 2 unless told, so that disjoint distributions are 1 apart', () => {
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(1, 15);
  });

  it('rejects a base that is no logarithm base', () => {
    expect(() => jensenShannonDistance([1], [1], { base: 1 })).toThrow(
      new RangeError(
        'options.base is 1; it must be a positive number other than 1',
      ),
    );
  });

  it.each(badCountCases(['p', 'q']))(
    'rejects %s, naming the argument and the element',
    (_, reference, current, error) => {
      expect(() => jensenShannonDistance(reference, current)).toThrow(error);
    },
  );

  it('accepts typed arrays', () => {
    expect(
      jensenShannonDistance(Uint32Array.of(3, 1, 2), Float64Array.of(1, 1, 1)),
    ).toEqual(jensenShannonDistance([3, 1, 2], [1, 1, 1]));
  });
});
