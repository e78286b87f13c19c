/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007; Wagner & Hoppe 2008) on plain
 * numbers, validated by the callers: BG/NBD in which a customer may also drop out
 * right after the first purchase, so that the drop-out coin is tossed x + 1 times.
 * Not public.
 *
 * Notation: x = frequency, tx = recency, T = age, all times in the data's unit.
 */
import { type NbdParams, nearOne } from "./bgNbdMath.js";
import type { History, SummaryColumns } from "./input.js";
import { nbdTotal } from "./nbdLikelihood.js";
import { digamma, hyp2f1Log, logGamma } from "./special.js";

/** P(alive | x, tx, T) = 1 / (1 + a/(b+x) ((alpha+T)/(alpha+tx))^(r+x)); below 1 for x = 0 too. */
export function mbgNbdProbabilityAlive(p: NbdParams, c: History): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = c;
  const logOdds = Math.log(a) - Math.log(b + x) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * E[X(t)] = b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))]: BG/NBD's
 * expectation with the Beta(a, b) mixing weighted by the first survival (1 - p).
 */
export function mbgNbdExpected(p: NbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  if (t === 0) return 0;
  return nearOne(a, (a) => {
    const h = hyp2f1Log(r, b + 1, a + b, t / (alpha + t));
    const log = r * Math.log(alpha / (alpha + t)) + h.log;
    return (b / (a - 1)) * (h.sign > 0 ? -Math.expm1(log) : 1 + Math.exp(log));
  });
}

/**
 * E[Y(t) | x, tx, T] = (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x)
 * 2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))] P(alive): the BG/NBD expectation under the
 * posterior Gamma(r+x, alpha+T) x Beta(a, b+x+1) of a customer alive at T.
 */
export function mbgNbdConditional(p: NbdParams, t: number, c: History): number {
  const { r, alpha, b } = p;
  const { x, T } = c;
  if (t === 0) return 0;
  return nearOne(p.a, (a) => {
    const h = hyp2f1Log(r + x, b + x + 1, a + b + x, t / (alpha + T + t));
    const log = (r + x) * Math.log((alpha + T) / (alpha + T + t)) + h.log;
    const bracket = h.sign > 0 ? -Math.expm1(log) : 1 + Math.exp(log);
    return ((a + b + x) / (a - 1)) * bracket * mbgNbdProbabilityAlive({ ...p, a }, c);
  });
}

/**
 * P(X(t) = x) for a new customer: B(a, b+x+1)/B(a, b) NBD(x) + B(a+1, b+x)/B(a, b)
 * P(NBD >= x), the NBD(r, alpha) count over (0, t] (x = 0: dropped out at once).
 */
export function mbgNbdProbabilityOfPurchases(params: NbdParams, x: number, t: number): number {
  const { r, alpha, a, b } = params;
  const p = t / (alpha + t);
  const logQ = r * Math.log(alpha / (alpha + t));
  const logNorm = logGamma(a + b) - logGamma(b) - logGamma(a + b + x + 1);
  const nbd =
    logGamma(r + x) - logGamma(r) - logGamma(x + 1) + logQ + x * (Math.log(t) - Math.log(alpha + t));
  const first = Math.exp(logNorm + logGamma(b + x + 1) + nbd);
  let term = Math.exp(logQ);
  let below = 0;
  for (let j = 0; j < x; j++) {
    below += term;
    term *= ((r + j) / (j + 1)) * p;
  }
  const second = Math.exp(logNorm + Math.log(a) + logGamma(b + x));
  return first + second * Math.max(0, 1 - below);
}

/**
 * Sum of the MBG/NBD log-likelihood over grouped rows, with A = Gamma(r+x) alpha^r / Gamma(r),
 * `L = A [B(a, b+x+1)/B(a, b) (alpha+T)^-(r+x) + B(a+1, b+x)/B(a, b) (alpha+tx)^-(r+x)]`
 * (the second term, a drop-out right after the last purchase, for x = 0 too), and its
 * gradient with respect to
 * (r, alpha, a, b) when `gradient` is given. With w the share of the drop-out term:
 * d/da = psi(a+b) - psi(a+b+x+1) + w/a,
 * d/db = psi(a+b) - psi(b) + psi(b+x) - psi(a+b+x+1) + (1-w)/(b+x);
 * d/dr and d/dalpha as for BG/NBD.
 */
export function mbgNbdTotal(theta: readonly number[], c: SummaryColumns, gradient?: number[]): number {
  const [r, alpha, a, b] = theta as [number, number, number, number];
  const base = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
  const nl = c.levels.length;
  const levels = { head: new Float64Array(nl), first: new Float64Array(nl), second: new Float64Array(nl) };
  for (let k = 0; k < nl; k++) {
    const x = c.levels[k]!;
    levels.head[k] = base + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x + 1);
    levels.first[k] = Math.log(b + x);
    levels.second[k] = Math.log(a);
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
    const dead = sums.levelSecond[k]!;
    const psiABX = digamma(a + b + x + 1);
    g[0]! += w * (digamma(r + x) - psiR + Math.log(alpha));
    g[1]! += (w * r) / alpha;
    g[2]! += w * (psiAB - psiABX) + dead / a;
    g[3]! += w * (psiAB - psiB + digamma(b + x) - psiABX) + (w - dead) / (b + x);
  }
  for (let j = 0; j < 4; j++) gradient[j] = g[j]!;
  return sums.total;
}
