/**
 * The estimators behind `valueWeightedSatisfaction` (internal to the satisfaction module).
 *
 * For a set of respondents (row indices into the survey columns) and indicator `j`:
 * - plain mean `sum D_ij / n_j` and value-weighted mean `sum K_i D_ij / sum K_i` over the
 *   `n_j` respondents who answered `j` (a ratio estimator);
 * - their linearization standard errors exactly as R's
 *   `svymean(~x, svydesign(ids = ~1, weights = ~K), na.rm = TRUE)` computes them:
 *   `u_i = K_i (D_ij - mean_j) / sum K_i` for respondents who answered (0 for those who
 *   skipped), `Var = N/(N-1) sum_i (u_i - mean(u))^2` with `N` = all respondents
 *   (skips are a domain of the survey, as `na.rm = TRUE` treats them); the plain mean
 *   uses `K_i = 1`;
 * - the index `sum_j a_j S_j` (`a_j = w_j / sum w` over indicators with a mean) and its
 *   standard error from the summed influence `z_i = sum_j a_j u_ij`, which is what
 *   `svycontrast` of `svyratio` estimates gives;
 * - percentile bootstrap intervals: respondents are resampled whole (so indicators stay
 *   correlated), `replicates` times, with a seeded mulberry32 generator; replicates in
 *   which a statistic is undefined are left out of that statistic's interval.
 */
import { CompensatedSum } from "../internal/sum.js";
import { emptyRecord } from "./emptyRecord.js";
import { normalQuantile } from "./normalQuantile.js";
import type { SurveyColumns } from "./readSurvey.js";
import type {
  AdjustedColumns,
  AdjustedResponse,
  IndicatorSatisfaction,
  SatisfactionIndex,
  SatisfactionInterval,
  SatisfactionSummary,
} from "./valueWeightedSatisfaction.js";

/** How intervals are computed, resolved from the options. */
export interface IntervalSettings {
  readonly method: "normal" | "bootstrap";
  readonly confidence: number;
  readonly replicates: number;
  readonly seed: number;
}

/** Point estimates of one set of respondents. */
interface PointEstimates {
  readonly n: Int32Array;
  readonly valueTotal: Float64Array;
  readonly unweighted: (number | null)[];
  readonly weighted: (number | null)[];
  /** Index weights actually used, normalised to sum 1 (0 for indicators left out). */
  readonly indexWeightsUnweighted: Float64Array;
  readonly indexWeightsWeighted: Float64Array;
  readonly indexUnweighted: number | null;
  readonly indexWeighted: number | null;
}

const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x)) + 0;

/** `a_j = w_j / sum w` over the indicators whose mean is defined; `null` index when none. */
function combine(
  means: readonly (number | null)[],
  weights: Float64Array,
): { index: number | null; a: Float64Array } {
  const a = new Float64Array(means.length);
  let total = 0;
  for (let j = 0; j < means.length; j++) if (means[j] !== null) total += weights[j]!;
  if (!(total > 0)) return { index: null, a };
  const index = new CompensatedSum();
  for (let j = 0; j < means.length; j++) {
    const mean = means[j];
    if (mean === null || mean === undefined) continue;
    a[j] = weights[j]! / total;
    index.add(a[j]! * mean);
  }
  return { index: index.value, a };
}

function pointEstimates(columns: SurveyColumns, rows: Int32Array, weights: Float64Array): PointEstimates {
  const J = columns.indicators.length;
  const n = new Int32Array(J);
  const valueTotal = new Float64Array(J);
  const unweighted: (number | null)[] = new Array(J).fill(null);
  const weighted: (number | null)[] = new Array(J).fill(null);
  const K = columns.values;
  const range = new Float64Array(3);
  for (let j = 0; j < J; j++) {
    const sumD = new CompensatedSum();
    const sumK = new CompensatedSum();
    const sumKD = new CompensatedSum();
    firstPass(columns.scores[j]!, K, rows, sumD, sumK, sumKD, range);
    const count = range[0]!;
    const low = range[1]!;
    const high = range[2]!;
    n[j] = count;
    valueTotal[j] = sumK.value;
    if (count > 0) unweighted[j] = clamp(sumD.value / count, low, high);
    if (sumK.value > 0) weighted[j] = clamp(sumKD.value / sumK.value, low, high);
  }
  const u = combine(unweighted, weights);
  const w = combine(weighted, weights);
  return {
    n,
    valueTotal,
    unweighted,
    weighted,
    indexWeightsUnweighted: u.a,
    indexWeightsWeighted: w.a,
    indexUnweighted: u.index,
    indexWeighted: w.index,
  };
}

