/**
 * The likelihood kernel that BG/NBD and MBG/NBD share. Both write one customer's
 * likelihood as `head(x) + log(exp(A) + exp(D))` with an "alive at T" term
 * `A = first(x) - (r + x) log(alpha + T)` and a "dropped out after the last
 * purchase" term `D = second(x) - (r + x) log(alpha + tx)`; only the per-frequency
 * constants differ. Not public.
 */
import type { SummaryColumns } from "./input.js";

/** The per-frequency constants of one model, indexed like `SummaryColumns.levels`. */
export interface NbdLevels {
  readonly head: Float64Array;
  readonly first: Float64Array;
  /** -Infinity where the term is absent (BG/NBD without repeat purchases). */
  readonly second: Float64Array;
}

/** The total log-likelihood, and the sums the gradient is assembled from. */
export interface NbdTotal {
  readonly total: number;
  /** Per level: the number of customers, and the weighted share of the D term. */
  readonly levelWeight: Float64Array;
  readonly levelSecond: Float64Array;
  /** d total / d r and d total / d alpha through the log(alpha + t) terms only. */
  readonly timeR: number;
  readonly timeAlpha: number;
}

/**
 * Sums the likelihood over grouped rows, with log(alpha + t) once per distinct
 * time. With `withGradient`, also the per-level sums and the log(alpha + t) parts
 * of the gradient: with w the share of D, those parts are
 * `-(1 - w) log(alpha + T) - w log(alpha + tx)` (d/dr) and
 * `-(r + x) [(1 - w)/(alpha + T) + w/(alpha + tx)]` (d/dalpha), summed per time.
 */
export function nbdTotal(
  r: number,
  alpha: number,
  levels: NbdLevels,
  c: SummaryColumns,
  withGradient: boolean,
): NbdTotal {
  const nl = c.levels.length;
  const nt = c.times.length;
  const logAlphaPlus = new Float64Array(nt);
  for (let k = 0; k < nt; k++) logAlphaPlus[k] = Math.log(alpha + c.times[k]!);
  const levelWeight = new Float64Array(nl);
  const levelSecond = new Float64Array(nl);
  const shareAt = new Float64Array(nt);
  const rateAt = new Float64Array(nt);
  let total = 0;
  for (let i = 0; i < c.x.length; i++) {
    const k = c.level[i]!;
    const w = c.weight[i]!;
    const rx = r + c.x[i]!;
    const Tk = c.TTime[i]!;
    const txk = c.txTime[i]!;
    const alive = levels.first[k]! - rx * logAlphaPlus[Tk]!;
    const dead = levels.second[k]! - rx * logAlphaPlus[txk]!;
    // log(e^alive + e^dead) and the share of e^dead from one exponential.
    const e = Math.exp(-Math.abs(alive - dead));
    total += w * (levels.head[k]! + Math.max(alive, dead) + Math.log1p(e));
    if (!withGradient) continue;
    const share = (w * (dead > alive ? 1 : e)) / (1 + e);
    levelWeight[k]! += w;
    levelSecond[k]! += share;
    shareAt[Tk]! += w - share;
    rateAt[Tk]! += (w - share) * rx;
    shareAt[txk]! += share;
    rateAt[txk]! += share * rx;
  }
  let timeR = 0;
  let timeAlpha = 0;
  if (withGradient) {
    for (let k = 0; k < nt; k++) {
      timeR -= shareAt[k]! * logAlphaPlus[k]!;
      timeAlpha -= rateAt[k]! / (alpha + c.times[k]!);
    }
  }
  return { total, levelWeight, levelSecond, timeR, timeAlpha };
}
