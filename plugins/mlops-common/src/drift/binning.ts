import { sortedCopy } from './sort';
import { NumericArray, validateSample } from './validate';

/**
 * Bin edges for a numerical feature at the reference's quantiles: the
 * 1/bins, 2/bins, … (bins−1)/bins quantiles (linear interpolation, numpy's
 * default), with −Infinity and +Infinity as the outer edges so that current
 * values beyond the reference's range land in the end bins. Repeated
 * quantiles (heavy ties) collapse, so there may be fewer than `bins` bins.
 *
 * @param reference - the reference sample; finite numbers, not empty
 * @param bins - the number of bins wanted, an integer ≥ 1
 * @returns strictly increasing edges, for {@link histogram}
 * @throws RangeError if the sample is empty or holds a NaN or infinite
 *   value, or `bins` is not a positive integer
 * @public
 */
export function quantileBinEdges(
  reference: NumericArray,
  bins: number,
): number[] {
  if (!(Number.isInteger(bins) && bins >= 1)) {
    throw new RangeError(`bins is ${bins}; it must be a positive integer`);
  }
  const sorted = sortedCopy('reference', reference);
  const last = sorted.length - 1;
  const edges = [-Infinity];
  for (let k = 1; k < bins; k++) {
    const position = (k / bins) * last;
    const lo = Math.floor(position);
    const t = position - lo;
    const a = sorted[lo];
    const b = sorted[Math.min(lo + 1, last)];
    // numpy's lerp, exact at both ends
    const q = t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t);
    if (q > edges[edges.length - 1]) edges.push(q);
  }
  edges.push(Infinity);
  return edges;
}

/**
 * Counts of values per bin, as `numpy.histogram(values, edges)`: bin i holds
 * edges[i] ≤ v < edges[i+1], the last bin also its right edge; values
 * outside the edges are not counted.
 *
 * @param values - the sample; finite numbers, not empty
 * @param edges - strictly increasing bin edges, at least two (may be infinite)
 * @returns one count per bin (`edges.length − 1` of them)
 * @throws RangeError if the sample is empty or holds a NaN or infinite
 *   value, or the edges are fewer than two, NaN or not increasing
 * @public
 */
export function histogram(values: NumericArray, edges: NumericArray): number[] {
  validateSample('values', values);
  if (!edges || edges.length < 2) {
    throw new RangeError('edges must hold at least two bin edges');
  }
  for (let i = 0; i < edges.length; i++) {
    if (Number.isNaN(edges[i])) throw new RangeError(`edges[${i}] is NaN`);
    if (i > 0 && !(edges[i] > edges[i - 1])) {
      throw new RangeError(
        `edges[${i}] is ${edges[i]}, not above edges[${i - 1}] = ${
          edges[i - 1]
        }; edges must increase`,
      );
    }
  }
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  const lowest = edges[0];
  const highest = edges[bins];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lowest || v > highest) continue;
    if (v === highest) {
      counts[bins - 1]++;
      continue;
    }
    // the last edge ≤ v, by binary search
    let lo = 0;
    let hi = bins;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid] <= v) lo = mid;
      else hi = mid;
    }
    counts[lo]++;
  }
  return counts;
}

/** A value of a categorical feature. @public */
export type Category = string | number | boolean;

/**
 * A categorical feature's data: its values, one per row, or counts per
 * category (a `Map` or a plain object).
 * @public
 */
export type CategoricalData =
  | readonly Category[]
  | ReadonlyMap<Category, number>
  | Readonly<Record<string, number>>;

/** Two categorical features' counts over the same categories. @public */
export interface AlignedCategories {
  /** The reference's categories in order of first appearance, then those only the current data has. */
  categories: Category[];
  reference: number[];
  current: number[];
}

function countsOf(name: string, data: CategoricalData): Map<Category, number> {
  const counts = new Map<Category, number>();
  if (Array.isArray(data)) {
    if (data.length === 0) throw new RangeError(`${name} is empty`);
    data.forEach((value: unknown, i: number) => {
      if (
        typeof value !== 'string' &&
        typeof value !== 'boolean' &&
        typeof value !== 'number'
      ) {
        throw new TypeError(
          `${name}[${i}] is ${
            value === null ? 'null' : typeof value
          }; a category is a string, number or boolean`,
        );
      }
      if (Number.isNaN(value)) throw new RangeError(`${name}[${i}] is NaN`);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    });
    return counts;
  }
  if (data === null || typeof data !== 'object') {
    throw new TypeError(
      `${name} must be an array of categories or counts per category`,
    );
  }
  const entries: Iterable<[Category, number]> =
    data instanceof Map
      ? data.entries()
      : Object.entries(data as Record<string, number>);
  let total = 0;
  for (const [category, count] of entries) {
    const label = `${name}[${JSON.stringify(category)}]`;
    if (typeof count !== 'number' || !Number.isFinite(count)) {
      throw new RangeError(
        `${label} is ${String(count)}; counts must be finite numbers`,
      );
    }
    if (count < 0) {
      throw new RangeError(`${label} is ${count}; counts must not be negative`);
    }
    counts.set(category, count);
    total += count;
  }
  if (total === 0) {
    throw new RangeError(
      `${name} has no counts; at least one must be positive`,
    );
  }
  return counts;
}

/**
 * Count vectors of a categorical feature's reference and current data over
 * the union of their categories, zero where one side lacks a category — the
 * input {@link chiSquareGoodnessOfFit}, {@link jensenShannonDistance},
 * {@link populationStabilityIndex} and {@link hellingerDistance} take.
 *
 * @param reference - the reference's values, or its counts per category
 * @param current - the current values, or counts per category
 * @throws TypeError if a value is not a string, number or boolean;
 *   RangeError if there is no data, a value is NaN or a count is negative
 *   or not finite
 * @public
 */
export function alignCategories(
  reference: CategoricalData,
  current: CategoricalData,
): AlignedCategories {
  const referenceCounts = countsOf('reference', reference);
  const currentCounts = countsOf('current', current);
  const categories = [...referenceCounts.keys()];
  for (const category of currentCounts.keys()) {
    if (!referenceCounts.has(category)) categories.push(category);
  }
  return {
    categories,
    reference: categories.map(c => referenceCounts.get(c) ?? 0),
    current: categories.map(c => currentCounts.get(c) ?? 0),
  };
}
