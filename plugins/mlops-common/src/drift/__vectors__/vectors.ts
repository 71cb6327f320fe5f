/*
 * The reference values the drift statistics are checked against, written by
 * scripts/drift-vectors/generate.py with scipy (versions inside the file).
 */
import vectors from './scipy-vectors.json';

export { vectors };

/** Relative error allowed against scipy. */
export const RELATIVE_TOLERANCE = 1e-6;
/** Absolute error allowed for values near 0, where a relative error means nothing. */
export const ABSOLUTE_TOLERANCE = 1e-12;

/** The relative error of `actual` against `expected`, 0 when both are within the absolute tolerance. */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  const difference = Math.abs(actual - expected);
  if (difference <= ABSOLUTE_TOLERANCE) return 0;
  return difference / Math.abs(expected);
}

/** The value a vector file records: numbers, or "Infinity" spelled out. */
export function numberOf(value: number | string): number {
  return typeof value === 'string' ? Number(value) : value;
}
