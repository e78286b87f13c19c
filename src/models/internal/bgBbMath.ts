/**
 * BG/BB (Fader, Hardie & Shang 2010, "Customer-base analysis in a discrete-time
 * noncontractual setting", Marketing Science 29(6)) on plain numbers, validated by
 * the callers: a customer alive at an opportunity transacts with probability
 * p ~ Beta(alpha, beta) and drops out before each opportunity with probability
 * theta ~ Beta(gamma, delta). Not public.
 *
 * Notation: x = transactions, tx = the opportunity of the last one (0 if none),
 * n = opportunities observed. Every beta function has integer offsets, so one
 * evaluation tabulates ln Gamma and psi at (parameter + k) once for all rows.
 */
import { digamma, logBeta, logGamma } from "./special.js";

/** Distinct (x, tx, n) rows with their weights. */
export interface BgBbColumns {
  readonly x: Int32Array;
  readonly tx: Int32Array;
  readonly n: Int32Array;
  readonly weight: Float64Array;
  /** Sum of the weights (the number of customers). */
  readonly customers: number;
  /** The largest n. */
  readonly maxPeriods: number;
}

/** ln Gamma(p + k) and psi(p + k) for k = 0 .. size - 1. */
function table(p: number, size: number, withDigamma: boolean): { lg: Float64Array; psi: Float64Array } {
  const lg = new Float64Array(size);
  const psi = new Float64Array(withDigamma ? size : 0);
  for (let k = 0; k < size; k++) {
    lg[k] = logGamma(p + k);
    if (withDigamma) psi[k] = digamma(p + k);
  }
  return { lg, psi };
}

/**
 * Sum over the rows of ln L with
 * `L = B(a+x, b+n-x)/B(a, b) B(g, d+n)/B(g, d) + sum_{i=0}^{n-tx-1} B(a+x, b+tx-x+i)/B(a, b) B(g+1, d+tx+i)/B(g, d)`
 * (FHS 2010 eq. 5; a, b, g, d = alpha, beta, gamma, delta), and its gradient when
 * `gradient` is given: each term's log-derivatives (differences of psi) weighted by
 * the term's share of L.
 */
export function bgBbTotal(theta: readonly number[], c: BgBbColumns, gradient?: number[]): number {
  const [alpha, beta, gamma, delta] = theta as [number, number, number, number];
  const size = c.maxPeriods + 2;
  const withGrad = gradient !== undefined;
  const A = table(alpha, size, withGrad);
  const B = table(beta, size, withGrad);
  const AB = table(alpha + beta, size, withGrad);
  const D = table(delta, size, withGrad);
  const GD = table(gamma + delta, size, withGrad);
  const c0 = A.lg[0]! + B.lg[0]! - AB.lg[0]! + D.lg[0]! - GD.lg[0]!;
  const logGammaParam = Math.log(gamma);
  const g = [0, 0, 0, 0];
  const terms: number[] = [];
  let total = 0;
  for (let row = 0; row < c.x.length; row++) {
    const x = c.x[row]!;
    const tx = c.tx[row]!;
    const n = c.n[row]!;
    // terms[0]: alive through n; terms[1 + i]: dropped out before opportunity tx + i + 1.
    terms.length = 0;
    terms.push(A.lg[x]! + B.lg[n - x]! - AB.lg[n]! + D.lg[n]! - GD.lg[n]! - c0);
    for (let i = 0; i < n - tx; i++) {
      const j = tx + i;
      terms.push(A.lg[x]! + B.lg[j - x]! - AB.lg[j]! + logGammaParam + D.lg[j]! - GD.lg[j + 1]! - c0);
    }
    const top = Math.max(...terms);
    let sum = 0;
    for (const t of terms) sum += Math.exp(t - top);
    const w = c.weight[row]!;
    total += w * (top + Math.log(sum));
    if (!withGrad) continue;
    for (let k = 0; k < terms.length; k++) {
      const share = (w * Math.exp(terms[k]! - top)) / sum;
      const j = k === 0 ? n : tx + k - 1;
      g[0]! += share * (A.psi[x]! - AB.psi[j]! - A.psi[0]! + AB.psi[0]!);
      g[1]! += share * (B.psi[j - x]! - AB.psi[j]! - B.psi[0]! + AB.psi[0]!);
      // The alive term has B(g, d+n); a drop-out term B(g+1, d+j) = g/(g+d+j) B(g, d+j).
      const shift = k === 0 ? 0 : 1;
      g[2]! += share * ((k === 0 ? 0 : 1 / gamma) - GD.psi[j + shift]! + GD.psi[0]!);
      g[3]! += share * (D.psi[j]! - GD.psi[j + shift]! - D.psi[0]! + GD.psi[0]!);
    }
  }
  if (withGrad) for (let j = 0; j < 4; j++) gradient[j] = g[j]!;
  return total;
}

