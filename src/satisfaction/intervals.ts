/**
 * Confidence intervals of the satisfaction means: `mean ± z·SE` (`z` the normal quantile)
 * or percentile bootstrap intervals — respondents resampled whole (so indicators stay
 * correlated), `replicates` times, with a seeded mulberry32 generator; replicates in which
 * a statistic is undefined are left out of that statistic's interval.
 */
import type { IntervalSettings } from "./options.js";
import { pointEstimates } from "./estimates.js";
import type { SurveyColumns } from "./readSurvey.js";
import type { SatisfactionInterval } from "./types.js";

/** A seeded uniform generator on [0, 1) (mulberry32): same seed, same stream, everywhere. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Quantile of sorted values with linear interpolation (R's default type 7). */
function quantileType7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!) + 0;
}

function percentileInterval(draws: number[], confidence: number): SatisfactionInterval | null {
  if (draws.length < 2) return null;
  const sorted = Float64Array.from(draws).sort();
  const alpha = 1 - confidence;
  return { lower: quantileType7(sorted, alpha / 2), upper: quantileType7(sorted, 1 - alpha / 2) };
}

/** Bootstrap intervals per indicator and of the index. */
export interface BootstrapIntervals {
  readonly unweighted: (SatisfactionInterval | null)[];
  readonly weighted: (SatisfactionInterval | null)[];
  readonly indexUnweighted: SatisfactionInterval | null;
  readonly indexWeighted: SatisfactionInterval | null;
}

/** Percentile bootstrap intervals per indicator and for the index. */
export function bootstrapIntervals(
  columns: SurveyColumns,
  rows: Int32Array,
  weights: Float64Array,
  settings: IntervalSettings,
): BootstrapIntervals {
  const J = columns.indicators.length;
  const drawsU: number[][] = Array.from({ length: J }, () => []);
  const drawsW: number[][] = Array.from({ length: J }, () => []);
  const indexU: number[] = [];
  const indexW: number[] = [];
  const random = mulberry32(settings.seed);
  const sample = new Int32Array(rows.length);
  for (let b = 0; b < settings.replicates; b++) {
    for (let p = 0; p < rows.length; p++) sample[p] = rows[Math.floor(random() * rows.length)]!;
    const estimates = pointEstimates(columns, sample, weights);
    for (let j = 0; j < J; j++) {
      const mu = estimates.unweighted[j];
      const mw = estimates.weighted[j];
      if (mu !== null && mu !== undefined) drawsU[j]!.push(mu);
      if (mw !== null && mw !== undefined) drawsW[j]!.push(mw);
    }
    if (estimates.indexUnweighted !== null) indexU.push(estimates.indexUnweighted);
    if (estimates.indexWeighted !== null) indexW.push(estimates.indexWeighted);
  }
  const c = settings.confidence;
  return {
    unweighted: drawsU.map((d) => percentileInterval(d, c)),
    weighted: drawsW.map((d) => percentileInterval(d, c)),
    indexUnweighted: percentileInterval(indexU, c),
    indexWeighted: percentileInterval(indexW, c),
  };
}

/** `mean ± z·SE`, or `null` when either is undefined. */
export function normalInterval(
  mean: number | null,
  se: number | null,
  z: number,
): SatisfactionInterval | null {
  if (mean === null || se === null) return null;
  return { lower: mean - z * se + 0, upper: mean + z * se + 0 };
}
