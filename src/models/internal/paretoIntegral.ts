/**
 * The death-time integral of the Pareto/NBD likelihood, scaled by alpha^r beta^s:
 * `I = integral_tx^T f(tau) dtau` with
 * `f(tau) = alpha^r beta^s (alpha+tau)^-(r+x) (beta+tau)^-(s+1)`, and the f-weighted
 * means of the four derivatives of ln f over it (for the gradient). The scaling
 * keeps ln f free of cancellation: `ln f = -r log1p(tau/alpha) - x ln(alpha+tau)
 * - s log1p(tau/beta) - ln(beta+tau)`, even when r or s is in the millions. Not public.
 *
 * The integral replaces the Gauss hypergeometric expression of Fader & Hardie's
 * note (its closed form), whose series needs thousands of terms when one of alpha,
 * beta is far larger than the other. f is positive and decreasing, so it is
 * integrated on a geometric grid in `min(alpha, beta) + tau` fine enough that ln f
 * changes by at most 3 and the log terms by at most a factor 1.5 on each cell, with
 * 8-point Gauss-Legendre per cell (error below 1e-15 of the cell); cells where f has
 * fallen below e^-50 of its start are dropped.
 */
import { CustomerValueError } from "../../errors/CustomerValueError.js";

/** The derivatives of ln f: with respect to r, alpha, s, beta. */
export type Moments = [number, number, number, number];

/** ln of an integral of f and the f-weighted means of d ln f / d(r, alpha, s, beta) over it. */
export interface LogIntegral {
  log: number;
  readonly means: Moments;
}

/** The integrand's parameters for one frequency x. */
export interface Integrand {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
  readonly x: number;
}

// 8-point Gauss-Legendre nodes and weights on [-1, 1] (Abramowitz & Stegun table 25.4).
const NODES = [
  -0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498, 0.1834346424956498,
  0.525532409916329, 0.7966664774136267, 0.9602898564975363,
];
const WEIGHTS = [
  0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.362683783378362, 0.362683783378362,
  0.3137066458778873, 0.2223810344533745, 0.1012285362903763,
];
const CELL_LOG_DROP = 3;
const CELL_RATIO = Math.log(1.5);
const NEGLIGIBLE = 50;

/** ln f(tau). */
export function logIntegrand(p: Integrand, tau: number): number {
  return (
    -p.r * Math.log1p(tau / p.alpha) -
    p.x * Math.log(p.alpha + tau) -
    p.s * Math.log1p(tau / p.beta) -
    Math.log(p.beta + tau)
  );
}

/**
 * `integral_lo^hi f` as a {@link LogIntegral} (log = -Infinity when hi <= lo),
 * written into `out`. Cells grow geometrically in `small + tau`, each as long as
 * the local slope of ln f allows: `D = m (small+tau)/(alpha+tau) + n (small+tau)/(beta+tau)`
 * is that slope per unit of ln(small + tau), increasing in tau, so the slope at a
 * cell's end bounds the drop of ln f across the cell (m = r + x, n = s + 1).
 */
export function integratePiece(p: Integrand, lo: number, hi: number, out: LogIntegral): void {
  const { r, alpha, s, beta, x } = p;
  const m = r + x;
  const n = s + 1;
  const means = out.means;
  means.fill(0);
  if (!(hi > lo)) {
    out.log = Number.NEGATIVE_INFINITY;
    return;
  }
  const cells: Cells = { alpha, beta, m, n, small: Math.min(alpha, beta), hi };
  // ln f(tau) - ln f(lo) = -m log1p(d / (alpha+lo)) - n log1p(d / (beta+lo)), d = tau - lo:
  // no cancellation however large m and n are.
  const alphaLo = alpha + lo;
  const betaLo = beta + lo;
  let sum = 0;
  let a = lo;
  while (a < hi && -m * Math.log1p((a - lo) / alphaLo) - n * Math.log1p((a - lo) / betaLo) > -NEGLIGIBLE) {
    const b = cellEnd(cells, a);
    if (!(b > a)) unresolvable(m, n);
    const mid = (a + b) / 2;
    const half = (b - a) / 2;
    for (let i = 0; i < 8; i++) {
      const tau = mid + half * NODES[i]!;
      const d = tau - lo;
      const weight = WEIGHTS[i]! * half * Math.exp(-m * Math.log1p(d / alphaLo) - n * Math.log1p(d / betaLo));
      sum += weight;
      // d ln f / d(r, alpha, s, beta), each written without cancellation.
      means[0] -= weight * Math.log1p(tau / alpha);
      means[1] += (weight * (r * tau - x * alpha)) / (alpha * (alpha + tau));
      means[2] -= weight * Math.log1p(tau / beta);
      means[3] += (weight * (s * tau - beta)) / (beta * (beta + tau));
    }
    a = b;
  }
  for (let j = 0; j < 4; j++) means[j] = means[j]! / sum;
  out.log = logIntegrand(p, lo) + Math.log(sum);
}

/** What the cell sizes depend on: the exponents m, n and the offsets of the integrand. */
interface Cells {
  readonly alpha: number;
  readonly beta: number;
  readonly m: number;
  readonly n: number;
  readonly small: number;
  readonly hi: number;
}

/** The slope of ln f per unit of ln(small + tau): m (small+tau)/(alpha+tau) + n (small+tau)/(beta+tau). */
function slope(q: Cells, tau: number): number {
  return (q.m * (q.small + tau)) / (q.alpha + tau) + (q.n * (q.small + tau)) / (q.beta + tau);
}

/** The end of the cell that starts at `a`: its slope at the end, an upper bound, caps the drop at 3. */
function cellEnd(q: Cells, a: number): number {
  const first = Math.min(CELL_RATIO, CELL_LOG_DROP / slope(q, a));
  const guess = (q.small + a) * Math.exp(first) - q.small;
  const step = Math.min(CELL_RATIO, CELL_LOG_DROP / slope(q, guess));
  return Math.min(q.hi, (q.small + a) * Math.exp(step) - q.small);
}

/**
 * Throws when a cell cannot grow past its start: with r + x or s + 1 near 1e16 and more,
 * the integrand falls within one rounding step of its start, and no quadrature resolves it.
 */
function unresolvable(m: number, n: number): never {
  throw new CustomerValueError(
    "NOT_CONVERGED",
    `Pareto/NBD: the integral over the drop-out time cannot be resolved in double precision (r + x = ${m.toPrecision(3)}, s + 1 = ${n.toPrecision(3)}); parameters this large are beyond the model's numerical range`,
  );
}

/** A fresh {@link LogIntegral}. */
export function logIntegral(): LogIntegral {
  return { log: Number.NEGATIVE_INFINITY, means: [0, 0, 0, 0] };
}

/** Adds a piece (its log, and its means at `means[offset .. offset+4)`) to `acc`. */
export function addPiece(acc: LogIntegral, log: number, means: ArrayLike<number>, offset = 0): void {
  if (log === Number.NEGATIVE_INFINITY) return;
  if (acc.log === Number.NEGATIVE_INFINITY) {
    acc.log = log;
    for (let j = 0; j < 4; j++) acc.means[j] = means[offset + j]!;
    return;
  }
  const hi = Math.max(acc.log, log);
  const wa = Math.exp(acc.log - hi);
  const wp = Math.exp(log - hi);
  const total = wa + wp;
  for (let j = 0; j < 4; j++) acc.means[j] = (wa * acc.means[j]! + wp * means[offset + j]!) / total;
  acc.log = hi + Math.log(total);
}
