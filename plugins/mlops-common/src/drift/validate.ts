/*
 * Input checks shared by the drift statistics. Each names the argument and
 * the offending element, so that a caller can find the bad value in its data.
 */

/**
 * A sample of numbers or a vector of counts: a plain array or a typed array
 * (`Float64Array`, `Int32Array`, …).
 * @public
 */
export type NumericArray = ArrayLike<number>;

function describe(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  return String(value);
}

function assertArrayLike(name: string, values: unknown): void {
  if (
    values === null ||
    typeof values !== 'object' ||
    typeof (values as { length?: unknown }).length !== 'number'
  ) {
    throw new TypeError(`${name} must be an array of numbers`);
  }
}

/** A sample: non-empty, every value a finite number. */
export function validateSample(name: string, values: NumericArray): void {
  assertArrayLike(name, values);
  if (values.length === 0) throw new RangeError(`${name} is empty`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number') {
      throw new TypeError(`${name}[${i}] is not a number`);
    }
    if (!Number.isFinite(v)) {
      throw new RangeError(
        `${name}[${i}] is ${describe(v)}; values must be finite`,
      );
    }
  }
}

/** A count (or probability) vector: finite, non-negative, not all zero. */
export function validateCounts(name: string, counts: NumericArray): number {
  assertArrayLike(name, counts);
  if (counts.length === 0) throw new RangeError(`${name} is empty`);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (typeof c !== 'number') {
      throw new TypeError(`${name}[${i}] is not a number`);
    }
    if (!Number.isFinite(c)) {
      throw new RangeError(
        `${name}[${i}] is ${describe(c)}; counts must be finite`,
      );
    }
    if (c < 0) {
      throw new RangeError(
        `${name}[${i}] is ${c}; counts must not be negative`,
      );
    }
    total += c;
  }
  if (total === 0) {
    throw new RangeError(`${name} is all zeros; at least one must be positive`);
  }
  return total;
}

/** Two count vectors over the same bins. Returns their totals. */
export function validateCountPair(
  referenceName: string,
  reference: NumericArray,
  currentName: string,
  current: NumericArray,
): [number, number] {
  const referenceTotal = validateCounts(referenceName, reference);
  const currentTotal = validateCounts(currentName, current);
  if (reference.length !== current.length) {
    throw new RangeError(
      `${referenceName} has ${reference.length} bins and ${currentName} has ${current.length}; they must have the same length`,
    );
  }
  return [referenceTotal, currentTotal];
}

/**
 * A copy of a sample as a `Float64Array`, checked as {@link validateSample}
 * checks it, in the same pass.
 */
export function finiteCopy(name: string, values: NumericArray): Float64Array {
  assertArrayLike(name, values);
  if (values.length === 0) throw new RangeError(`${name} is empty`);
  const copy = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number') {
      throw new TypeError(`${name}[${i}] is not a number`);
    }
    if (!Number.isFinite(v)) {
      throw new RangeError(
        `${name}[${i}] is ${describe(v)}; values must be finite`,
      );
    }
    copy[i] = v;
  }
  return copy;
}
