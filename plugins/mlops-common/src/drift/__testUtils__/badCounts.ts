/*
 * The bad inputs every statistic over two count vectors rejects, with the
 * message it must give. Shared by the tests of those statistics.
 */
import { NumericArray } from '../validate';

export function itRejectsBadCounts(
  statistic: (reference: NumericArray, current: NumericArray) => unknown,
  [referenceName, currentName]: [string, string],
): void {
  it('names the argument and the element of bad counts', () => {
    expect(() => statistic([], [1])).toThrow(
      new RangeError(`${referenceName} is empty`),
    );
    expect(() => statistic([1, 2], [1, -2])).toThrow(
      new RangeError(`${currentName}[1] is -2; counts must not be negative`),
    );
    expect(() => statistic([1, NaN], [1, 2])).toThrow(
      new RangeError(`${referenceName}[1] is NaN; counts must be finite`),
    );
    expect(() => statistic([1, 2], [Infinity, 2])).toThrow(
      new RangeError(`${currentName}[0] is Infinity; counts must be finite`),
    );
    expect(() => statistic([0, 0], [1, 2])).toThrow(
      new RangeError(
        `${referenceName} is all zeros; at least one must be positive`,
      ),
    );
    expect(() => statistic([1, 2, 3], [1, 2])).toThrow(
      new RangeError(
        `${referenceName} has 3 bins and ${currentName} has 2; they must have the same length`,
      ),
    );
  });

  it('accepts typed arrays', () => {
    expect(statistic(Uint32Array.of(3, 1, 2), Float64Array.of(1, 1, 1))).toEqual(
      statistic([3, 1, 2], [1, 1, 1]),
    );
  });
}
