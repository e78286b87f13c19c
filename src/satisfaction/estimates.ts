/**
 * The estimators behind `valueWeightedSatisfaction`, for one set of respondents (row
 * indices into the survey columns) and indicator `j`:
 * - plain mean `sum D_ij / n_j` and value-weighted mean `sum K_i D_ij / sum K_i` over the
 *   `n_j` respondents who answered `j` (a ratio estimator);
 * - their linearization standard errors exactly as R's
 *   `svymean(~x, svydesign(ids = ~1, weights = ~K), na.rm = TRUE)` computes them:
 *   `u_i = K_i (D_ij - mean_j) / sum K_i` for respondents who answered (0 for those who
 *   skipped), `Var = N/(N-1) sum_i (u_i - mean(u))^2` with `N` = all respondents; the
 *   plain mean uses `K_i = 1`;
 * - the index `sum_j a_j S_j` (`a_j = w_j / sum w` over indicators with a mean) and its
 *   standard error from the summed influence `z_i = sum_j a_j u_ij`, which is what
 *   `svycontrast` of `svyratio` estimates gives.
 */
import { CompensatedSum, powerOfTwoScale } from "../engine/sum.js";
import type { SurveyColumns } from "./readSurvey.js";

/** Point estimates of one set of respondents, per indicator and for the index. */
export interface PointEstimates {
  readonly n: Int32Array;
  readonly valueTotal: Float64Array;
  readonly unweighted: (number | null)[];
  readonly weighted: (number | null)[];
  /** Index weights actually used, normalised to sum 1 (0 for indicators left out). */
  readonly indexWeightsUnweighted: Float64Array;
  readonly indexWeightsWeighted: Float64Array;
  readonly indexUnweighted: number | null;
  readonly indexWeighted: number | null;
  /**
   * Per indicator, the power of two that brings the largest value of those who answered
   * near 1: Kish's `(sum K)^2 / sum K^2` on scaled values neither underflows nor overflows.
   */
  readonly kScale: Float64Array;
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

/**
 * The plain and value-weighted means of each indicator over the respondents `rows`, and
 * the index of each. Means are clamped into the range of the observed scores, so
 * rounding never puts them off the scale.
 */
export function pointEstimates(
  columns: SurveyColumns,
  rows: Int32Array,
  weights: Float64Array,
): PointEstimates {
  const J = columns.indicators.length;
  const n = new Int32Array(J);
  const valueTotal = new Float64Array(J);
  const kScale = new Float64Array(J);
  const unweighted: (number | null)[] = new Array(J).fill(null);
  const weighted: (number | null)[] = new Array(J).fill(null);
  for (let j = 0; j < J; j++) {
    const s = answeredSums(columns.scores[j]!, columns.values, rows);
    n[j] = s.count;
    valueTotal[j] = s.sumK;
    kScale[j] = powerOfTwoScale(s.maxK);
    if (s.count > 0) unweighted[j] = clamp(s.sumD / s.count, s.low, s.high);
    if (s.sumK > 0) weighted[j] = clamp(s.sumKD / s.sumK, s.low, s.high);
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
    kScale,
  };
}

/** Compensated sums of `D`, `K` and `K·D` over the respondents `rows` who answered (`D` not NaN), their count, score range and largest `K`. */
function answeredSums(D: Float64Array, K: Float64Array, rows: Int32Array) {
  const sumD = new CompensatedSum();
  const sumK = new CompensatedSum();
  const sumKD = new CompensatedSum();
  let count = 0;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  let maxK = 0;
  for (let p = 0; p < rows.length; p++) {
    const d = D[rows[p]!]!;
    if (Number.isNaN(d)) continue;
    const k = K[rows[p]!]!;
    count++;
    if (k > maxK) maxK = k;
    sumD.add(d);
    sumK.add(k);
    sumKD.add(k * d);
    if (d < low) low = d;
    if (d > high) high = d;
  }
  return { count, low, high, maxK, sumD: sumD.value, sumK: sumK.value, sumKD: sumKD.value };
}

/** What the second pass yields for one indicator. */
export interface IndicatorMoments {
  /** Plain mean of the adjusted scores `(K_i / K_o) D_ij`, their largest, and how many exceed the scale. */
  readonly adjustedMean: number | null;
  readonly adjustedMax: number | null;
  readonly above: number;
  /** Kish's effective n over the respondents who answered. */
  readonly effectiveN: number | null;
  /** Linearization standard errors of the plain and the weighted mean (`null` below 2 answers). */
  readonly unweightedSE: number | null;
  readonly weightedSE: number | null;
}

/** The respondents, the reference value and the top of the scale. */
export interface SecondPassInput {
  readonly columns: SurveyColumns;
  readonly rows: Int32Array;
  readonly reference: number;
  readonly scaleMax: number;
}

/** Running sums of one indicator over the respondents who answered it. */
class IndicatorSums {
  readonly adjusted = new CompensatedSum();
  max = Number.NEGATIVE_INFINITY;
  above = 0;
  sumK2 = 0;
  /** Sum and sum of squares of the plain and of the weighted influences `u_i`. */
  sU = 0;
  sU2 = 0;
  sW = 0;
  sW2 = 0;
}

/** The second pass's result: each indicator's moments, and the sum and sum of squares of the index influences `z_i`. */
export interface SecondPass {
  readonly moments: IndicatorMoments[];
  readonly influence: { readonly unweighted: [number, number]; readonly weighted: [number, number] };
}

/**
 * One pass over the respondents: per indicator the adjusted scores, Kish's n and the
 * influences `u_ij` of the plain and weighted means; per respondent the index influence
 * `z_i = sum_j a_j u_ij`, summed as it goes.
 */
export function secondPass(input: SecondPassInput, point: PointEstimates): SecondPass {
  const { columns, rows } = input;
  const J = columns.indicators.length;
  const sums = Array.from({ length: J }, () => new IndicatorSums());
  const influence = { unweighted: [0, 0] as [number, number], weighted: [0, 0] as [number, number] };
  for (let p = 0; p < rows.length; p++) {
    let zU = 0;
    let zW = 0;
    for (let j = 0; j < J; j++) {
      const u = addAnswer(input, point, j, rows[p]!, sums[j]!);
      zU += point.indexWeightsUnweighted[j]! * u.unweighted;
      zW += point.indexWeightsWeighted[j]! * u.weighted;
    }
    influence.unweighted[0] += zU;
    influence.unweighted[1] += zU * zU;
    influence.weighted[0] += zW;
    influence.weighted[1] += zW * zW;
  }
  return { moments: sums.map((s, j) => momentsOf(s, j, point, rows.length)), influence };
}

/** The plain and weighted influences of one answer (0 for a skip or an undefined mean). */
const NO_INFLUENCE = { unweighted: 0, weighted: 0 };
const influence = { unweighted: 0, weighted: 0 };

/** Adds respondent `r`'s answer to indicator `j` to its sums; returns its influences (a shared object, read at once). */
function addAnswer(input: SecondPassInput, point: PointEstimates, j: number, r: number, s: IndicatorSums) {
  const d = input.columns.scores[j]![r]!;
  if (Number.isNaN(d)) return NO_INFLUENCE;
  const k = input.columns.values[r]!;
  const adjusted = (k / input.reference) * d;
  s.adjusted.add(adjusted);
  if (adjusted > s.max) s.max = adjusted;
  if (adjusted > input.scaleMax) s.above++;
  const scaled = k * point.kScale[j]!;
  s.sumK2 += scaled * scaled;
  const mu = point.unweighted[j] ?? null;
  const mw = point.weighted[j] ?? null;
  influence.unweighted = mu === null ? 0 : (d - mu) / point.n[j]!;
  influence.weighted = mw === null ? 0 : (k * (d - mw)) / point.valueTotal[j]!;
  s.sU += influence.unweighted;
  s.sU2 += influence.unweighted * influence.unweighted;
  s.sW += influence.weighted;
  s.sW2 += influence.weighted * influence.weighted;
  return influence;
}

function momentsOf(s: IndicatorSums, j: number, point: PointEstimates, N: number): IndicatorMoments {
  const count = point.n[j]!;
  const total = point.valueTotal[j]!;
  const withSE = count >= 2 && N >= 2;
  return {
    adjustedMean: count === 0 ? null : s.adjusted.value / count + 0,
    adjustedMax: count === 0 ? null : s.max + 0,
    above: s.above,
    effectiveN: count > 0 && total > 0 ? (total * point.kScale[j]!) ** 2 / s.sumK2 : null,
    unweightedSE: withSE ? linearizationSe(s.sU, s.sU2, N) : null,
    weightedSE: withSE && point.weighted[j] !== null ? linearizationSe(s.sW, s.sW2, N) : null,
  };
}

/** `sqrt(N/(N-1) · sum (x - mean(x))^2)` from the sum and the sum of squares over all N respondents. */
export function linearizationSe(sum: number, sumSquares: number, N: number): number {
  const ss = sumSquares - (sum * sum) / N;
  return Math.sqrt((N / (N - 1)) * Math.max(0, ss)) + 0;
}
