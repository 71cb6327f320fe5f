import { formatValue } from '../components/shared';
import {
  driftedShareText,
  formatPValue,
  sortBySeverity,
  statisticName,
  windowLines,
} from './format';
import {
  churnInputDrift,
  churnPerformance,
} from './__testUtils__/driftFixtures';

describe('drift formatting', () => {
  it('states the share of drifted features against the dataset rule', () => {
    expect(driftedShareText(churnInputDrift)).toBe(
      '3 of 5 features drifted; dataset drift when at least half do',
    );
    expect(driftedShareText(churnPerformance)).toBe(
      '1 of 1 feature drifted; dataset drift when at least half do',
    );
  });

  it('orders alert, stale, warning, no data, healthy, then by name', () => {
    const sorted = sortBySeverity([
      { name: 'a', state: 'healthy' as const },
      { name: 'b', state: 'no-data' as const },
      { name: 'c', state: 'warning' as const },
      { name: 'd', state: 'alert' as const },
      { name: 'e', state: 'stale' as const },
      { name: 'c0', state: 'alert' as const },
    ]);
    expect(sorted.map(f => f.name)).toEqual(['c0', 'd', 'e', 'c', 'b', 'a']);
  });

  it('rounds values to four significant digits and tiny p-values to a bound', () => {
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(72.4)).toBe('72.4');
    expect(formatValue(0.00002)).toBe('2.0e-5');
    expect(formatPValue(0.0004)).toBe('p < 0.001');
    expect(formatPValue(0.034)).toBe('p = 0.034');
  });

  it('names methods as data scientists read them and keeps unknown ones', () => {
    expect(statisticName('kolmogorov-smirnov')).toBe('Kolmogorov–Smirnov');
    expect(statisticName('psi')).toBe('PSI');
    expect(statisticName('f1')).toBe('f1');
  });

  it('describes the windows with their dates and row counts', () => {
    expect(windowLines(churnInputDrift.features[0])).toEqual({
      reference: '1 Sept 2026 – 30 Sept 2026, 48,000 rows',
      current: '26 Nov 2026 – 26 Nov 2026, 1,650 rows',
    });
    expect(
      windowLines({
        ...churnInputDrift.features[0],
        window: undefined,
        referenceRows: undefined,
        currentRows: 1,
      }),
    ).toEqual({ reference: undefined, current: '1 row' });
  });
});
