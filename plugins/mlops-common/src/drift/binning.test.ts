import { alignCategories, histogram, quantileBinEdges } from './binning';
import {
  relativeError,
  RELATIVE_TOLERANCE,
  vectors,
} from './__vectors__/vectors';

describe('quantileBinEdges', () => {
  it.each(vectors.quantileBinEdges.map(v => [v.name, v] as const))(
    'puts the inner edges at numpy.quantile of the reference: %s',
    (_, v) => {
      const edges = quantileBinEdges(v.reference, v.bins);
      expect(edges[0]).toBe(-Infinity);
      expect(edges[edges.length - 1]).toBe(Infinity);
      const inner = edges.slice(1, -1);
      expect(inner).toHaveLength(v.innerEdges.length);
      inner.forEach((edge, i) =>
        expect(relativeError(edge, v.innerEdges[i])).toBeLessThanOrEqual(
          RELATIVE_TOLERANCE,
        ),
      );
    },
  );

  it('collapses repeated quantiles, so a constant reference has one bin', () => {
    expect(quantileBinEdges([4, 4, 4, 4], 10)).toEqual([
      -Infinity,
      4,
      Infinity,
    ]);
  });

  it('rejects a number of bins that is not a positive integer', () => {
    expect(() => quantileBinEdges([1, 2], 0)).toThrow(
      new RangeError('bins is 0; it must be a positive integer'),
    );
    expect(() => quantileBinEdges([1, 2], 2.5)).toThrow('bins is 2.5');
  });

  it('names the element of a bad reference', () => {
    expect(() => quantileBinEdges([1, NaN], 2)).toThrow('reference[1] is NaN');
  });
});

describe('histogram', () => {
  it.each(vectors.quantileBinEdges.map(v => [v.name, v] as const))(
    'counts as numpy.histogram: %s',
    (_, v) => {
      expect(histogram(v.current, v.histogramEdges)).toEqual(v.counts);
    },
  );

  it('counts every value with the edges quantileBinEdges gives', () => {
    const reference = [1, 2, 3, 4, 5, 6, 7, 8];
    const current = Float64Array.of(-100, 2.5, 4.5, 4.5, 100);
    const counts = histogram(current, quantileBinEdges(reference, 4));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(current.length);
    expect(counts).toEqual([2, 0, 2, 1]);
  });

  it('rejects edges that do not increase', () => {
    expect(() => histogram([1], [0, 1, 1])).toThrow(
      new RangeError(
        'edges[2] is 1, not above edges[1] = 1; edges must increase',
      ),
    );
    expect(() => histogram([1], [0])).toThrow(
      'edges must hold at least two bin edges',
    );
  });
});

describe('alignCategories', () => {
  it('counts values over the categories of both, the reference first', () => {
    expect(alignCategories(['a', 'b', 'a', 'c'], ['c', 'd', 'a', 'd'])).toEqual(
      {
        categories: ['a', 'b', 'c', 'd'],
        reference: [2, 1, 1, 0],
        current: [1, 0, 1, 2],
      },
    );
  });

  it('takes counts per category as a Map or an object', () => {
    expect(
      alignCategories(
        new Map([
          ['x', 3],
          ['y', 0],
        ]),
        { y: 2, z: 1 },
      ),
    ).toEqual({
      categories: ['x', 'y', 'z'],
      reference: [3, 0, 0],
      current: [0, 2, 1],
    });
  });

  it('keeps 1 and "1" apart', () => {
    expect(alignCategories([1, '1'], [1]).categories).toEqual([1, '1']);
  });

  it('names the argument and the element of bad data', () => {
    expect(() => alignCategories([], ['a'])).toThrow(
      new RangeError('reference is empty'),
    );
    expect(() =>
      alignCategories(['a'], ['a', null] as unknown as string[]),
    ).toThrow(
      new TypeError(
        'current[1] is null; a category is a string, number or boolean',
      ),
    );
    expect(() => alignCategories(['a'], [NaN])).toThrow(
      new RangeError('current[0] is NaN'),
    );
    expect(() => alignCategories({ a: -1 }, ['a'])).toThrow(
      new RangeError('reference["a"] is -1; counts must not be negative'),
    );
    expect(() => alignCategories({ a: 0 }, ['a'])).toThrow(
      new RangeError('reference has no counts; at least one must be positive'),
    );
  });
});
