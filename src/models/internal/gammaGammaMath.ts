/**
 * The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: Using
 * iso-value curves for customer base analysis", eq. 1 and 2) on plain numbers,
 * validated by the callers. Not public.
 */
import { digamma, logGamma } from "./special.js";

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

/**
 * Sum of {@link gammaGammaLogLik} over repeat buyers given as columns, and its
 * gradient with respect to (p, q, v) when `gradient` is given:
 * d/dp = x [psi(px+q) - psi(px) + ln zbar + ln x - ln(x zbar + v)],
 * d/dq = psi(px+q) - psi(q) + ln v - ln(x zbar + v), d/dv = q/v - (px+q)/(x zbar + v).
 */
export function gammaGammaTotal(
  theta: readonly number[],
  x: Float64Array,
  zbar: Float64Array,
  gradient?: number[],
): number {
  const [p, q, v] = theta as [number, number, number];
  let total = 0;
  let gp = 0;
  let gq = 0;
  let gv = 0;
  const psiQ = digamma(q);
  const logV = Math.log(v);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const zi = zbar[i]!;
    total += gammaGammaLogLik(p, q, v, xi, zi);
    if (gradient === undefined) continue;
    const px = p * xi;
    const psiPQ = digamma(px + q);
    const logXZV = Math.log(xi * zi + v);
    gp += xi * (psiPQ - digamma(px) + Math.log(zi) + Math.log(xi) - logXZV);
    gq += psiPQ - psiQ + logV - logXZV;
    gv += q / v - (px + q) / (xi * zi + v);
  }
  if (gradient !== undefined) {
    gradient[0] = gp;
    gradient[1] = gq;
    gradient[2] = gv;
  }
  return total;
}
