/*
 * The distribution of the one-sample Kolmogorov–Smirnov statistic D_n, which
 * the two-sample test's asymptotic p-value uses (scipy's `kstwo.sf(d,
 * round(n1·n2/(n1+n2)))`). Follows scipy 1.10.1: `scipy/stats/_ksstats.py`
 * (Simard & L'Ecuyer's choice of method by n and n·x²) and the cephes
 * `smirnov` function (Birnbaum–Tingey sum), computed here in log space where
 * cephes uses double-double arithmetic.
 */

const E128 = 2 ** 128;
const EM128 = 2 ** -128;
const MIN_LOG = -708;
// cephes MINLOG = log(2^-1022)
const CEPHES_MINLOG = -7.08396418532264106224e2;
const EPS = 2.220446049250313e-16;
const LOG_2PI = Math.log(2 * Math.PI);
const SQRT2PI = Math.sqrt(2 * Math.PI);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const SQRT3 = Math.sqrt(3);

const clip = (p: number) => Math.min(1, Math.max(0, p));

const STIRLING = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
  8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
  -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];

function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/**
 * The one-sided statistic's survival function Pr(D+_n ≥ x)
 * (`scipy.special.smirnov`), by the Birnbaum–Tingey sum, whose terms are
 * all positive, so that summing them in log space loses nothing.
 */
export function smirnovSurvival(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const nx = n * x;
  let nxFloor = Math.floor(nx);
  let alpha = nx - nxFloor;
  if (alpha === 1) {
    nxFloor += 1;
    alpha = 0;
  }
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    return 1 - x * Math.exp((n - 1) * Math.log1p(x));
  }
  if (-2 * n * x * x < CEPHES_MINLOG) return 0;
  if (nxFloor >= n - 1) return Math.exp(n * Math.log1p(-x));
  if (n > 1000000) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }
  // Lower sum: x · Σ_{v=0}^{⌊n(1−x)⌋} C(n,v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v)
  let nTerms = n - nxFloor - (alpha === 0 ? 0 : 1) + 1;
  if (alpha === 0) nTerms -= 1;
  const logX = Math.log(x);
  let logBinomial = 0;
  let sum = Math.exp(n * Math.log1p(-x) - logX); // v = 0
  for (let v = 1; v < nTerms; v++) {
    logBinomial += Math.log((n - v + 1) / v);
    const t = x + v / n;
    const logTerm =
      logBinomial + (v - 1) * Math.log(t) + (n - v) * Math.log1p(-t);
    const term = Math.exp(logTerm);
    sum += term;
    if (term > 0) {
      if (4 * (nTerms - v) * term < EPS * sum && v !== nTerms - 1) break;
    } else if (v > n / 2) {
      break;
    }
  }
  return clip(x * sum);
}

/** Pr(D_n ≤ d) by the Durbin matrix (Marsaglia, Tsang and Wang 2003). */
function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  let H = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1];
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];

  const multiply = (a: Float64Array, b: Float64Array) => {
    const out = new Float64Array(m * m);
    for (let r = 0; r < m; r++) {
      for (let s = 0; s < m; s++) {
        const ars = a[r * m + s];
        if (ars === 0) continue;
        for (let c = 0; c < m; c++) out[r * m + c] += ars * b[s * m + c];
      }
    }
    return out;
  };
  let power: Float64Array | undefined;
  let exponent = 0;
  let hExponent = 0;
  let nn = n;
  while (nn > 0) {
    if (nn % 2) {
      power = power ? multiply(power, H) : H.slice();
      exponent += hExponent;
    }
    H = multiply(H, H);
    hExponent *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > E128) {
      for (let i = 0; i < H.length; i++) H[i] /= E128;
      hExponent += 128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = power![(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= E128;
      exponent -= 128;
    }
  }
  return clip(p * 2 ** exponent);
}

function pomeranzBounds(
  i: number,
  n: number,
  ll: number,
  ceilf: number,
  roundf: number,
): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Pr(D_n ≤ x) by Pomeranz's recursion (1974). */
function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = twogpower[0] = onem2gpower[0] = 1;
  for (let k = 1; k < npwrs; k++) {
    gpower[k] = (gpower[k - 1] * (g / n)) / k;
    twogpower[k] = (twogpower[k - 1] * ((2 * g) / n)) / k;
    onem2gpower[k] = (onem2gpower[k - 1] * ((1 - 2 * g) / n)) / k;
  }
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let exponent = 0;
  let [j1, j2] = pomeranzBounds(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzBounds(i, n, ll, ceilf, roundf);
    let pwrs: Float64Array;
    if (i === 1 || i === 2 * n + 1) pwrs = gpower;
    else pwrs = i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // np.convolve(V0[k1 - V0s : k1 - V0s + ln2], pwrs[:ln2]), 'full'
      const aStart = k1 - V0s;
      const aLen = Math.max(0, Math.min(aStart + ln2, npwrs) - aStart);
      const bLen = Math.min(ln2, npwrs);
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      let max = 0;
      for (let c = 0; c < convLen; c++) {
        const tIndex = convStart + c;
        let s = 0;
        const lo = Math.max(0, tIndex - bLen + 1);
        const hi = Math.min(aLen - 1, tIndex);
        for (let a = lo; a <= hi; a++) s += V0[aStart + a] * pwrs[tIndex - a];
        V1[c] = s;
        if (s > max) max = s;
      }
      if (max > 0 && max < EM128) {
        for (let c = 0; c < npwrs; c++) V1[c] *= E128;
        exponent -= 128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[n - V1s];
  for (let k = 1; k <= n; k++) {
    if (Math.abs(ans) > E128) {
      ans *= EM128;
      exponent += 128;
    }
    ans *= k;
  }
  return clip(ans * 2 ** exponent);
}

/** Pelz–Good asymptotic approximation to Pr(D_n ≤ x). */
function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z ** 2;
  const z3 = z ** 3;
  const z4 = z ** 4;
  const z6 = z ** 6;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m ** 2;
    const m4 = m ** 4;
    const m6 = m ** 6;
    const qpower = q ** (8 * k);
    const coeffs = [
      1,
      k1a + k1b * m2,
      k2a + k2b * m2 + k2c * m4,
      k3a + k3b * m2 + k3c * m4 + k3d * m6,
    ];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qpower + coeffs[i];
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT2PI) / divisors[i];
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const sqrt3z = SQRT3 * z;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qp = q ** k2;
    k2extra += k2 * qp;
    const kspi = Math.PI * k;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * k2 * qp;
  }
  K[2] += (k2extra * PI2 * SQRT2PI) / (-36 * z3);
  K[3] += (k3extra * PI2 * SQRT2PI) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i] / n ** (i / 2);
  return sum;
}

/**
 * The two-sided statistic's survival function Pr(D_n > x)
 * (`scipy.stats.kstwo.sf(x, n)`), choosing the method as scipy 1.10.1 does.
 */
export function kolmogorovSurvival(n: number, x: number): number {
  if (!(Number.isInteger(n) && n > 0)) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - prob);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSurvival(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 0.754693) return clip(1 - durbinMatrixCdf(n, x));
    if (nx2 <= 4) return clip(1 - pomeranzCdf(n, x));
    return clip(2 * smirnovSurvival(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSurvival(n, x));
  const cdf =
    n <= 100000 && n * x ** 1.5 <= 1.4
      ? durbinMatrixCdf(n, x)
      : pelzGoodCdf(n, x);
  return clip(1 - cdf);
}
