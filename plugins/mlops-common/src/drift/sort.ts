/*
 * Sorting samples for the drift statistics: a least-significant-digit radix
 * sort of the doubles' bit patterns, six passes of 11 bits. V8's
 * `Float64Array.prototype.sort` takes about 2.5 times as long on a million
 * values, and the sort is most of the cost of the KS test and the
 * Wasserstein distance.
 */
import { finiteCopy, NumericArray } from './validate';

// Below this a radix sort's fixed cost (six 2048-bucket histograms) outweighs its gain.
const RADIX_MIN_LENGTH = 2048;
const BUCKETS = 2048;

/**
 * Sorts finite doubles ascending in place, using `scratch` (at least as long)
 * as the other buffer of each pass.
 */
function radixSort(values: Float64Array, scratch: Float64Array): void {
  const n2 = 2 * values.length;
  // Little-endian word pairs: [low 32 bits, high 32 bits] per double.
  const u = new Uint32Array(values.buffer, values.byteOffset, n2);
  const s = new Uint32Array(scratch.buffer, scratch.byteOffset, n2);
  const counts = Array.from({ length: 6 }, () => new Uint32Array(BUCKETS));
  const [c0, c1, c2, c3, c4, c5] = counts;
  // Map each double to an unsigned key in the same order: flip every bit of
  // a negative, only the sign bit of a positive. Count digits meanwhile.
  for (let i = 0; i < n2; i += 2) {
    let lo = u[i];
    let hi = u[i + 1];
    if (hi & 0x80000000) {
      hi = ~hi;
      lo = ~lo;
    } else {
      hi |= 0x80000000;
    }
    u[i] = lo;
    u[i + 1] = hi;
    c0[lo & 2047]++;
    c1[(lo >>> 11) & 2047]++;
    c2[((lo >>> 22) | (hi << 10)) & 2047]++;
    c3[(hi >>> 1) & 2047]++;
    c4[(hi >>> 12) & 2047]++;
    c5[hi >>> 21]++;
  }
  let src = u;
  let dst = s;
  for (let pass = 0; pass < 6; pass++) {
    const c = counts[pass];
    let sum = 0;
    let trivial = false;
    for (let d = 0; d < BUCKETS; d++) {
      const k = c[d];
      if (k === n2 / 2) trivial = true;
      c[d] = sum;
      sum += k;
    }
    if (trivial) continue; // every key has the same digit here
    // One loop per digit position, so that each stays monomorphic and tight.
    if (pass === 0) {
      for (let i = 0; i < n2; i += 2) {
        const lo = src[i];
        const k = 2 * c[lo & 2047]++;
        dst[k] = lo;
        dst[k + 1] = src[i + 1];
      }
    } else if (pass === 1) {
      for (let i = 0; i < n2; i += 2) {
        const lo = src[i];
        const k = 2 * c[(lo >>> 11) & 2047]++;
        dst[k] = lo;
        dst[k + 1] = src[i + 1];
      }
    } else if (pass === 2) {
      for (let i = 0; i < n2; i += 2) {
        const lo = src[i];
        const hi = src[i + 1];
        const k = 2 * c[((lo >>> 22) | (hi << 10)) & 2047]++;
        dst[k] = lo;
        dst[k + 1] = hi;
      }
    } else {
      const shift = [1, 12, 21][pass - 3];
      for (let i = 0; i < n2; i += 2) {
        const hi = src[i + 1];
        const k = 2 * c[(hi >>> shift) & 2047]++;
        dst[k] = src[i];
        dst[k + 1] = hi;
      }
    }
    [src, dst] = [dst, src];
  }
  // Back from keys to doubles, into `values`.
  for (let i = 0; i < n2; i += 2) {
    const lo = src[i];
    const hi = src[i + 1];
    if (hi & 0x80000000) {
      u[i] = lo;
      u[i + 1] = hi & 0x7fffffff;
    } else {
      u[i] = ~lo;
      u[i + 1] = ~hi;
    }
  }
}

function sortInPlace(values: Float64Array, scratch: () => Float64Array): void {
  if (values.length < RADIX_MIN_LENGTH) values.sort();
  else radixSort(values, scratch());
}

/** A sorted copy of a sample, checked: not empty, every value finite. */
export function sortedCopy(name: string, values: NumericArray): Float64Array {
  const copy = finiteCopy(name, values);
  sortInPlace(copy, () => new Float64Array(copy.length));
  return copy;
}

/**
 * Sorted copies of two samples, checked, sharing one scratch buffer: the
 * memory used is 8 bytes per value plus 8 per value of the larger sample.
 */
export function sortedCopies(
  firstName: string,
  first: NumericArray,
  secondName: string,
  second: NumericArray,
): [Float64Array, Float64Array] {
  const a = finiteCopy(firstName, first);
  const b = finiteCopy(secondName, second);
  let scratch: Float64Array | undefined;
  const shared = () =>
    (scratch ??= new Float64Array(Math.max(a.length, b.length)));
  sortInPlace(a, shared);
  sortInPlace(b, shared);
  return [a, b];
}
