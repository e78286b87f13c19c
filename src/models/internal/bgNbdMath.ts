/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way") on
 * plain numbers, validated by the callers: the likelihood (eq. 6) in the log form
 * of Python lifetimes' BetaGeoFitter, its gradient, P(alive) (eq. 12) and the
 * expectations (eq. 8-10). Not public.
 *
 * Notation: x = frequency, tx = recency, T = age, all times in the data's unit.
 */
import type { History, SummaryColumns } from "./input.js";
import { nbdTotal } from "./nbdLikelihood.js";
import { digamma, hyp2f1Log, logGamma } from "./special.js";

/** The four parameters of BG/NBD and MBG/NBD: lambda ~ Gamma(r, alpha), p ~ Beta(a, b). */
export interface NbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** P(alive | x, tx, T) under BG/NBD (FHL 2005 eq. 12); 1 when x = 0. */
export function bgNbdProbabilityAlive(p: NbdParams, c: History): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = c;
  if (x === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** Evaluates g(a) at a = 1 by the mean of a = 1 +- 1e-5 (the formulas divide by a - 1; the limit exists). */
export function nearOne(a: number, g: (a: number) => number): number {
  if (Math.abs(a - 1) > 1e-7) return g(a);
  return (g(1 + 1e-5) + g(1 - 1e-5)) / 2;
}

/** E[X(t)] under BG/NBD (FHL 2005 eq. 9). */
export function bgNbdExpected(p: NbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  if (t === 0) return 0;
  return nearOne(a, (a) => {
    const z = t / (alpha + t);
    const h = hyp2f1Log(r, b, a + b - 1, z);
    const log = r * Math.log(alpha / (alpha + t)) + h.log;
    return ((a + b - 1) / (a - 1)) * (h.sign > 0 ? -Math.expm1(log) : 1 + Math.exp(log));
  });
}

/** E[Y(t) | x, tx, T] under BG/NBD (FHL 2005 eq. 10). */
export function bgNbdConditional(p: NbdParams, t: number, c: History): number {
  const { r, alpha, b } = p;
  const { x, T } = c;
  if (t === 0) return 0;
  return nearOne(p.a, (a) => {
    const z = t / (alpha + T + t);
    const h = hyp2f1Log(r + x, b + x, a + b + x - 1, z);
    const log = (r + x) * Math.log((alpha + T) / (alpha + T + t)) + h.log;
    const bracket = h.sign > 0 ? -Math.expm1(log) : 1 + Math.exp(log);
    return ((a + b + x - 1) / (a - 1)) * bracket * bgNbdProbabilityAlive({ ...p, a }, c);
  });
}

/** P(X(t) = x) for a new customer (FHL 2005 eq. 8), in log space; t > 0. */
export function bgNbdProbabilityOfPurchases(params: NbdParams, x: number, t: number): number {
  const { r, alpha, a, b } = params;
  const logP = Math.log(t) - Math.log(alpha + t);
  const logQ = r * Math.log(alpha / (alpha + t));
  const logBeta0 = logGamma(a + b) - logGamma(b) - logGamma(a + b + x);
  const first =
    logBeta0 + logGamma(b + x) + logGamma(r + x) - logGamma(r) - logGamma(x + 1) + logQ + x * logP;
  if (x === 0) return Math.exp(first);
  // 1 - (alpha/(alpha+t))^r sum_{j<x} Gamma(r+j)/(Gamma(r) j!) (t/(alpha+t))^j: the NBD tail P(N >= x).
  const p = t / (alpha + t);
  let term = Math.exp(logQ);
  let below = 0;
  for (let j = 0; j < x; j++) {
    below += term;
    term *= ((r + j) / (j + 1)) * p;
  }
  const second = Math.exp(logBeta0 + Math.log(a) + logGamma(b + x - 1));
  return Math.exp(first) + second * Math.max(0, 1 - below);
}

/**
 * Sum of the BG/NBD log-likelihood (eq. 6) over grouped rows, and its gradient with respect to
 * (r, alpha, a, b) written into `gradient` when given. With w = the share of the
 * second (drop-out) term in each customer's likelihood:
 * d/dr = psi(r+x) - psi(r) + ln alpha - (1-w) ln(alpha+T) - w ln(alpha+tx),
 * d/dalpha = r/alpha - (r+x) [(1-w)/(alpha+T) + w/(alpha+tx)],
 * d/da = psi(a+b) - psi(a+b+x) + w/a,
 * d/db = psi(a+b) - psi(b) + psi(b+x) - psi(a+b+x) - w/(b+x-1).
 */
export function bgNbdTotal(theta: readonly number[], c: SummaryColumns, gradient?: number[]): number {
  const [r, alpha, a, b] = theta as [number, number, number, number];
  const base = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
  const nl = c.levels.length;
  const levels = { head: new Float64Array(nl), first: new Float64Array(nl), second: new Float64Array(nl) };
  for (let k = 0; k < nl; k++) {
    const x = c.levels[k]!;
    levels.head[k] = base + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
    levels.second[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
  }
  const sums = nbdTotal(r, alpha, levels, c, gradient !== undefined);
  if (gradient === undefined) return sums.total;
  const psiR = digamma(r);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  const g = [sums.timeR, sums.timeAlpha, 0, 0];
  for (let k = 0; k < nl; k++) {
    const x = c.levels[k]!;
    const w = sums.levelWeight[k]!;
    const death = sums.levelSecond[k]!;
    const psiABX = digamma(a + b + x);
    g[0]! += w * (digamma(r + x) - psiR + Math.log(alpha));
    g[1]! += (w * r) / alpha;
    g[2]! += w * (psiAB - psiABX) + death / a;
    g[3]! += w * (psiAB - psiB + digamma(b + x) - psiABX) - (x > 0 ? death / (b + x - 1) : 0);
  }
  for (let j = 0; j < 4; j++) gradient[j] = g[j]!;
  return sums.total;
}