/** ln of L's first term and of L for one customer (for P(alive)). */
export function bgBbLogTerms(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  customer: { readonly x: number; readonly tx: number; readonly n: number },
): { alive: number; total: number } {
  const { x, tx, n } = customer;
  const ab = logBeta(alpha, beta);
  const gd = logBeta(gamma, delta);
  const alive = logBeta(alpha + x, beta + n - x) - ab + logBeta(gamma, delta + n) - gd;
  let total = alive;
  for (let i = 0; i < n - tx; i++) {
    const t = logBeta(alpha + x, beta + tx - x + i) - ab + logBeta(gamma + 1, delta + tx + i) - gd;
    total = Math.max(total, t) + Math.log1p(Math.exp(-Math.abs(total - t)));
  }
  return { alive, total };
}

/**
 * sum_{t=from+1}^{to} B(g, d+t)/B(g, d), the expected number of opportunities in
 * (from, to] at which a new customer is alive:
 * `d/(g-1) [G(from) - G(to)]` with `G(m) = Gamma(g+d) Gamma(1+d+m) / (Gamma(g+d+m) Gamma(1+d))`;
 * at g = 1 (where the formula divides by 0) the mean of g = 1 +- 1e-5.
 */
export function aliveOpportunities(gamma: number, delta: number, from: number, to: number): number {
  if (to <= from) return 0;
  const sum = (g: number) => {
    const logG = (m: number) =>
      logGamma(g + delta) + logGamma(1 + delta + m) - logGamma(g + delta + m) - logGamma(1 + delta);
    const a = logG(from);
    return (delta / (g - 1)) * -Math.expm1(logG(to) - a) * Math.exp(a);
  };
  return Math.abs(gamma - 1) > 1e-7 ? sum(gamma) : (sum(1 + 1e-5) + sum(1 - 1e-5)) / 2;
}

/**
 * P(X(n) = x) for a new customer (FHS 2010 eq. 7): alive through n with x of n
 * opportunities taken, or alive for i opportunities (x <= i < n) and gone after:
 * `C(n,x) B(a+x, b+n-x)/B(a,b) B(g, d+n)/B(g,d) + sum_{i=x}^{n-1} C(i,x) B(a+x, b+i-x)/B(a,b) B(g+1, d+i)/B(g,d)`.
 */
export function bgBbProbabilityOfPurchases(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  x: number,
  n: number,
): number {
  if (x > n) return 0;
  const ab = logBeta(alpha, beta);
  const gd = logBeta(gamma, delta);
  const logChoose = (m: number) => logGamma(m + 1) - logGamma(x + 1) - logGamma(m - x + 1);
  let p = Math.exp(logChoose(n) + logBeta(alpha + x, beta + n - x) - ab + logBeta(gamma, delta + n) - gd);
  for (let i = x; i < n; i++) {
    p += Math.exp(logChoose(i) + logBeta(alpha + x, beta + i - x) - ab + logBeta(gamma + 1, delta + i) - gd);
  }
  return p;
}
