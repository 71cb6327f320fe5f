import { definitionChanges, formatKpiValue, formatProgress } from './format';
import { churnKpi } from './__testUtils__/valueFixtures';

describe('value formats', () => {
  it.each([
    [0.5, '50 % of the way to target'],
    [0.624, '62 % of the way to target'],
    [0, '0 % of the way to target'],
    [-0.25, '-25 % of the way to target: worse than the baseline'],
    [1.2, '120 % of the way to target: target beaten'],
  ])('reads progress %s as "%s"', (progress, text) => {
    expect(formatProgress(progress)).toBe(text);
  });

  it('writes a value with its unit and thousands separators', () => {
    expect(formatKpiValue(2.5, '%')).toBe('2.5 %');
    expect(formatKpiValue(125000, 'EUR')).toBe('125,000 EUR');
    expect(formatKpiValue(0.1 + 0.2)).toBe('0.3');
    expect(formatKpiValue(undefined, '%')).toBe('—');
  });

  it('names only what a new definition changed', () => {
    const [first] = churnKpi.definitionVersions;
    expect(
      definitionChanges({
        ...churnKpi,
        definitionVersions: [
          first,
          {
            ...first,
            version: 2,
            validFrom: '2026-06-01T07:00:00Z',
            target: 2,
          },
          {
            ...first,
            version: 3,
            validFrom: '2026-09-01T07:00:00Z',
            target: 2,
            method: 'controlled-lift',
          },
        ],
      }),
    ).toEqual([
      'Definition changed on 1 Jun 2026: target 2 % (was 2.2 %).',
      'Definition changed on 1 Sept 2026: method controlled-lift (was before-after).',
    ]);
  });
});
