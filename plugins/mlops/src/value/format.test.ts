import { formatKpiValue, formatProgress } from './format';

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
});
