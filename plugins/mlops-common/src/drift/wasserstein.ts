import { sortedCopies } from './sort';
import { NumericArray } from './validate';

/**
 * The first Wasserstein (earth mover's) distance between two samples: the
 * area between their empirical distribution functions, in the samples' unit.
 *
 * Agrees with `scipy.stats.wasserstein_distance(reference, current)`
 * (unweighted). Sorts a typed-array copy of each sample (a radix sort) and
 * integrates over one merge of the two, so the memory used beyond the inputs
 * is 8 bytes per value plus 8 per value of the larger sample.
 *
 * @param reference - the reference sample; finite numbers, not empty
 * @param current - the current sample; finite numbers, not empty
 * @throws RangeError if a sample is empty or holds a NaN or infinite value
 * @public
 */
export function wassersteinDistance(
  reference: NumericArray,
  current: NumericArray,
): number {
  const [a, b] = sortedCopies('reference', reference, 'current', current);
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let total = 0;
  // Between consecutive distinct values v < w both CDFs are flat.
  let v = a[0] < b[0] ? a[0] : b[0];
  while (i < n1 || j < n2) {
    while (i < n1 && a[i] === v) i++;
    while (j < n2 && b[j] === v) j++;
    let w: number;
    if (i < n1 && j < n2) w = a[i] < b[j] ? a[i] : b[j];
    else if (i < n1) w = a[i];
    else if (j < n2) w = b[j];
    else break;
    total += Math.abs(i / n1 - j / n2) * (w - v);
    v = w;
  }
  return total;
}
