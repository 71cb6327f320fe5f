import { NumericArray, validateCountPair } from './validate';

/**
 * Two count (or probability) vectors over the same bins, each divided by its
 * total, after checking them.
 */
export function proportionPair(
  referenceName: string,
  reference: NumericArray,
  currentName: string,
  current: NumericArray,
): [Float64Array, Float64Array] {
  const [referenceTotal, currentTotal] = validateCountPair(
    referenceName,
    reference,
    currentName,
    current,
  );
  const p = new Float64Array(reference.length);
  const q = new Float64Array(current.length);
  for (let i = 0; i < p.length; i++) {
    p[i] = reference[i] / referenceTotal;
    q[i] = current[i] / currentTotal;
  }
  return [p, q];
}
