import { NumericArray, validateCountPair } from './validate';

/** Evidently's stand-in for an empty bin's proportion. */
const EMPTY_BIN_PROPORTION = 0.0001;

/**
 * Evidently's treatment of empty bins: a zero proportion becomes 0.0001, or
 * the smallest non-zero proportion divided by 10⁶ when that is itself at most
 * 0.0001. The other proportions are left as they are (not renormalised).
 */
function fillEmptyBins(proportions: Float64Array): void {
  let smallest = Infinity;
  for (const p of proportions) if (p > 0 && p < smallest) smallest = p;
  const fill =
    smallest <= EMPTY_BIN_PROPORTION ? smallest / 1e6 : EMPTY_BIN_PROPORTION;
  for (let i = 0; i < proportions.length; i++) {
    if (proportions[i] === 0) proportions[i] = fill;
  }
}

/**
 * The population stability index of the current distribution against the
 * reference over the same bins: Σ (cᵢ − rᵢ)·ln(cᵢ / rᵢ) over the bins'
 * proportions. 0 for identical distributions; it grows without bound.
 *
 * The logarithm is undefined for an empty bin, so an empty bin's proportion
 * is replaced as Evidently does: by 0.0001, or — when the smallest non-empty
 * proportion of that vector is itself at most 0.0001 — by that proportion
 * divided by 10⁶. That keeps the index finite and matches the tool that the
 * default thresholds (0.1 / 0.25) are usually quoted from.
 *
 * @param referenceCounts - counts per bin in the reference; finite, non-negative, not all zero
 * @param currentCounts - counts per bin in the current data, same bins
 * @throws RangeError if a vector is empty, holds a negative or non-finite
 *   count, is all zeros, or the lengths differ
 * @public
 */
export function populationStabilityIndex(
  referenceCounts: NumericArray,
  currentCounts: NumericArray,
): number {
  const [referenceTotal, currentTotal] = validateCountPair(
    'referenceCounts',
    referenceCounts,
    'currentCounts',
    currentCounts,
  );
  const r = Float64Array.from(referenceCounts, c => c / referenceTotal);
  const c = Float64Array.from(currentCounts, x => x / currentTotal);
  fillEmptyBins(r);
  fillEmptyBins(c);
  let psi = 0;
  for (let i = 0; i < r.length; i++)
    psi += (r[i] - c[i]) * Math.log(r[i] / c[i]);
  return psi;
}
