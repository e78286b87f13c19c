/**
 * Special functions for the customer-base models: the log-gamma function and the
 * Gauss hypergeometric function 2F1 on [0, 1), both in log space where it matters.
 * Not public.
 */

// Lanczos approximation, g = 607/128, 15 coefficients (the set used by Boost and by
// Godfrey's tables), written as the doubles they round to; relative error of
// Gamma about 1e-15 for x >= 0.5.
const LANCZOS_G = 607 / 128;
const LANCZOS = [
  0.9999999999999971, 57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202,
  0.00003399464998481189, 0.00004652362892704858, -0.00009837447530487956, 0.0001580887032249125,
  -0.00021026444172410488, 0.00021743961811521265, -0.0001643181065367639, 0.00008441822398385275,
  -0.000026190838401581408, 0.0000036899182659531625,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln |Gamma(x)| for real x (not a non-positive integer, where it returns +Infinity).
 * Absolute error about 1e-14 over the range the models use.
 */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x).
    const s = Math.sin(Math.PI * x);
    if (s === 0) return Number.POSITIVE_INFINITY;
    return Math.log(Math.PI / Math.abs(s)) - logGamma(1 - x);
  }
  const y = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * The digamma function psi(x) = d/dx ln Gamma(x) for x > 0 (and negative
 * non-integers by reflection): the recurrence psi(x) = psi(x + 1) - 1/x up to
 * x >= 10, then the asymptotic series ln x - 1/(2x) - sum B_2k / (2k x^2k) with
 * seven terms (Abramowitz & Stegun 6.3.18); absolute error about 1e-15.
 */
export function digamma(x: number): number {
  if (x <= 0 && Number.isInteger(x)) return Number.NaN;
  if (x < 0) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  const series =
    f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132 - f * (691 / 32760 - f / 12))))));
  return shift + Math.log(x) - 0.5 / x - series;
}

/** ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** log(exp(x) + exp(y)) without overflow. */
export function logAddExp(x: number, y: number): number {
  if (x === Number.NEGATIVE_INFINITY) return y;
  if (y === Number.NEGATIVE_INFINITY) return x;
  return x > y ? x + Math.log1p(Math.exp(y - x)) : y + Math.log1p(Math.exp(x - y));
}

/** log(exp(x) - exp(y)) for x >= y (NaN when y > x; -Infinity when equal). */
export function logSubExp(x: number, y: number): number {
  if (y === Number.NEGATIVE_INFINITY) return x;
  const d = y - x;
  if (d > 0) return Number.NaN;
  // log1p(-e^d) is accurate near d = 0 via expm1.
  return x + (d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
}

const LOG_SCALE_STEP = 280 * Math.LN10;
const MAX_SERIES_TERMS = 2_000_000;

/** A signed number held as `sign * exp(log)`. */
export interface SignedLog {
  readonly sign: number;
  readonly log: number;
}

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1 by its power
 * series sum_k (a)_k (b)_k / ((c)_k k!) z^k, returned as sign and log of the
 * magnitude. The running sum is rescaled when it grows past 1e280, so a sum of
 * order (1 - z)^(-b) with a large b (a customer with many purchases) stays
 * finite. Summation stops once the remaining tail, bounded by a geometric series
 * with the current term ratio, is below 1e-17 of the sum. Returns NaN when c is a
 * non-positive integer, z is outside [0, 1), or the series needs more than two
 * million terms (z extremely close to 1).
 */
export function hyp2f1Log(a: number, b: number, c: number, z: number): SignedLog {
  const log = hyp2f1LogAbs(a, b, c, z);
  return { sign: lastSign, log };
}

let lastSign = 1;

/**
 * ln |2F1(a, b; c; z)| as {@link hyp2f1Log} without allocating (the likelihood
 * loops call it millions of times); the sign is left in `lastSign`.
 */
export function hyp2f1LogAbs(a: number, b: number, c: number, z: number): number {
  lastSign = 1;
  if (!(z >= 0 && z < 1) || (c <= 0 && Number.isInteger(c))) return Number.NaN;
  if (z === 0 || a === 0 || b === 0) return 0;
  let term = 1;
  let sum = 1;
  let scale = 0;
  for (let k = 0; k < MAX_SERIES_TERMS; k++) {
    const ratio = (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    term *= ratio;
    sum += term;
    if (term === 0) break;
    const absRatio = Math.abs(ratio);
    // Past the largest term (ratio < 1 and falling towards z), the tail is below
    // |term| * r / (1 - r) with r the current ratio.
    if (absRatio < 1 && k + 1 > -Math.min(a, b, c)) {
      const tail = (Math.abs(term) * absRatio) / (1 - absRatio);
      if (tail <= 1e-17 * Math.abs(sum)) {
        lastSign = Math.sign(sum);
        return Math.log(Math.abs(sum)) + scale;
      }
    }
    if (Math.abs(sum) > 1e280) {
      sum *= 1e-280;
      term *= 1e-280;
      scale += LOG_SCALE_STEP;
    }
  }
  return Number.NaN;
}

/** 2F1(a, b; c; z) for 0 <= z < 1 as a plain number (see {@link hyp2f1Log}). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const { sign, log } = hyp2f1Log(a, b, c, z);
  return sign * Math.exp(log);
}

/** Nodes and weights of the n-point Gauss-Legendre rule on [-1, 1] (Newton on P_n). */
function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}

const GL = gaussLegendre(20);

/** The 20-point Gauss-Legendre estimate of the integral of f over [lo, hi]. */
function gaussPanel(f: (u: number) => number, lo: number, hi: number): number {
  const mid = (lo + hi) / 2;
  const half = (hi - lo) / 2;
  let s = 0;
  for (let i = 0; i < GL.nodes.length; i++) s += GL.weights[i]! * f(mid + half * GL.nodes[i]!);
  return s * half;
}

/** Most panels {@link integrate} splits. */
const MAX_BISECTIONS = 2000;

/**
 * The integral of a smooth non-negative `f` over [lo, hi] by adaptive bisection of
 * 20-point Gauss-Legendre panels, to a relative tolerance of about 1e-14 of the
 * total. At most {@link MAX_BISECTIONS} panels are split, so that an integrand whose
 * rounding noise exceeds the tolerance costs bounded time (the panels left are then
 * taken as they are: the noise is what limits the accuracy anyway).
 */
export function integrate(f: (u: number) => number, lo: number, hi: number): number {
  if (!(hi > lo)) return 0;
  const whole = gaussPanel(f, lo, hi);
  let total = 0;
  const stack: [number, number, number, number][] = [[lo, hi, whole, 0]];
  // Estimate of the total for the stopping rule (refined as panels finish).
  let scale = Math.abs(whole);
  let bisections = 0;
  while (stack.length > 0) {
    const [a, b, estimate, depth] = stack.pop()!;
    const m = (a + b) / 2;
    const left = gaussPanel(f, a, m);
    const right = gaussPanel(f, m, b);
    const refined = left + right;
    scale = Math.max(scale, Math.abs(refined));
    if (Math.abs(refined - estimate) <= 1e-15 * scale || depth >= 50 || bisections >= MAX_BISECTIONS) {
      total += refined;
    } else {
      bisections++;
      stack.push([a, m, left, depth + 1], [m, b, right, depth + 1]);
    }
  }
  return total;
}
