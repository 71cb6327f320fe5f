import { sortedCopies, sortedCopy } from './sort';

/** Values of every sign and magnitude a double can have, finite. */
function awkwardValues(n: number): Float64Array {
  const specials = [
    0,
    -0,
    5e-324,
    -5e-324,
    2.2250738585072014e-308,
    -1e-300,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    1,
    -1,
    0.1,
    -0.1,
  ];
  const out = new Float64Array(n);
  let state = 12345;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const u = state / 2 ** 32;
    out[i] =
      i % 7 === 0
        ? specials[i % specials.length]
        : (u - 0.5) * 10 ** Math.floor(u * 40 - 20);
  }
  return out;
}

describe('sortedCopy', () => {
  it.each([10, 2047, 2048, 50000])(
    'sorts %d values as a numeric sort does, leaving the input alone',
    n => {
      const values = awkwardValues(n);
      const before = Array.from(values);
      const sorted = sortedCopy('values', values);
      const expected = Float64Array.from(values).sort();
      expect(Array.from(sorted)).toEqual(Array.from(expected));
      expect(Array.from(values)).toEqual(before);
    },
  );

  it('keeps ties and puts negatives first', () => {
    expect(Array.from(sortedCopy('values', [3, -2, 3, 0, -2]))).toEqual([
      -2, -2, 0, 3, 3,
    ]);
  });
});

describe('sortedCopies', () => {
  it('sorts two samples of different sizes with one scratch buffer', () => {
    const a = awkwardValues(3000);
    const b = awkwardValues(9000).map(x => x / 3);
    const [sa, sb] = sortedCopies('a', a, 'b', b);
    expect(Array.from(sa)).toEqual(Array.from(Float64Array.from(a).sort()));
    expect(Array.from(sb)).toEqual(Array.from(Float64Array.from(b).sort()));
  });
});
