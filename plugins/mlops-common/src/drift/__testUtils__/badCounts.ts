/*
 * The bad inputs every statistic over two count vectors rejects, with the
 * message it must give, for `it.each` in those statistics' tests.
 */

/** [what is wrong, reference, current, the error expected]. */
export type BadCountCase = [string, number[], number[], Error];

export function badCountCases([referenceName, currentName]: [
  string,
  string,
]): BadCountCase[] {
  return [
    ['an empty vector', [], [1], new RangeError(`${referenceName} is empty`)],
    [
      'a negative count',
      [1, 2],
      [1, -2],
      new RangeError(`${currentName}[1] is -2; counts must not be negative`),
    ],
    [
      'a NaN',
      [1, NaN],
      [1, 2],
      new RangeError(`${referenceName}[1] is NaN; counts must be finite`),
    ],
    [
      'an infinite count',
      [1, 2],
      [Infinity, 2],
      new RangeError(`${currentName}[0] is Infinity; counts must be finite`),
    ],
    [
      'all zeros',
      [0, 0],
      [1, 2],
      new RangeError(
        `${referenceName} is all zeros; at least one must be positive`,
      ),
    ],
    [
      'lengths that differ',
      [1, 2, 3],
      [1, 2],
      new RangeError(
        `${referenceName} has 3 bins and ${currentName} has 2; they must have the same length`,
      ),
    ],
  ];
}
