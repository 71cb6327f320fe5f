import { parseMatrix, seriesOfJson, type RangeSeries } from './matrix';

/** A `query_range` answer as Prometheus writes it: compact JSON. */
const answer = (result: unknown[], extra = {}) =>
  JSON.stringify({
    status: 'success',
    data: { resultType: 'matrix', result },
    ...extra,
  });

/** What `JSON.parse` makes of the same answer, as columns. */
const parsedByJson = (text: string): RangeSeries[] =>
  JSON.parse(text).data.result.map(seriesOfJson);

const plain = (series: RangeSeries[]) =>
  series.map(s => ({
    metric: s.metric,
    at: Array.from(s.at),
    values: Array.from(s.values),
  }));

describe('parseMatrix', () => {
  it('reads what JSON.parse reads, column by column', () => {
    const text = answer([
      {
        metric: { __name__: 'psi', feature: 'tenure' },
        values: [
          [1733500800, '0.057'],
          [1733504400.5, '-1.25e-7'],
          [1733508000.125, '12345.678901234567'],
          [1733511600, 'NaN'],
          [1733515200, '+Inf'],
          [1733518800, '-Inf'],
        ],
      },
      {
        // Labels holding what ends an object or a string elsewhere.
        metric: { job: 'a}b', q: 'say "hi" \\ {x}', empty: '' },
        values: [[1, '0']],
      },
      { metric: {}, values: [] },
    ]);
    const series = parseMatrix(text);
    expect(series).toBeDefined();
    expect(plain(series!)).toEqual(plain(parsedByJson(text)));
    expect(plain(series!)[0]).toEqual({
      metric: { __name__: 'psi', feature: 'tenure' },
      at: [
        1733500800000, 1733504400500, 1733508000125, 1733511600000,
        1733515200000, 1733518800000,
      ],
      values: [0.057, -1.25e-7, 12345.678901234567, NaN, Infinity, -Infinity],
    });
  });

  it('reads a long series, growing its columns', () => {
    const values = Array.from({ length: 5000 }, (_, i) => [
      1700000000 + i * 3600,
      String(Math.sin(i)),
    ]);
    const text = answer([{ metric: { a: '1' }, values }]);
    const [series] = parseMatrix(text)!;
    expect(series.at).toHaveLength(5000);
    expect(plain([series])).toEqual(plain(parsedByJson(text)));
  });

  it('reads an empty result', () => {
    expect(parseMatrix(answer([]))).toEqual([]);
  });

  it.each([
    ['an error', JSON.stringify({ status: 'error', errorType: 'bad_data' })],
    [
      'another result type',
      '{"status":"success","data":{"resultType":"vector","result":[]}}',
    ],
    [
      'whitespace',
      answer([{ metric: {}, values: [[1, '0']] }]).replace(/,/g, ', '),
    ],
    ['values before the labels', answer([{ values: [[1, '0']], metric: {} }])],
    [
      'native histograms',
      answer([{ metric: {}, histograms: [[1, { count: '1' }]] }]),
    ],
    [
      'a time finer than milliseconds',
      answer([{ metric: {}, values: [[1.0005, '0']] }]),
    ],
    [
      'a time in exponent form',
      answer([{ metric: {}, values: [[1e9, '0']] }]).replace(
        '1000000000',
        '1e9',
      ),
    ],
    [
      'a cut answer',
      answer([{ metric: {}, values: [[1, '0']] }]).slice(0, -10),
    ],
  ])('leaves %s to JSON.parse', (_, text) => {
    expect(parseMatrix(text)).toBeUndefined();
  });

  it('reads an answer whose warnings follow the data', () => {
    const text = answer([{ metric: {}, values: [[1, '2']] }], {
      warnings: ['a warning'],
    });
    expect(plain(parseMatrix(text)!)).toEqual([
      { metric: {}, at: [1000], values: [2] },
    ]);
  });
});