/**
 * The sums of {@link pointEstimates} over the respondents `rows` who answered (score `D`
 * not NaN), values `K`; `out` receives [count, lowest score, highest score].
 *
 * Each pass over the respondents here is a function of its own, given only arrays and
 * numbers (performance, issue 11): compiled inside the larger functions, the loops'
 * optimised code was discarded or its compilation abandoned when other objects of the
 * call changed (docs/performance.md, "Objects made per call").
 */
function firstPass(
  D: Float64Array,
  K: Float64Array,
  rows: Int32Array,
  sumD: CompensatedSum,
  sumK: CompensatedSum,
  sumKD: CompensatedSum,
  out: Float64Array,
): void {
  let count = 0;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let p = 0; p < rows.length; p++) {
    const r = rows[p]!;
    const d = D[r]!;
    if (Number.isNaN(d)) continue;
    const k = K[r]!;
    count++;
    sumD.add(d);
    sumK.add(k);
    sumKD.add(k * d);
    if (d < low) low = d;
    if (d > high) high = d;
  }
  out[0] = count;
  out[1] = low;
  out[2] = high;
}

/**
 * Each respondent's value-adjusted scores as columns: the factor `K / reference` and, per
 * indicator, factor times score (`NaN` where the respondent skipped it). A function of its
 * own like the passes above; adds the values to `valueTotal` and the sum of their squares
 * to `squares[0]`.
 *
 * With `inPlace` (`rows` must then be every respondent in order, and nothing may read
 * `columns` afterwards) the survey's own columns become the result: each value is
 * replaced by its factor and each score by its adjusted score. Performance (issue 11):
 * V8 counts typed arrays as external memory, and 40 MB more of them per call at a million
 * respondents set off a full garbage collection inside the call (docs/performance.md,
 * "Adjusted scores").
 */
function adjustedColumns(
  columns: SurveyColumns,
  rows: Int32Array,
  reference: number,
  valueTotal: CompensatedSum,
  squares: Float64Array,
  inPlace: boolean,
): AdjustedColumns {
  const { indicators, values: K, scores: D, ids } = columns;
  const N = rows.length;
  let customerIds = ids;
  if (!inPlace) {
    customerIds = new Array<string>(N);
    for (let p = 0; p < N; p++) customerIds[p] = ids[rows[p]!]!;
  }
  const factor = inPlace ? K : new Float64Array(N);
  squares[0] = factors(K, rows, reference, valueTotal, factor, squares[0]!);
  const scores: Record<string, Float64Array> = emptyRecord();
  for (let j = 0; j < indicators.length; j++) {
    const d = D[j]!;
    scores[indicators[j]!] = scaleScores(d, rows, factor, inPlace ? d : new Float64Array(N));
  }
  return { customerIds, factor, scores };
}

/**
 * Writes `K[rows[p]] / reference` to `factor[p]` (which may be `K` itself when `rows` is
 * every respondent in order), adding each value to `valueTotal`; returns `sumK2` plus the
 * sum of the squared values.
 */
function factors(
  K: Float64Array,
  rows: Int32Array,
  reference: number,
  valueTotal: CompensatedSum,
  factor: Float64Array,
  sumK2: number,
): number {
  for (let p = 0; p < rows.length; p++) {
    const k = K[rows[p]!]!;
    valueTotal.add(k);
    sumK2 += k * k;
    factor[p] = k / reference + 0;
  }
  return sumK2;
}

/**
 * `out[p] = factor[p] · D[rows[p]]` (`NaN` stays `NaN`, `-0` becomes `0`); `out` may be
 * `D` itself when `rows` is every respondent in order. Returns `out`.
 */
