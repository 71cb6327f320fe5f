import { MAX_POINTS_PER_SERIES, planWindows } from './range';

describe('planWindows', () => {
  it('keeps a short range in one query', () => {
    expect(planWindows(0, 3600 * 24, 3600)).toEqual([
      { start: 0, end: 86400, step: 3600 },
    ]);
  });

  it("splits a long range so that no query exceeds Prometheus' 11,000 points, missing no step", () => {
    const step = 60;
    const end = 30 * 86400; // 30 days every minute: 43,201 points
    const windows = planWindows(0, end, step);
    const points = windows.map(w => (w.end - w.start) / step + 1);
    expect(Math.max(...points)).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    expect(points.reduce((a, b) => a + b)).toBe(end / step + 1);
    windows
      .slice(1)
      .forEach((w, i) => expect(w.start).toBe(windows[i].end + step));
  });
});
