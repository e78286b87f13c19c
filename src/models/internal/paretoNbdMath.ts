/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987) on plain numbers, validated by
 * the callers: the likelihood of Fader & Hardie, "A Note on Deriving the Pareto/NBD
 * Model and Related Expressions" (2005), with its death-time integral computed
 * numerically (see paretoIntegral.ts); P(alive) (eq. 24); the expectations. Not public.
 *
 * Notation: x = frequency, tx = recency, T = age, all times in the data's unit.
 * One customer's likelihood is `L = C [alive + s I]` with
 * `C = Gamma(r+x) alpha^r beta^s / Gamma(r)`, `alive = (alpha+T)^-(r+x) (beta+T)^-s`
 * and `I = integral_tx^T (alpha+tau)^-(r+x) (beta+tau)^-(s+1) dtau` (died at tau);
 * the factor alpha^r beta^s is folded into both terms, so that nothing cancels.
 */
import type { History } from "./input.js";
import { integratePiece, logIntegral } from "./paretoIntegral.js";
import { integrate, logAddExp, logGamma } from "./special.js";

/** The four Pareto/NBD parameters: lambda ~ Gamma(r, alpha), mu ~ Gamma(s, beta). */
export interface ParetoParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

/**
 * The two log terms of one customer's likelihood:
 * `alive` = ln(alpha^r beta^s (alpha+T)^-(r+x) (beta+T)^-s), `dead` = ln(s I) with I
 * scaled alike (see paretoIntegral.ts); L = Gamma(r+x)/Gamma(r) (e^alive + e^dead).
 */
function paretoTerms(p: ParetoParams, c: History) {
  const { r, alpha, s, beta } = p;
  const { x, tx, T } = c;
  const alive = paretoAlive(r, alpha, s, beta, x, T);
  const piece = logIntegral();
  integratePiece({ r, alpha, s, beta, x }, tx, T, piece);
  return { alive, dead: Math.log(s) + piece.log };
}

/** ln(alpha^r beta^s (alpha+T)^-(r+x) (beta+T)^-s) without cancellation. */
export function paretoAlive(r: number, alpha: number, s: number, beta: number, x: number, T: number): number {
  return -r * Math.log1p(T / alpha) - x * Math.log(alpha + T) - s * Math.log1p(T / beta);
}

/** P(alive | x, tx, T) under Pareto/NBD (Fader-Hardie note eq. 24): the alive term's share of L. */
export function paretoNbdProbabilityAlive(p: ParetoParams, c: History): number {
  const { alive, dead } = paretoTerms(p, c);
  return Math.exp(alive - logAddExp(alive, dead));
}

/** (1 - (1 + u)^(-(s - 1))) / (s - 1), with its limit ln(1 + u) at s = 1. */
function paretoGrowth(s: number, u: number): number {
  const L = -Math.log1p(u);
  const e = s - 1;
  return e === 0 ? -L : -Math.expm1(e * L) / e;
}

/** E[X(t)] under Pareto/NBD: r beta / (alpha (s - 1)) [1 - (beta / (beta + t))^(s - 1)]. */
export function paretoNbdExpected(p: ParetoParams, t: number): number {
  const { r, alpha, s, beta } = p;
  return ((r * beta) / alpha) * paretoGrowth(s, t / beta);
}

/** E[Y(t) | x, tx, T] under Pareto/NBD (Fader-Hardie note eq. 26 times P(alive)). */
export function paretoNbdConditional(p: ParetoParams, t: number, c: History): number {
  const { r, alpha, s, beta } = p;
  const { x, T } = c;
  const pAlive = paretoNbdProbabilityAlive(p, c);
  return (((r + x) * (beta + T)) / (alpha + T)) * paretoGrowth(s, t / (beta + T)) * pAlive;
}

/**
 * P(X(t) = x) for a new customer, from its definition: with the lifetime tau ~
 * Pareto II(s, beta) and purchases NBD(r, alpha) while alive,
 * `P = (beta/(beta+t))^s NBD_x(t) + integral_0^t s beta^s (beta+tau)^-(s+1) NBD_x(tau) dtau`
 * where `NBD_x(u) = Gamma(r+x)/(Gamma(r) x!) (alpha/(alpha+u))^r (u/(alpha+u))^x`
 * (adaptive Gauss-Legendre).
 */
export function paretoNbdProbabilityOfPurchases(p: ParetoParams, x: number, t: number): number {
  const { r, alpha, s, beta } = p;
  const logNorm = logGamma(r + x) - logGamma(r) - logGamma(x + 1);
  const logNbd = (u: number) =>
    u === 0
      ? x === 0
        ? 0
        : Number.NEGATIVE_INFINITY
      : logNorm + r * Math.log(alpha / (alpha + u)) + x * Math.log(u / (alpha + u));
  const survive = Math.exp(s * Math.log(beta / (beta + t)) + logNbd(t));
  const died = integrate(
    (tau) => Math.exp(Math.log(s) + s * Math.log(beta) - (s + 1) * Math.log(beta + tau) + logNbd(tau)),
    0,
    t,
  );
  return survive + died;
}