function scaleScores(
  D: Float64Array,
  rows: Int32Array,
  factor: Float64Array,
  out: Float64Array,
): Float64Array {
  for (let p = 0; p < rows.length; p++) out[p] = factor[p]! * D[rows[p]!]! + 0;
  return out;
}

/**
 * The adjusted scores as one row per respondent, `{ customerId, factor, scores }` with
 * `null` for a skipped indicator, read from {@link adjustedColumns}' columns.
 */
export function adjustedRows(adjusted: AdjustedColumns, indicators: readonly string[]): AdjustedResponse[] {
  const { customerIds, factor } = adjusted;
  const J = indicators.length;
  const N = factor.length;
  const S = indicators.map((name) => adjusted.scores[name]!);
  const out = new Array<AdjustedResponse>(N);
  for (let p = 0; p < N; p++) {
    const scores: Record<string, number | null> = emptyRecord();
    for (let j = 0; j < J; j++) {
      const d = S[j]![p]!;
      scores[indicators[j]!] = Number.isNaN(d) ? null : d;
    }
    out[p] = { customerId: customerIds[p]!, factor: factor[p]!, scores };
  }
  return out;
}

/** Slots of {@link secondPass}'s sums per indicator. */
const SECOND_PASS_SUMS = 7;

/** Respondents per block of {@link summarise}'s second pass (two arrays of 32 KB). */
const INFLUENCE_BLOCK = 4096;

/**
 * The second pass of {@link summarise} for one indicator (scores `D`) over the respondents
 * `rows[from .. to)`: adds the adjusted scores to `sumAdjusted`, the influences times the
 * index weights `aU`, `aW` to `zU`, `zW` (at p - from), and adds to `out[o ..]` [sum K^2,
 * largest adjusted score, count above `scaleMax`, sum and sum of squares of the plain
 * influences, the same of the weighted ones], carried from the previous block. A mean
 * that is `null` contributes no influences.
 */
function secondPass(
  D: Float64Array,
  K: Float64Array,
  rows: Int32Array,
  from: number,
  to: number,
  reference: number,
  scaleMax: number,
  count: number,
  mu: number | null,
  mw: number | null,
  total: number,
  aU: number,
  aW: number,
  zU: Float64Array,
  zW: Float64Array,
  sumAdjusted: CompensatedSum,
  out: Float64Array,
  o: number,
): void {
  let sumK2 = out[o]!;
  let maxAdjusted = out[o + 1]!;
  let above = out[o + 2]!;
  let sU = out[o + 3]!;
  let sU2 = out[o + 4]!;
  let sW = out[o + 5]!;
  let sW2 = out[o + 6]!;
  for (let p = from; p < to; p++) {
    const r = rows[p]!;
    const d = D[r]!;
    if (Number.isNaN(d)) continue;
    const k = K[r]!;
    const adjusted = (k / reference) * d;
    sumAdjusted.add(adjusted);
    if (adjusted > maxAdjusted) maxAdjusted = adjusted;
    if (adjusted > scaleMax) above++;
    sumK2 += k * k;
    if (mu !== null) {
      const ui = (d - mu) / count;
      sU += ui;
      sU2 += ui * ui;
      zU[p - from]! += aU * ui;
    }
    if (mw !== null) {
      const ui = (k * (d - mw)) / total;
      sW += ui;
      sW2 += ui * ui;
      zW[p - from]! += aW * ui;
    }
  }
  out[o] = sumK2;
  out[o + 1] = maxAdjusted;
  out[o + 2] = above;
  out[o + 3] = sU;
  out[o + 4] = sU2;
  out[o + 5] = sW;
  out[o + 6] = sW2;
}

/** Adds `z[0 .. m)` to `sums[o]` and their squares to `sums[o + 1]`, in order. */
function addSquares(z: Float64Array, m: number, sums: Float64Array, o: number): void {
  let s = sums[o]!;
  let s2 = sums[o + 1]!;
  for (let p = 0; p < m; p++) {
    s += z[p]!;
    s2 += z[p]! * z[p]!;
  }
  sums[o] = s;
  sums[o + 1] = s2;
}

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

