/*
 * Special functions the drift tests' p-values need: the log-gamma function
 * and the regularised upper incomplete gamma function Q(a, x) (the survival
 * function of the chi-square distribution). Double precision throughout.
 */

// Lanczos approximation, g = 607/128, as in Numerical Recipes 3rd edition
// (`gammln`): relative error below 1e-15 for positive arguments.
const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471,
  -0.491913816097620199, 0.339946499848118887e-4, 0.465236289270485756e-4,
  -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3,
  0.217439618115212643e-3, -0.16431810653676389e-3, 0.844182239838527433e-4,
  -0.261908384015814087e-4, 0.368991826595316234e-5,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  let y = x;
  const tmp0 = x + 5.2421875;
  const tmp = (x + 0.5) * Math.log(tmp0) - tmp0;
  let ser = 0.999999999999997092;
  for (const c of LANCZOS) ser += c / ++y;
  return tmp + Math.log((2.5066282746310005 * ser) / x);
}

const EPS = 2.220446049250313e-16;
const FPMIN = Number.MIN_VALUE / EPS;

/** P(a, x) by its power series; converges quickly for x < a + 1. */
function gammaPSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < 100000; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Q(a, x) by its continued fraction (modified Lentz); for x ≥ a + 1. */
function gammaQContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/**
 * The regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a),
 * for a > 0 and x ≥ 0 (`scipy.special.gammaincc`).
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  if (x < a + 1) return 1 - gammaPSeries(a, x);
  return gammaQContinuedFraction(a, x);
}

/**
 * The survival function of the chi-square distribution with `df` degrees of
 * freedom (`scipy.stats.chi2.sf`).
 */
export function chiSquareSurvival(statistic: number, df: number): number {
  if (statistic === Infinity) return 0;
  return regularizedGammaQ(df / 2, statistic / 2);
}
