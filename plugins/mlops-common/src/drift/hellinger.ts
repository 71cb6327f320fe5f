import { proportionPair } from './proportions';
import { NumericArray } from './validate';

/**
 * The Hellinger distance between two distributions over the same bins,
 * √(1 − Σ √(pᵢ·qᵢ)) — the definition whylogs uses, equal to
 * ‖√p − √q‖₂ / √2 — in [0, 1]. Counts or probabilities; each vector is
 * divided by its total first. Empty bins need no smoothing.
 *
 * @param p - reference counts or probabilities; finite, non-negative, not all zero
 * @param q - current counts or probabilities, same length as `p`
 * @throws RangeError if a vector is empty, holds a negative or non-finite
 *   value, is all zeros, or the lengths differ
 * @public
 */
export function hellingerDistance(p: NumericArray, q: NumericArray): number {
  const [pp, qq] = proportionPair('p', p, 'q', q);
  let bhattacharyya = 0;
  for (let i = 0; i < pp.length; i++) bhattacharyya += Math.sqrt(pp[i] * qq[i]);
  // The coefficient of identical distributions can round a hair above 1.
  return Math.sqrt(Math.max(0, 1 - bhattacharyya));
}