/** Percentile bootstrap intervals per indicator and for the index. */
function bootstrapIntervals(
  columns: SurveyColumns,
  rows: Int32Array,
  weights: Float64Array,
  settings: IntervalSettings,
) {
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
function normalInterval(mean: number | null, se: number | null, z: number): SatisfactionInterval | null {
  if (mean === null || se === null) return null;
  return { lower: mean - z * se + 0, upper: mean + z * se + 0 };
}

/** `sqrt(N/(N-1) · sum (x - mean(x))^2)` from the sums over all N respondents. */
function linearizationSe(sum: number, sumSquares: number, N: number): number {
  const ss = sumSquares - (sum * sum) / N;
  return Math.sqrt((N / (N - 1)) * Math.max(0, ss)) + 0;
}

/**
 * Everything `valueWeightedSatisfaction` reports for one set of respondents. With
 * `adjustedAs: "columns"` the rows of `adjusted` are not made here (it is left empty):
 * `analyseSurvey` turns it into an accessor that makes them when first read. `inPlace`:
 * the adjusted scores may overwrite `columns` (see {@link adjustedColumns}); only for
 * the last call on them, with `rows` every respondent in order.
 */
export function summarise(
  columns: SurveyColumns,
  rows: Int32Array,
  reference: number,
  weights: Float64Array,
  scaleMax: number | null,
  settings: IntervalSettings,
  adjustedAs: "rows" | "columns",
  inPlace: boolean,
): SatisfactionSummary {
  const { indicators, values: K } = columns;
  const J = indicators.length;
  const N = rows.length;
  const point = pointEstimates(columns, rows, weights);
  const z = normalQuantile(1 - (1 - settings.confidence) / 2);

  // Second pass: adjusted scores, linearization influences, Kish's n_eff. The respondents
  // go in blocks of INFLUENCE_BLOCK, each block's summed influences z_i in two small arrays
  // that stay in the cache (performance, issue 11: arrays of N were 16 MB of fresh memory
  // per call at a million respondents, read and written once per indicator). Every sum
  // is carried from block to block in the same order as one pass over all respondents,
  // so the results are those of one pass, bit for bit.
  const block = Math.min(N, INFLUENCE_BLOCK);
  const zU = new Float64Array(block);
  const zW = new Float64Array(block);
  const sums = new Float64Array(J * SECOND_PASS_SUMS);
  const sumAdjusted: CompensatedSum[] = [];
  for (let j = 0; j < J; j++) {
    sums[j * SECOND_PASS_SUMS + 1] = Number.NEGATIVE_INFINITY;
    sumAdjusted.push(new CompensatedSum());
  }
  // [sum z, sum z^2] of the plain index's influences, then of the weighted one's.
  const influenceSums = new Float64Array(4);
  for (let from = 0; from < N; from += block) {
    const to = Math.min(N, from + block);
    zU.fill(0);
    zW.fill(0);
    for (let j = 0; j < J; j++) {
      secondPass(
        columns.scores[j]!,
        K,
        rows,
        from,
        to,
        reference,
        scaleMax ?? Number.POSITIVE_INFINITY,
        point.n[j]!,
        point.unweighted[j] ?? null,
        point.weighted[j] ?? null,
        point.valueTotal[j]!,
        point.indexWeightsUnweighted[j]!,
        point.indexWeightsWeighted[j]!,
        zU,
        zW,
        sumAdjusted[j]!,
        sums,
        j * SECOND_PASS_SUMS,
      );
    }
    addSquares(zU, to - from, influenceSums, 0);
    addSquares(zW, to - from, influenceSums, 2);
  }

  const seU: (number | null)[] = new Array(J).fill(null);
  const seW: (number | null)[] = new Array(J).fill(null);
  const adjustedMean: (number | null)[] = new Array(J).fill(null);
  const adjustedMax: (number | null)[] = new Array(J).fill(null);
  const aboveScale: (number | null)[] = new Array(J).fill(null);
  const effectiveN: (number | null)[] = new Array(J).fill(null);
  for (let j = 0; j < J; j++) {
    const count = point.n[j]!;
    const mw = point.weighted[j] ?? null;
    const total = point.valueTotal[j]!;
    const o = j * SECOND_PASS_SUMS;
    const sumK2 = sums[o]!;
    const maxAdjusted = sums[o + 1]!;
    const above = sums[o + 2]!;
    const sU = sums[o + 3]!;
    const sU2 = sums[o + 4]!;
    const sW = sums[o + 5]!;
    const sW2 = sums[o + 6]!;
    if (count === 0) continue;
    adjustedMean[j] = sumAdjusted[j]!.value / count + 0;
    adjustedMax[j] = maxAdjusted + 0;
    aboveScale[j] = scaleMax === null ? null : above;
    if (total > 0) effectiveN[j] = (total * total) / sumK2;
    if (count >= 2 && N >= 2) {
      seU[j] = linearizationSe(sU, sU2, N);
      if (mw !== null) seW[j] = linearizationSe(sW, sW2, N);
    }
  }

  // The index's standard error: defined when every contributing indicator has one.
  const indexSe = (index: number | null, a: Float64Array, se: (number | null)[], o: number) => {
    if (index === null || N < 2) return null;
    for (let j = 0; j < J; j++) if (a[j]! > 0 && se[j] === null) return null;
    return linearizationSe(influenceSums[o]!, influenceSums[o + 1]!, N);
  };
  const indexSeU = indexSe(point.indexUnweighted, point.indexWeightsUnweighted, seU, 0);
  const indexSeW = indexSe(point.indexWeighted, point.indexWeightsWeighted, seW, 2);

  const boot = settings.method === "bootstrap" ? bootstrapIntervals(columns, rows, weights, settings) : null;

  const indicatorResults: Record<string, IndicatorSatisfaction> = emptyRecord();
  const indexWeights: Record<string, number> = emptyRecord();
  for (let j = 0; j < J; j++) {
    const mu = point.unweighted[j] ?? null;
    const mw = point.weighted[j] ?? null;
    indicatorResults[indicators[j]!] = {
      n: point.n[j]!,
      unweighted: mu,
      weighted: mw,
      adjustedMean: adjustedMean[j] ?? null,
      effectiveN: effectiveN[j] ?? null,
      valueTotal: point.valueTotal[j]!,
      unweightedStandardError: seU[j] ?? null,
      weightedStandardError: seW[j] ?? null,
      unweightedInterval: boot ? (boot.unweighted[j] ?? null) : normalInterval(mu, seU[j] ?? null, z),
      weightedInterval: boot ? (boot.weighted[j] ?? null) : normalInterval(mw, seW[j] ?? null, z),
      adjustedMax: adjustedMax[j] ?? null,
      adjustedAboveScale: aboveScale[j] ?? null,
    };
    indexWeights[indicators[j]!] = point.indexWeightsWeighted[j]!;
  }
  const index: SatisfactionIndex = {
    unweighted: point.indexUnweighted,
    weighted: point.indexWeighted,
    unweightedStandardError: indexSeU,
    weightedStandardError: indexSeW,
    unweightedInterval: boot ? boot.indexUnweighted : normalInterval(point.indexUnweighted, indexSeU, z),
    weightedInterval: boot ? boot.indexWeighted : normalInterval(point.indexWeighted, indexSeW, z),
    weights: indexWeights,
  };

  // Whole-sample totals and the adjusted scores.
  const valueTotal = new CompensatedSum();
  const squares = new Float64Array(1);
  const adjusted = adjustedColumns(columns, rows, reference, valueTotal, squares, inPlace);
  const sumK2 = squares[0]!;
  return {
    reference,
    respondents: N,
    valueTotal: valueTotal.value,
    effectiveN: valueTotal.value > 0 ? (valueTotal.value * valueTotal.value) / sumK2 : null,
    indicators: indicatorResults,
    index,
    adjusted: adjustedAs === "rows" ? adjustedRows(adjusted, indicators) : [],
    adjustedColumns: adjustedAs === "rows" ? null : adjusted,
  };
}
