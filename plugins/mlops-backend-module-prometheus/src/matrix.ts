/**
 * One series of a `query_range` result, column by column: its labels, each
 * sample's time in milliseconds since the epoch, and its value as a number
 * (NaN and ±Infinity as Prometheus wrote them).
 */
export type RangeSeries = {
  metric: Record<string, string>;
  at: Float64Array;
  values: Float64Array;
};

/** No samples: what a query that matched no series yields. */
export const EMPTY_SERIES: RangeSeries = {
  metric: {},
  at: new Float64Array(0),
  values: new Float64Array(0),
};

/** A series as Prometheus' JSON has it: `[seconds, "value"]` samples. */
type JsonSeries = {
  metric?: Record<string, string>;
  values?: Array<[number, string]>;
};

/** A sample's value as a number; Prometheus writes infinities `+Inf` and `-Inf`. */
function sampleValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** A series parsed by `JSON.parse`, as columns. */
export function seriesOfJson(series: JsonSeries): RangeSeries {
  const samples = series.values ?? [];
  const at = new Float64Array(samples.length);
  const values = new Float64Array(samples.length);
  samples.forEach(([seconds, text], i) => {
    at[i] = Math.round(seconds * 1000);
    values[i] = sampleValue(text);
  });
  return { metric: series.metric ?? {}, at, values };
}

const PREFIX = '{"status":"success","data":{"resultType":"matrix","result":[';
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

/**
 * Reads a successful `query_range` answer's series straight from its text,
 * column by column, without an array and a string per sample as
 * `JSON.parse` makes them (a month of hourly samples of 2,500 series is 1.8
 * million of each). Reads the form Prometheus writes — no whitespace,
 * `metric` before `values`, times in seconds with at most millisecond
 * decimals — and returns undefined for anything else (an error, a warning
 * before the data, native histograms), which the caller then parses with
 * `JSON.parse`.
 */
export function parseMatrix(text: string): RangeSeries[] | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  const result: RangeSeries[] = [];
  let i = PREFIX.length;
  if (text.charCodeAt(i) === 93 /* ] */) return result;
  for (;;) {
    if (!text.startsWith('{"metric":', i)) return undefined;
    i += 10;
    // The labels: an object of strings, whose end is the first `}` outside one.
    const metricStart = i;
    let inString = false;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) inString = true;
      else if (c === 125 /* } */) break;
    }
    if (i >= text.length) return undefined;
    const metric = JSON.parse(text.slice(metricStart, i + 1));
    i++;
    if (!text.startsWith(',"values":[', i)) return undefined;
    i += 11;
    let at = new Float64Array(1024);
    let values = new Float64Array(1024);
    let n = 0;
    while (text.charCodeAt(i) === 91 /* [ */) {
      i++;
      // Seconds, with at most three decimals: whole milliseconds.
      let seconds = 0;
      let c = text.charCodeAt(i);
      if (c < ZERO || c > NINE) return undefined;
      while (c >= ZERO && c <= NINE) {
        seconds = seconds * 10 + (c - ZERO);
        c = text.charCodeAt(++i);
      }
      let ms = seconds * 1000;
      if (c === DOT) {
        let scale = 100;
        c = text.charCodeAt(++i);
        if (c < ZERO || c > NINE) return undefined;
        while (c >= ZERO && c <= NINE) {
          if (scale < 1) return undefined;
          ms += (c - ZERO) * scale;
          scale /= 10;
          c = text.charCodeAt(++i);
        }
      }
      if (c !== COMMA || text.charCodeAt(i + 1) !== QUOTE) return undefined;
      const valueStart = i + 2;
      const valueEnd = text.indexOf('"', valueStart);
      if (valueEnd < 0 || text.charCodeAt(valueEnd + 1) !== 93 /* ] */) {
        return undefined;
      }
      if (n === at.length) {
        const grownAt = new Float64Array(n * 2);
        grownAt.set(at);
        at = grownAt;
        const grownValues = new Float64Array(n * 2);
        grownValues.set(values);
        values = grownValues;
      }
      at[n] = ms;
      values[n] = sampleValue(text.slice(valueStart, valueEnd));
      n++;
      i = valueEnd + 2;
      if (text.charCodeAt(i) === COMMA) i++;
      else break;
    }
    if (!text.startsWith(']}', i)) return undefined;
    i += 2;
    result.push({
      metric,
      at: at.subarray(0, n),
      values: values.subarray(0, n),
    });
    const next = text.charCodeAt(i);
    if (next === COMMA) i++;
    else if (next === 93 /* ] */) return result;
    else return undefined;
  }
}

/**
 * Samples of one query over its windows, the NaN and infinite ones (which
 * no threshold or target can compare) left out and counted.
 */
export type FiniteSamples = {
  at: Float64Array;
  values: Float64Array;
  skipped: number;
};

/** The finite samples of a query's series, window after window. */
export function finiteSamples(parts: readonly RangeSeries[]): FiniteSamples {
  const length = parts.reduce((n, part) => n + part.at.length, 0);
  const at = new Float64Array(length);
  const values = new Float64Array(length);
  let n = 0;
  for (const part of parts) {
    for (let i = 0; i < part.at.length; i++) {
      if (!Number.isFinite(part.values[i])) continue;
      at[n] = part.at[i];
      values[n] = part.values[i];
      n++;
    }
  }
  return {
    at: at.subarray(0, n),
    values: values.subarray(0, n),
    skipped: length - n,
  };
}
