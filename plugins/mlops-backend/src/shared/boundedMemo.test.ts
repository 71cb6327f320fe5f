import { boundedMemo } from './boundedMemo';

describe('boundedMemo', () => {
  it('computes once per key and gives every caller the same value', () => {
    const compute = jest.fn((key: number) => ({ key }));
    const memo = boundedMemo(compute);
    const first = memo(1);
    expect(memo(1)).toBe(first);
    expect(memo(2)).toEqual({ key: 2 });
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('forgets everything once it holds its limit of keys', () => {
    const compute = jest.fn((key: string) => key.toUpperCase());
    const memo = boundedMemo(compute, 2);
    memo('a');
    memo('b');
    memo('c'); // clears a and b
    memo('a');
    expect(compute.mock.calls.map(([key]) => key)).toEqual([
      'a',
      'b',
      'c',
      'a',
    ]);
  });
});
