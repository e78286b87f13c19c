/** Seeded simulators of the three models (test data with known parameters). */
import type { Row } from "./helpers.js";

/** mulberry32: a small seeded PRNG in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(u: () => number): number {
  // Box-Muller
  const u1 = 1 - u();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u());
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000), with the shape < 1 boost. */
export function gamma(u: () => number, shape: number, rate: number): number {
  if (shape < 1) return gamma(u, shape + 1, rate) * (1 - u()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = 1 - u();
    if (Math.log(w) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

const exponential = (u: () => number, rate: number) => -Math.log(1 - u()) / rate;

/** BG/NBD customers: lambda ~ Gamma(r, alpha), p ~ Beta(a, b); T uniform in [Tmin, Tmax]. */
export function simulateBgNbd(
  seed: number,
  n: number,
  { r, alpha, a, b }: { r: number; alpha: number; a: number; b: number },
  Tmin = 26,
  Tmax = 52,
): Row[] {
  const u = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const T = Tmin + (Tmax - Tmin) * u();
    const lambda = gamma(u, r, alpha);
    const g1 = gamma(u, a, 1);
    const p = g1 / (g1 + gamma(u, b, 1));
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += exponential(u, lambda);
      if (t > T) break;
      x++;
      tx = t;
      if (u() < p) break; // drops out after this repeat purchase
    }
    return { customerId: `c${i}`, frequency: x, recency: tx, T };
  });
}

/** Pareto/NBD customers: lambda ~ Gamma(r, alpha), mu ~ Gamma(s, beta), lifetime ~ Exp(mu). */
export function simulateParetoNbd(
  seed: number,
  n: number,
  { r, alpha, s, beta }: { r: number; alpha: number; s: number; beta: number },
  Tmin = 26,
  Tmax = 52,
): Row[] {
  const u = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const T = Tmin + (Tmax - Tmin) * u();
    const lambda = gamma(u, r, alpha);
    const mu = gamma(u, s, beta);
    const end = Math.min(T, exponential(u, mu));
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += exponential(u, lambda);
      if (t > end) break;
      x++;
      tx = t;
    }
    return { customerId: `c${i}`, frequency: x, recency: tx, T };
  });
}

/** Gamma-Gamma repeat buyers: nu ~ Gamma(q, v), each value ~ Gamma(p, nu); x uniform in 1..10. */
export function simulateGammaGamma(
  seed: number,
  n: number,
  { p, q, v }: { p: number; q: number; v: number },
): Row[] {
  const u = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const nu = gamma(u, q, v);
    const x = 1 + Math.floor(10 * u());
    let total = 0;
    for (let j = 0; j < x; j++) total += gamma(u, p, nu);
    return { customerId: `c${i}`, frequency: x, recency: 1, T: 2, monetaryValue: total / x };
  });
}

/** MBG/NBD customers: as BG/NBD, but the drop-out coin is also tossed right after the first purchase. */
export function simulateMbgNbd(
  seed: number,
  n: number,
  { r, alpha, a, b }: { r: number; alpha: number; a: number; b: number },
  Tmin = 26,
  Tmax = 52,
): Row[] {
  const u = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const T = Tmin + (Tmax - Tmin) * u();
    const lambda = gamma(u, r, alpha);
    const g1 = gamma(u, a, 1);
    const p = g1 / (g1 + gamma(u, b, 1));
    let t = 0;
    let x = 0;
    let tx = 0;
    let alive = u() >= p; // may drop out right after the first purchase
    while (alive) {
      t += exponential(u, lambda);
      if (t > T) break;
      x++;
      tx = t;
      alive = u() >= p;
    }
    return { customerId: `c${i}`, frequency: x, recency: tx, T };
  });
}

/**
 * BG/BB customers over `periods` opportunities: p ~ Beta(alpha, beta) the chance to
 * transact at an opportunity, theta ~ Beta(gamma, delta) the chance to drop out before each.
 */
export function simulateBgBb(
  seed: number,
  n: number,
  { alpha, beta, gamma: g, delta }: { alpha: number; beta: number; gamma: number; delta: number },
  periods = 6,
): { frequency: number; recency: number; periods: number }[] {
  const u = rng(seed);
  const betaDraw = (s1: number, s2: number) => {
    const x = gamma(u, s1, 1);
    return x / (x + gamma(u, s2, 1));
  };
  return Array.from({ length: n }, () => {
    const p = betaDraw(alpha, beta);
    const theta = betaDraw(g, delta);
    let x = 0;
    let tx = 0;
    for (let t = 1; t <= periods; t++) {
      if (u() < theta) break; // gone before opportunity t
      if (u() < p) {
        x++;
        tx = t;
      }
    }
    return { frequency: x, recency: tx, periods };
  });
}
