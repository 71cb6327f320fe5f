import { logGamma, regularizedGammaQ } from './special';

describe('logGamma', () => {
  it('is ln((n-1)!) at the integers', () => {
    let factorial = 1;
    for (let n = 1; n <= 30; n++) {
      expect(Math.abs(logGamma(n) - Math.log(factorial))).toBeLessThan(
        1e-13 * Math.max(1, Math.log(factorial)),
      );
      factorial *= n;
    }
  });

  it('is ln(√π) at one half', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
  });
});

describe('regularizedGammaQ', () => {
  it('is e^(-x) for a = 1, on both sides of the series/continued-fraction switch', () => {
    for (const x of [0.01, 0.5, 1.9, 2, 2.1, 10, 50, 300]) {
      const q = regularizedGammaQ(1, x);
      expect(Math.abs(q - Math.exp(-x)) / Math.exp(-x)).toBeLessThan(1e-13);
    }
  });

  it('is erfc(√x) for a = 1/2', () => {
    // erfc(1) and erfc(3) to 17 digits
    expect(regularizedGammaQ(0.5, 1)).toBeCloseTo(0.15729920705028513, 14);
    expect(regularizedGammaQ(0.5, 9) / 2.209049699858544e-5).toBeCloseTo(1, 12);
  });

  it('is 1 at 0 and 0 at infinity', () => {
    expect(regularizedGammaQ(3, 0)).toBe(1);
    expect(regularizedGammaQ(3, Infinity)).toBe(0);
  });
});
