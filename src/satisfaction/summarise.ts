/**
 * Everything `valueWeightedSatisfaction` reports for one set of respondents — the whole
 * survey or one group: per indicator the means, standard errors, intervals, adjusted
 * scores and Kish's effective n; the index; the adjusted scores of each respondent.
 */
import { CompensatedSum, powerOfTwoScale } from "../engine/sum.js";
import { adjustedColumns, adjustedRowsOf } from "./adjusted.js";
import { emptyRecord } from "./emptyRecord.js";
import {
  type IndicatorMoments,
  linearizationSe,
  type PointEstimates,
  pointEstimates,
  type SecondPass,
  secondPass,
} from "./estimates.js";
import { type BootstrapIntervals, bootstrapIntervals, normalInterval } from "./intervals.js";
import { normalQuantile } from "./normalQuantile.js";
import type { IntervalSettings } from "./options.js";
import type { SurveyColumns } from "./readSurvey.js";
import type { IndicatorSatisfaction, SatisfactionIndex, SatisfactionSummary } from "./types.js";

/** What a summary needs besides the respondents: `K_o`, the indicator weights, the scale's top, intervals, the adjusted scores' form. */
export interface SummaryOptions {
  readonly reference: number;
  readonly weights: Float64Array;
  readonly scaleMax: number | null;
  readonly settings: IntervalSettings;
  readonly adjustedAs: "rows" | "columns";
}

/**
 * The summary of the respondents `rows` of `columns`. With `adjustedAs: "columns"` the rows
 * of `adjusted` are not made here (it is left empty): the caller turns it into an accessor.
 */
export function summarise(
  columns: SurveyColumns,
  rows: Int32Array,
  options: SummaryOptions,
): SatisfactionSummary {
  const { reference, weights, scaleMax, settings, adjustedAs } = options;
  const N = rows.length;
  const point = pointEstimates(columns, rows, weights);
  const second = secondPass(
    { columns, rows, reference, scaleMax: scaleMax ?? Number.POSITIVE_INFINITY },
    point,
  );
  const { moments } = second;
  const boot = settings.method === "bootstrap" ? bootstrapIntervals(columns, rows, weights, settings) : null;
  const zq = normalQuantile(1 - (1 - settings.confidence) / 2);
  let maxK = 0;
  for (let p = 0; p < N; p++) maxK = Math.max(maxK, columns.values[rows[p]!]!);
  const kScale = powerOfTwoScale(maxK);
  const total = new CompensatedSum();
  let sumK2 = 0;
  for (let p = 0; p < N; p++) {
    const k = columns.values[rows[p]!]!;
    total.add(k);
    sumK2 += k * kScale * (k * kScale);
  }
  return {
    reference,
    respondents: N,
    valueTotal: total.value,
    effectiveN: total.value > 0 ? (total.value * kScale) ** 2 / sumK2 : null,
    indicators: indicatorResults({ columns, point, moments, boot, zq, scaleMax }),
    index: indexOf({ indicators: columns.indicators, point, second, boot, zq, N }),
    adjusted: adjustedAs === "rows" ? adjustedRowsOf(columns, rows, reference) : [],
    adjustedColumns: adjustedAs === "rows" ? null : adjustedColumns(columns, rows, reference),
  };
}

/** Per indicator, keyed by name (an object that inherits nothing). */
function indicatorResults(parts: {
  columns: SurveyColumns;
  point: PointEstimates;
  moments: IndicatorMoments[];
  boot: BootstrapIntervals | null;
  zq: number;
  scaleMax: number | null;
}): Record<string, IndicatorSatisfaction> {
  const { columns, point, moments, boot, zq, scaleMax } = parts;
  const out: Record<string, IndicatorSatisfaction> = emptyRecord();
  columns.indicators.forEach((name, j) => {
    const m = moments[j]!;
    const mu = point.unweighted[j] ?? null;
    const mw = point.weighted[j] ?? null;
    const answered = point.n[j]! > 0;
    out[name] = {
      n: point.n[j]!,
      unweighted: mu,
      weighted: mw,
      adjustedMean: m.adjustedMean,
      effectiveN: m.effectiveN,
      valueTotal: point.valueTotal[j]!,
      unweightedStandardError: m.unweightedSE,
      weightedStandardError: m.weightedSE,
      unweightedInterval: boot ? (boot.unweighted[j] ?? null) : normalInterval(mu, m.unweightedSE, zq),
      weightedInterval: boot ? (boot.weighted[j] ?? null) : normalInterval(mw, m.weightedSE, zq),
      adjustedMax: m.adjustedMax,
      adjustedAboveScale: scaleMax === null || !answered ? null : m.above,
    };
  });
  return out;
}

/** The index of the plain and the weighted means, with standard errors from the summed influences. */
function indexOf(parts: {
  indicators: readonly string[];
  point: PointEstimates;
  second: SecondPass;
  boot: BootstrapIntervals | null;
  zq: number;
  N: number;
}): SatisfactionIndex {
  const { indicators, point, second, boot, zq, N } = parts;
  const { moments, influence } = second;
  // Defined when every contributing indicator has a standard error of its own.
  const se = (
    index: number | null,
    a: Float64Array,
    of: (m: IndicatorMoments) => number | null,
    sums: [number, number],
  ) => {
    if (index === null || N < 2) return null;
    for (let j = 0; j < a.length; j++) if (a[j]! > 0 && of(moments[j]!) === null) return null;
    return linearizationSe(sums[0], sums[1], N);
  };
  const seU = se(
    point.indexUnweighted,
    point.indexWeightsUnweighted,
    (m) => m.unweightedSE,
    influence.unweighted,
  );
  const seW = se(point.indexWeighted, point.indexWeightsWeighted, (m) => m.weightedSE, influence.weighted);
  const weights: Record<string, number> = emptyRecord();
  indicators.forEach((name, j) => {
    weights[name] = point.indexWeightsWeighted[j]!;
  });
  return {
    unweighted: point.indexUnweighted,
    weighted: point.indexWeighted,
    unweightedStandardError: seU,
    weightedStandardError: seW,
    unweightedInterval: boot ? boot.indexUnweighted : normalInterval(point.indexUnweighted, seU, zq),
    weightedInterval: boot ? boot.indexWeighted : normalInterval(point.indexWeighted, seW, zq),
    weights,
  };
}
