import { formatDuration, formatThreshold, thresholdLines } from './format';

describe('formatDuration', () => {
  it.each([
    ['P1D', 'daily'],
    ['PT1H', 'hourly'],
    ['P1W', 'weekly'],
    ['P1M', 'monthly'],
    ['P1Y', 'yearly'],
    ['PT1M', 'every minute'],
    ['P3M', 'every 3 months'],
    ['PT6H', 'every 6 hours'],
    ['P2W', 'every 2 weeks'],
    ['PT30M', 'every 30 minutes'],
    ['P1DT12H', 'every 1 day and 12 hours'],
    ['P1Y2M3D', 'every 1 year, 2 months and 3 days'],
  ])('reads %s as "%s"', (iso, spoken) => {
    expect(formatDuration(iso)).toBe(spoken);
  });

  it('leaves what is not a duration, or a zero one, as written', () => {
    expect(formatDuration('daily')).toBe('daily');
    expect(formatDuration('P0D')).toBe('P0D');
    expect(formatDuration('P')).toBe('P');
  });
});

describe('drift thresholds', () => {
  it('says where a threshold is reached and in which direction', () => {
    expect(
      formatThreshold('alert', {
        warning: 0.1,
        alert: 0.25,
        direction: 'above',
        on: 'value',
      }),
    ).toBe('alert at ≥ 0.25');
    expect(
      formatThreshold('warning', {
        warning: 0.75,
        alert: 0.7,
        direction: 'below',
        on: 'value',
      }),
    ).toBe('warning at ≤ 0.75');
    expect(
      formatThreshold('alert', {
        warning: 0.15,
        alert: 0.05,
        direction: 'below',
        on: 'p-value',
      }),
    ).toBe('alert at p ≤ 0.05');
    expect(
      formatThreshold('warning', {
        warning: [-0.03, 0.03],
        alert: [-0.05, 0.05],
        direction: 'outside',
        on: 'value',
      }),
    ).toBe('warning at ≤ -0.03 or ≥ 0.03');
  });

  it('draws one line per threshold, two per band, warning first', () => {
    expect(
      thresholdLines({
        warning: 0.75,
        alert: 0.7,
        direction: 'below',
        on: 'value',
      }),
    ).toEqual([
      { level: 'warning', value: 0.75, label: 'warning at ≤ 0.75' },
      { level: 'alert', value: 0.7, label: 'alert at ≤ 0.7' },
    ]);
    expect(
      thresholdLines({
        warning: [0.9, 1.1],
        alert: [0.8, 1.2],
        direction: 'outside',
        on: 'value',
      }),
    ).toEqual([
      { level: 'warning', value: 0.9, label: 'warning at ≤ 0.9' },
      { level: 'warning', value: 1.1, label: 'warning at ≥ 1.1' },
      { level: 'alert', value: 0.8, label: 'alert at ≤ 0.8' },
      { level: 'alert', value: 1.2, label: 'alert at ≥ 1.2' },
    ]);
  });
});
