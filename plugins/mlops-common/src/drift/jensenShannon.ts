import { proportionPair } from './proportions';
import { NumericArray } from './validate';

/** x·ln(x/y), taken as 0 where x is 0 (`scipy.special.rel_entr`). */
function relativeEntropyTerm(x: number, y: number): number {
  return x > 0 ? x * Math.log(x / y) : 0;
}

/**
 * The Jensen–Shannon distance between two distributions over the same bins:
 * the square root of the Jensen–Shannon divergence. Counts or probabilities;
 * each vector is divided by its total first. Empty bins need no smoothing.
 *
 * Agrees with `scipy.spatial.distance.jensenshannon(p, q, base)`. With the
 * default base 2 the distance lies in [0, 1]; Evidently's drift test uses
 * the natural logarithm (`base: Math.E`), where it lies in [0, √ln 2].
 *
 * @param p - reference counts or probabilities; finite, non-negative, not all zero
 * @param q - current counts or probabilities, same length as `p`
 * @param options - `base` of the logarithm, 2 unless given
 * @throws RangeError if a vector is empty, holds a negative or non-finite
 *   value, is all zeros, or the lengths differ
 * @public
 */
export function jensenShannonDistance(
  p: NumericArray,
  q: NumericArray,
  options: { base?: number } = {},
): number {
  const base = options.base ?? 2;
  if (!(base > 0 && base !== 1 && Number.isFinite(base))) {
    throw new RangeError(
      `options.base is ${base}; it must be a positive number other than 1`,
    );
  }
  const [pp, qq] = proportionPair('p', p, 'q', q);
  let left = 0;
  let right = 0;
  for (let i = 0; i < pp.length; i++) {
    const m = (pp[i] + qq[i]) / 2;
    left += relativeEntropyTerm(pp[i], m);
    right += relativeEntropyTerm(qq[i], m);
  }
  const js = (left + right) / Math.log(base);
  // Rounding can leave a divergence of identical distributions a hair below 0.
  return Math.sqrt(Math.max(0, js / 2));
}
