/** Prometheus refuses a range query that would return more points per series. */
export const MAX_POINTS_PER_SERIES = 11_000;

/** A `query_range` window: start and end in seconds since the epoch, both evaluated. */
export type QueryWindow = { start: number; end: number; step: number };

/**
 * Splits `[start, end]` (seconds, evaluated every `step` seconds from
 * `start`) into windows of at most {@link MAX_POINTS_PER_SERIES} points each,
 * so that no query is refused and the resolution stays the one asked for.
 */
export function planWindows(
  start: number,
  end: number,
  step: number,
): QueryWindow[] {
  if (!(step > 0)) throw new RangeError(`step must be positive, got ${step}`);
  const windows: QueryWindow[] = [];
  const span = (MAX_POINTS_PER_SERIES - 1) * step;
  for (let from = start; from <= end; from += span + step) {
    windows.push({ start: from, end: Math.min(from + span, end), step });
  }
  return windows;
}

/** `value` rounded down to a multiple of `step`: windows on a fixed grid, so a re-pull asks for the same points. */
export const alignDown = (value: number, step: number) =>
  Math.floor(value / step) * step;
