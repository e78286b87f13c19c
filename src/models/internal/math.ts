/**
 * The per-customer formulas of the three models, on plain numbers (validated by
 * the callers). Log space throughout, so that customers with hundreds of
 * purchases give finite values. Not public.
 *
 * Notation: x = frequency, tx = recency, T = age, all times in the data's unit.
 */
import type { SummaryColumns } from "./input.js";
import { hyp2f1Log, hyp2f1LogAbs, integrate, logAddExp, logGamma, logSubExp } from "./special.js";

// ---------------------------------------------------------------- BG/NBD
// Fader, Hardie & Lee (2005), "Counting your customers the easy way", eq. 6,
// in the log form of Python lifetimes' BetaGeoFitter.

/** ln L(r, alpha, a, b | x, tx, T) of one BG/NBD customer. */
export function bgNbdLogLik(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number,
): number {
  const a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const a2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  const a4 =
    x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : Number.NEGATIVE_INFINITY;
  return a1 + a2 + logAddExp(a3, a4);
}

/** P(alive | x, tx, T) under BG/NBD (FHL 2005 eq. 12); 1 when x = 0. */
export function bgNbdProbabilityAlive(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (x === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** Evaluates g(a) at a = 1 by the mean of a = 1 +- 1e-5 (the formulas divide by a - 1; the limit exists). */
function nearOne(a: number, g: (a: number) => number): number {
  if (Math.abs(a - 1) > 1e-7) return g(a);
  return (g(1 + 1e-5) + g(1 - 1e-5)) / 2;
}

/** E[X(t)] under BG/NBD (FHL 2005 eq. 9). */
export function bgNbdExpected(r: number, alpha: number, a: number, b: number, t: number): number {
  if (t === 0) return 0;
  return nearOne(a, (a) => {
    const z = t / (alpha + t);
    const h = hyp2f1Log(r, b, a + b - 1, z);
    const log = r * Math.log(alpha / (alpha + t)) + h.log;
    return ((a + b - 1) / (a - 1)) * (h.sign > 0 ? -Math.expm1(log) : 1 + Math.exp(log));
  });
}

/** E[Y(t) | x, tx, T] under BG/NBD (FHL 2005 eq. 10). */
export function bgNbdConditional(
  r: number,
  alpha: number,
  a: number,
  b: number,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (t === 0) return 0;
  return nearOne(a, (a) => {
    const z = t / (alpha + T + t);
    const h = hyp2f1Log(r + x, b + x, a + b + x - 1, z);
    const log = (r + x) * Math.log((alpha + T) / (alpha + T + t)) + h.log;
    const bracket = h.sign > 0 ? -Math.expm1(log) : 1 + Math.exp(log);
    return ((a + b + x - 1) / (a - 1)) * bracket * bgNbdProbabilityAlive(r, alpha, a, b, x, tx, T);
  });
}

// ---------------------------------------------------------------- Pareto/NBD
// Schmittlein, Morrison & Colombo (1987); the likelihood as in Fader & Hardie,
// "A Note on Deriving the Pareto/NBD Model and Related Expressions" (2005), eq. 22.

// Beyond this argument the 2F1 series of A0 needs too many terms; A0 is then
// integrated directly (paretoLogA0ByIntegral).
const SERIES_LIMIT = 0.9;
// ...or where the series needs more than some thousands of terms: it needs about
// b z / (1 - z) of them, which with an extreme trial parameter (s ~ 1e7 during a
// search) would be millions per customer.
const SERIES_TERMS_LIMIT = 2000;

/** Whether 2F1(., b; .; z) of A0 is summed as a series (else A0 is integrated). */
function seriesFits(z: number, b: number): boolean {
  return z <= SERIES_LIMIT && (b * z) / (1 - z) <= SERIES_TERMS_LIMIT;
}

/**
 * ln A0 by its integral form, for the cases where the 2F1 argument is close to 1:
 * `A0 = (r+s+x) * integral_tx^T (alpha+tau)^-(r+x) (beta+tau)^-(s+1) dtau`
 * (the death-time integral of the likelihood, of which the 2F1 expression is the
 * closed form). Integrated in u = ln(min(alpha, beta) + tau), where the
 * log-integrand is concave, scaled by its maximum so that nothing underflows.
 */
export function paretoLogA0ByIntegral(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (tx >= T) return Number.NEGATIVE_INFINITY;
  const rx = r + x;
  const small = Math.min(alpha, beta);
  const d = Math.abs(alpha - beta);
  // Exponents on (small + tau) and (small + d + tau).
  const mSmall = alpha <= beta ? rx : s + 1;
  const mBig = alpha <= beta ? s + 1 : rx;
  // log of the integrand in u, Jacobian e^u included.
  const logF = (u: number) => (1 - mSmall) * u - mBig * Math.log(d + Math.exp(u));
  const u0 = Math.log(small + tx);
  // Integrated in v = u - u0 over [0, v1], so that the nodes carry no rounding of u0:
  // with huge exponents (s ~ 1e7 during a search) a rounding of 1e-15 in u would be a
  // noise of 1e-8 in the integrand, far above the integrator's tolerance.
  const v1 = Math.log1p((T - tx) / (small + tx));
  let vTop = logF(u0) >= logF(u0 + v1) ? 0 : v1;
  // Interior stationary point: (1 - mSmall)(d + e^u) = mBig e^u.
  if (mSmall < 1 && mBig > 1 - mSmall && d > 0) {
    const vs = Math.log(((1 - mSmall) * d) / (mBig - (1 - mSmall))) - u0;
    if (vs > 0 && vs < v1 && logF(u0 + vs) > logF(u0 + vTop)) vTop = vs;
  }
  const peak = logF(u0 + vTop);
  // logF(u0 + v) - peak without cancellation (logF itself is ~ -1e8 in such cases).
  const eTop = (small + tx) * Math.exp(vTop);
  const scaled = (v: number) =>
    Math.exp((1 - mSmall) * (v - vTop) - mBig * Math.log1p((eTop * Math.expm1(v - vTop)) / (d + eTop)));
  const integral = integrate(scaled, 0, v1);
  return Math.log(r + s + x) + Math.log(integral) + peak;
}

/** ln A0 of the Fader-Hardie note (the hypergeometric term), by a log-space difference. */
function paretoLogA0(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (tx >= T) return Number.NEGATIVE_INFINITY;
  const second = alpha >= beta ? s + 1 : r + x;
  if (!seriesFits(Math.abs(alpha - beta) / (Math.max(alpha, beta) + tx), second)) {
    return paretoLogA0ByIntegral(r, alpha, s, beta, x, tx, T);
  }
  const rsx = r + s + x;
  const big = Math.max(alpha, beta);
  const gap = Math.abs(alpha - beta);
  const q1 = big + tx;
  const q2 = big + T;
  // All 2F1 parameters are > 0 here, so the series is positive.
  const atTx = hyp2f1LogAbs(rsx, second, rsx + 1, gap / q1) - rsx * Math.log(q1);
  const atT = hyp2f1LogAbs(rsx, second, rsx + 1, gap / q2) - rsx * Math.log(q2);
  // Mathematically atTx > atT when tx < T; equal up to rounding means A0 ~ 0.
  return atT >= atTx ? Number.NEGATIVE_INFINITY : logSubExp(atTx, atT);
}

/** The two log terms of the Pareto/NBD likelihood: alive at T, and died in (tx, T]. */
function paretoTerms(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number) {
  const common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const dead = Math.log(s) - Math.log(r + s + x) + paretoLogA0(r, alpha, s, beta, x, tx, T);
  return { common, alive, dead };
}

/** ln L(r, alpha, s, beta | x, tx, T) of one Pareto/NBD customer. */
export function paretoNbdLogLik(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): number {
  const { common, alive, dead } = paretoTerms(r, alpha, s, beta, x, tx, T);
  return common + logAddExp(alive, dead);
}

/** P(alive | x, tx, T) under Pareto/NBD (Fader-Hardie note eq. 24). */
export function paretoNbdProbabilityAlive(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): number {
  const { alive, dead } = paretoTerms(r, alpha, s, beta, x, tx, T);
  return Math.exp(alive - logAddExp(alive, dead));
}

/** (1 - (1 + u)^(-(s - 1))) / (s - 1), with its limit ln(1 + u) at s = 1. */
function paretoGrowth(s: number, u: number): number {
  const L = -Math.log1p(u);
  const e = s - 1;
  return e === 0 ? -L : -Math.expm1(e * L) / e;
}

/** E[X(t)] under Pareto/NBD: r beta / (alpha (s - 1)) [1 - (beta / (beta + t))^(s - 1)]. */
export function paretoNbdExpected(r: number, alpha: number, s: number, beta: number, t: number): number {
  return ((r * beta) / alpha) * paretoGrowth(s, t / beta);
}

/** E[Y(t) | x, tx, T] under Pareto/NBD (Fader-Hardie note eq. 26 times P(alive)). */
export function paretoNbdConditional(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  const pAlive = paretoNbdProbabilityAlive(r, alpha, s, beta, x, tx, T);
  return (((r + x) * (beta + T)) / (alpha + T)) * paretoGrowth(s, t / (beta + T)) * pAlive;
}

// ---------------------------------------------------------------- Gamma-Gamma
// Fader, Hardie & Lee (2005), "RFM and CLV: Using iso-value curves for customer
// base analysis", eq. 1 (the marginal of the mean spend zbar of x transactions).

/** ln f(zbar | p, q, v, x) of one Gamma-Gamma repeat buyer (x > 0, zbar > 0). */
export function gammaGammaLogLik(p: number, q: number, v: number, x: number, zbar: number): number {
  const px = p * x;
  return (
    logGamma(px + q) -
    logGamma(px) -
    logGamma(q) +
    q * Math.log(v) +
    (px - 1) * Math.log(zbar) +
    px * Math.log(x) -
    (px + q) * Math.log(x * zbar + v)
  );
}

/** E[Z | p, q, v, x, zbar] = p (v + x zbar) / (p x + q - 1) (FHL 2005 eq. 2). */
export function gammaGammaConditional(p: number, q: number, v: number, x: number, zbar: number): number {
  return (p * (v + x * zbar)) / (p * x + q - 1);
}

// ---------------------------------------------------------------- totals over a summary
// The same formulas summed over grouped rows, with the frequency-only parts
// computed once per distinct frequency (the fits call these thousands of times).

/** Sum of {@link bgNbdLogLik} over the summary. */
export function bgNbdTotalLogLik(r: number, alpha: number, a: number, b: number, c: SummaryColumns): number {
  const base = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
  const nl = c.levels.length;
  const head = new Float64Array(nl);
  const logDeath = new Float64Array(nl);
  const logA = Math.log(a);
  for (let k = 0; k < nl; k++) {
    const x = c.levels[k]!;
    head[k] = base + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
    logDeath[k] = x > 0 ? logA - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
  }
  // log(alpha + t) once per distinct time: the same values as per row, far fewer logs.
  const nt = c.times.length;
  const logAlphaPlus = new Float64Array(nt);
  for (let k = 0; k < nt; k++) logAlphaPlus[k] = Math.log(alpha + c.times[k]!);
  let total = 0;
  for (let i = 0; i < c.x.length; i++) {
    const k = c.level[i]!;
    const xi = c.x[i]!;
    const rx = r + xi;
    const a3 = -rx * logAlphaPlus[c.TTime[i]!]!;
    if (xi === 0) {
      // No repeat purchase: the death term is absent (log 0), the sum is a3 alone.
      total += c.weight[i]! * (head[k]! + a3);
      continue;
    }
    const a4 = logDeath[k]! - rx * logAlphaPlus[c.txTime[i]!]!;
    total += c.weight[i]! * (head[k]! + logAddExp(a3, a4));
  }
  return total;
}

/**
 * Sum of {@link paretoNbdLogLik} over the summary. The two hypergeometric terms of
 * A0 depend on (x, tx) and (x, T) only, so they are computed once per distinct
 * pair (all customers without repeat purchases share tx = 0).
 */
export function paretoNbdTotalLogLik(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  c: SummaryColumns,
): number {
  const base = -logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const nl = c.levels.length;
  const head = new Float64Array(nl);
  for (let k = 0; k < nl; k++) head[k] = base + logGamma(r + c.levels[k]!);
  const big = Math.max(alpha, beta);
  const gap = Math.abs(alpha - beta);
  const np = c.pairX.length;
  const term = new Float64Array(np);
  for (let k = 0; k < np; k++) {
    const x = c.pairX[k]!;
    // Rows whose tx term is past the series limit use the integral (below).
    const second = alpha >= beta ? s + 1 : r + x;
    if (!seriesFits(gap / (big + c.pairTime[k]!), second)) continue;
    const rsx = r + s + x;
    const q = big + c.pairTime[k]!;
    term[k] = hyp2f1LogAbs(rsx, second, rsx + 1, gap / q) - rsx * Math.log(q);
  }
  const logS = Math.log(s);
  let total = 0;
  for (let i = 0; i < c.x.length; i++) {
    const x = c.x[i]!;
    const T = c.T[i]!;
    const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
    const atTx = term[c.txPair[i]!]!;
    const atT = term[c.TPair[i]!]!;
    const tx = c.tx[i]!;
    const logA0 = !seriesFits(gap / (big + tx), alpha >= beta ? s + 1 : r + x)
      ? paretoLogA0ByIntegral(r, alpha, s, beta, x, tx, T)
      : tx >= T || atT >= atTx
        ? Number.NEGATIVE_INFINITY
        : logSubExp(atTx, atT);
    const dead = logS - Math.log(r + s + x) + logA0;
    total += c.weight[i]! * (head[c.level[i]!]! + logAddExp(alive, dead));
  }
  return total;
}

/** Sum of {@link gammaGammaLogLik} over repeat buyers given as columns. */
export function gammaGammaTotalLogLik(
  p: number,
  q: number,
  v: number,
  x: Float64Array,
  zbar: Float64Array,
): number {
  let total = 0;
  for (let i = 0; i < x.length; i++) total += gammaGammaLogLik(p, q, v, x[i]!, zbar[i]!);
  return total;
}
