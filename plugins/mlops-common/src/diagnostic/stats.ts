/** The median of some numbers; undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-th percentile (0 to 100), nearest rank; undefined for none. */
export function percentile(
  values: readonly number[],
  p: number,
): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** A share rounded to three decimals; undefined when the denominator is 0. */
export function share(part: number, whole: number): number | undefined {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : undefined;
}

/** A number rounded to one decimal. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
