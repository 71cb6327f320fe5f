import { formatDuration } from './format';

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
