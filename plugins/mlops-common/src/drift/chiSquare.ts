import { TestResult } from './ks';
import { chiSquareSurvival } from './special';
import { NumericArray, validateCountPair } from './validate';

/**
 * Pearson's chi-square goodness-of-fit test of the current counts against
 * the reference's proportions: the expected count of bin i is
 * referenceᵢ / Σ reference × Σ current, the statistic Σ (observed −
 * expected)² / expected, and the p-value the chi-square survival function
 * with (bins − 1) degrees of freedom.
 *
 * Agrees with `scipy.stats.chisquare(f_obs=current, f_exp=expected)` with
 * two choices where scipy gives no number: a bin empty in both is left out
 * (scipy would divide 0 by 0); a bin empty in the reference but not in the
 * current data makes the statistic Infinity and the p-value 0. With a single
 * bin left the test has no degrees of freedom, and the p-value is 1.
 *
 * @param referenceCounts - counts per bin in the reference; finite, non-negative, not all zero
 * @param currentCounts - counts per bin in the current data, same bins
 * @throws RangeError if a vector is empty, holds a negative or non-finite
 *   count, is all zeros, or the lengths differ
 * @public
 */
export function chiSquareGoodnessOfFit(
  referenceCounts: NumericArray,
  currentCounts: NumericArray,
): TestResult {
  const [referenceTotal, currentTotal] = validateCountPair(
    'referenceCounts',
    referenceCounts,
    'currentCounts',
    currentCounts,
  );
  let statistic = 0;
  let bins = 0;
  for (let i = 0; i < referenceCounts.length; i++) {
    const observed = currentCounts[i];
    const expected = (referenceCounts[i] / referenceTotal) * currentTotal;
    if (expected === 0 && observed === 0) continue;
    bins++;
    if (expected === 0) {
      statistic = Infinity;
      continue;
    }
    statistic += (observed - expected) ** 2 / expected;
  }
  if (bins < 2) return { statistic, pValue: 1 };
  return { statistic, pValue: chiSquareSurvival(statistic, bins - 1) };
}
