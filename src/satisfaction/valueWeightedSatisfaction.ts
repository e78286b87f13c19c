import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInRange, assertInteger, assertOneOf, assertOptions } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { indices } from "../internal/indices.js";
import type { Customer } from "../records/Customer.js";
import type { SurveyResponse } from "../records/SurveyResponse.js";
import { adjustedRows, type IntervalSettings, summarise } from "./estimates.js";
import { normalQuantile } from "./normalQuantile.js";
import {
  type CustomerValues,
  groupLookup,
  readSurvey,
  type SatisfactionGroupBy,
  type SkippedRespondent,
  type SurveyColumns,
  valueLookup,
} from "./readSurvey.js";

export type { CustomerValues, SatisfactionGroupBy, SkippedRespondent } from "./readSurvey.js";

/** Options of {@link valueWeightedSatisfaction}. */
export interface ValueWeightedSatisfactionOptions {
  /**
   * The reference (standard) customer value `K_o`: `"mean"` (default) = the mean value of
   * all respondents, `"min"` = the smallest (must be > 0), or a number > 0.
   */
  readonly reference?: "mean" | "min" | number | undefined;
  /**
   * Importance weight `w_j >= 0` per indicator for the index (a plain object or a `Map`).
   * Default: every indicator weighs 1. Indicators not named get weight 0.
   */
  readonly indicatorWeights?: Readonly<Record<string, number>> | ReadonlyMap<string, number> | undefined;
  /** Indicators to report, in this order. Default: every indicator found, in order of first appearance. */
  readonly indicators?: readonly string[] | undefined;
  /** The questionnaire's scale `[min, max]`; a score outside is an error. Default: no check. */
  readonly scale?: readonly [number, number] | undefined;
  /**
   * A respondent without a customer value (or, with `groupBy`, without a group):
   * `"error"` (default) throws `MISSING_VALUE`; `"skip"` leaves them out and lists them in `skipped`.
   */
  readonly missingValue?: "error" | "skip" | undefined;
  /** Confidence level of every interval, in (0, 1). Default 0.95. */
  readonly confidence?: number | undefined;
  /**
   * How intervals are computed: `"normal"` (default) = mean ± z·SE with the linearization SE
   * (as R's `svymean`); `"bootstrap"` = percentile bootstrap over respondents.
   */
  readonly interval?: "normal" | "bootstrap" | undefined;
  /** Bootstrap settings: `replicates` (default 2000), `seed` (a whole number, default 1). */
  readonly bootstrap?:
    | { readonly replicates?: number | undefined; readonly seed?: number | undefined }
    | undefined;
  /**
   * Also report every group separately: `"segment"` or `"region"` (read from
   * `options.customers`), a `Map` of customer id to group, or a function. Default: no groups.
   */
  readonly groupBy?: SatisfactionGroupBy | undefined;
  /** Customer records, needed for `groupBy: "segment"` or `"region"`. */
  readonly customers?: readonly Customer[] | undefined;
  /**
   * How the respondents' adjusted scores are returned: `"rows"` (default) = `adjusted`
   * holds one object per respondent and `adjustedColumns` is `null`; `"columns"` =
   * `adjustedColumns` holds them as typed arrays and the rows of `adjusted` are made
   * from those only when `adjusted` is first read. For surveys of a million respondents,
   * where a million small result objects cost more than the rest of the call
   * (docs/performance.md, "Adjusted scores").
   */
  readonly adjustedAs?: "rows" | "columns" | undefined;
}

/** A confidence interval. */
export interface SatisfactionInterval {
  readonly lower: number;
  readonly upper: number;
}

/** One indicator's results. Means are `null` when no respondent (with a value > 0) answered. */
export interface IndicatorSatisfaction {
  /** Respondents who answered the indicator. */
  readonly n: number;
  /** Plain mean `sum D_ij / n`. */
  readonly unweighted: number | null;
  /** Value-weighted mean `sum K_i D_ij / sum K_i` over the respondents who answered. */
  readonly weighted: number | null;
  /** Plain mean of the adjusted scores `D'_ij = (K_i / K_o) D_ij` over the respondents who answered. */
  readonly adjustedMean: number | null;
  /** Kish's effective sample size `(sum K_i)^2 / sum K_i^2` over the respondents who answered. */
  readonly effectiveN: number | null;
  /** `sum K_i` over the respondents who answered. */
  readonly valueTotal: number;
  /** Linearization standard error of `unweighted` (`null` when fewer than 2 answered). */
  readonly unweightedStandardError: number | null;
  /** Linearization standard error of `weighted`, as R's `survey::svymean` (`null` when fewer than 2 answered). */
  readonly weightedStandardError: number | null;
  /** Confidence interval of `unweighted` (method and level: the result's `interval`). */
  readonly unweightedInterval: SatisfactionInterval | null;
  /** Confidence interval of `weighted`. */
  readonly weightedInterval: SatisfactionInterval | null;
  /** The largest adjusted score (it can exceed the scale; it is never clipped). */
  readonly adjustedMax: number | null;
  /** How many adjusted scores exceed the scale's maximum (`null` without `scale`). */
  readonly adjustedAboveScale: number | null;
}

/** The overall index `sum_j w_j S_j / sum_j w_j` of the plain and the weighted means. */
export interface SatisfactionIndex {
  readonly unweighted: number | null;
  readonly weighted: number | null;
  readonly unweightedStandardError: number | null;
  readonly weightedStandardError: number | null;
  readonly unweightedInterval: SatisfactionInterval | null;
  readonly weightedInterval: SatisfactionInterval | null;
  /** The weights used for the weighted index, normalised to sum to 1 (an object that inherits nothing). */
  readonly weights: Readonly<Record<string, number>>;
}

/** One respondent's adjusted scores. */
export interface AdjustedResponse {
  readonly customerId: string;
  /** `K_i / K_o`. */
  readonly factor: number;
  /** `D'_ij = factor · D_ij` per indicator; `null` = skipped (an object that inherits nothing). */
  readonly scores: Readonly<Record<string, number | null>>;
}

/**
 * Every respondent's adjusted scores as columns (option `adjustedAs: "columns"`):
 * position `p` of each array is the respondent `adjusted[p]` describes.
 */
export interface AdjustedColumns {
  /** The respondents' customer ids, in input order. */
  readonly customerIds: readonly string[];
  /** `K_i / K_o` per respondent. */
  readonly factor: Float64Array;
  /**
   * `D'_ij = factor · D_ij` per indicator, one per respondent; `NaN` = skipped (where
   * `adjusted` has `null`). An object that inherits nothing.
   */
  readonly scores: Readonly<Record<string, Float64Array>>;
}

/** The results for one set of respondents (the whole survey or one group). */
export interface SatisfactionSummary {
  /** `K_o`, the reference customer value (always the whole survey's, also in groups). */
  readonly reference: number;
  /** Respondents counted (after skipping). */
  readonly respondents: number;
  /** `sum K_i` over the respondents. */
  readonly valueTotal: number;
  /** Kish's effective sample size over all respondents. */
  readonly effectiveN: number | null;
  /** Per indicator, keyed by indicator name (an object that inherits nothing, so any name is safe). */
  readonly indicators: Readonly<Record<string, IndicatorSatisfaction>>;
  readonly index: SatisfactionIndex;
  /**
   * One entry per respondent, in input order. With `adjustedAs: "columns"` an accessor
   * that makes the rows from `adjustedColumns` when first read and then becomes a plain
   * property holding them (assigning first makes it one holding the value assigned).
   */
  readonly adjusted: AdjustedResponse[];
  /** The same adjusted scores as columns with `adjustedAs: "columns"`; `null` otherwise. */
  readonly adjustedColumns: AdjustedColumns | null;
}

/** One group's results (see `groupBy`). */
export interface SatisfactionGroup extends SatisfactionSummary {
  readonly group: string;
}

/** The result of {@link valueWeightedSatisfaction}. */
export interface ValueWeightedSatisfactionResult extends SatisfactionSummary {
  /** How the intervals were computed. */
  readonly interval: {
    readonly method: "normal" | "bootstrap";
    readonly confidence: number;
    /** Bootstrap replicates and seed (`null` for `"normal"`). */
    readonly replicates: number | null;
    readonly seed: number | null;
  };
  /** Respondents left out under `missingValue: "skip"`, in input order. */
  readonly skipped: SkippedRespondent[];
  /** Per group, groups sorted by name (plain string order); `null` without `groupBy`. */
  readonly groups: SatisfactionGroup[] | null;
}

const FN = "valueWeightedSatisfaction";

/** Options resolved once, shared with `satisfactionTrap`. */
export interface ResolvedSatisfactionOptions {
  readonly reference: "mean" | "min" | number;
  readonly indicatorWeights: ValueWeightedSatisfactionOptions["indicatorWeights"];
  readonly indicators: readonly string[] | undefined;
  readonly scale: readonly [number, number] | undefined;
  readonly missingValue: "error" | "skip";
  readonly settings: IntervalSettings;
  readonly groupOf: ((customerId: string) => unknown) | undefined;
}

/** Resolves and checks the options (defaults in {@link ValueWeightedSatisfactionOptions}). */
export function resolveSatisfactionOptions(
  options: ValueWeightedSatisfactionOptions,
  fnName: string,
): ResolvedSatisfactionOptions {
  assertOptions(options, fnName);
  const {
    reference = "mean",
    indicatorWeights,
    indicators,
    scale,
    missingValue = "error",
    confidence = 0.95,
    interval = "normal",
    bootstrap = {},
    groupBy,
    customers,
  } = options;
  if (typeof reference === "number") {
    assertInRange(reference, `${fnName}: reference`, 0, Number.POSITIVE_INFINITY, {
      minOpen: true,
      maxOpen: true,
    });
  } else assertOneOf(reference, ["mean", "min"], `${fnName}: reference`);
  if (indicators !== undefined) {
    const ok = Array.isArray(indicators) && indicators.every((x) => typeof x === "string");
    if (!ok || new Set(indicators).size !== indicators.length) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fnName}: indicators must be an array of distinct names, got ${describeValue(indicators)}`,
      );
    }
  }
  if (scale !== undefined) {
    const ok =
      Array.isArray(scale) &&
      scale.length === 2 &&
      Number.isFinite(scale[0]) &&
      Number.isFinite(scale[1]) &&
      scale[0] < scale[1];
    if (!ok) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fnName}: scale must be [min, max] with finite min < max, got ${describeValue(scale)}`,
      );
    }
  }
  assertOneOf(missingValue, ["error", "skip"], `${fnName}: missingValue`);
  assertInRange(confidence, `${fnName}: confidence`, 0, 1, { minOpen: true, maxOpen: true });
  if (!Number.isFinite(normalQuantile(1 - (1 - confidence) / 2))) {
    // So close to 1 (0.9999999999999999) that the normal quantile is infinite.
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fnName}: confidence must leave a finite normal quantile (at most 1 - 1e-15), got ${confidence}`,
    );
  }
  assertOneOf(interval, ["normal", "bootstrap"], `${fnName}: interval`);
  if (typeof bootstrap !== "object" || bootstrap === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fnName}: bootstrap must be an object { replicates?, seed? }, got ${describeValue(bootstrap)}`,
    );
  }
  const { replicates = 2000, seed = 1 } = bootstrap;
  assertInteger(replicates, `${fnName}: bootstrap.replicates`, 2);
  assertInteger(seed, `${fnName}: bootstrap.seed`, 0);
  return {
    reference,
    indicatorWeights,
    indicators,
    scale,
    missingValue,
    settings: { method: interval, confidence, replicates, seed },
    groupOf: groupLookup(groupBy, customers, fnName),
  };
}

/** Indicator weights per indicator (parallel to `indicators`); checks names, signs and the total. */
export function resolveIndicatorWeights(
  indicatorWeights: ValueWeightedSatisfactionOptions["indicatorWeights"],
  indicators: readonly string[],
  fnName: string,
): Float64Array {
  const weights = new Float64Array(indicators.length);
  if (indicatorWeights === undefined) return weights.fill(1);
  let entries: [string, unknown][];
  if (indicatorWeights instanceof Map) entries = [...indicatorWeights.entries()];
  else if (
    typeof indicatorWeights === "object" &&
    indicatorWeights !== null &&
    !Array.isArray(indicatorWeights)
  )
    entries = Object.keys(indicatorWeights).map((k) => [k, (indicatorWeights as Record<string, unknown>)[k]]);
  else
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fnName}: indicatorWeights must be an object or a Map of indicator to weight, got ${describeValue(indicatorWeights)}`,
    );
  const position = new Map(indicators.map((name, j) => [name, j]));
  const unknown = entries.filter(([name]) => !position.has(name)).map(([name]) => JSON.stringify(name));
  if (unknown.length > 0) {
    throw new CustomerValueError(
      "UNKNOWN_NAME",
      `${fnName}: indicatorWeights must name indicators of the survey (${indicators.map((x) => JSON.stringify(x)).join(", ")}), got ${unknown.join(", ")}`,
    );
  }
  let total = 0;
  for (const [name, weight] of entries) {
    assertInRange(
      weight,
      `${fnName}: indicatorWeights[${JSON.stringify(name)}]`,
      0,
      Number.POSITIVE_INFINITY,
      {
        maxOpen: true,
      },
    );
    weights[position.get(name)!] = weight;
    total += weight;
  }
  if (!(total > 0)) {
    throw new CustomerValueError(
      "ZERO_WEIGHTS",
      `${fnName}: indicatorWeights must not sum to 0, got ${total}`,
    );
  }
  return weights;
}

/** `K_o` from the rule; `"min"` with a zero minimum throws `ZERO_REFERENCE`. */
export function resolveReference(
  rule: "mean" | "min" | number,
  values: Float64Array,
  fnName: string,
): number {
  if (typeof rule === "number") return rule;
  if (rule === "min") {
    let min = Number.POSITIVE_INFINITY;
    for (const k of values) if (k < min) min = k;
    if (min === 0) {
      throw new CustomerValueError(
        "ZERO_REFERENCE",
        `${fnName}: reference "min" needs every respondent's value > 0 (K_o = min K_i divides each value), got a minimum of 0; use "mean" or a number`,
      );
    }
    return min;
  }
  let total = 0;
  let correction = 0;
  for (const k of values) {
    const t = total + k;
    correction += Math.abs(total) >= Math.abs(k) ? total - t + k : k - t + total;
    total = t;
  }
  return (total + correction) / values.length;
}

/** The largest factor `K_i / K_o` accepted (see {@link assertFiniteFactors}). */
const MAX_FACTOR = 1e100;

/**
 * Throws `INVALID_OPTION` when a factor `K_i / K_o` exceeds 1e100 (a reference such as
 * `5e-324` against ordinary values): adjusted scores and their sums would overflow to
 * Infinity and NaN would reach the result.
 */
function assertFiniteFactors(reference: number, values: Float64Array, fnName: string): void {
  let max = 0;
  for (const k of values) if (k > max) max = k;
  if (!(max / reference <= MAX_FACTOR)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fnName}: reference must be large enough that every factor K_i / K_o is at most 1e100, got K_o = ${reference} and a largest value of ${max}`,
    );
  }
}

/**
 * Makes `summary.adjusted` an accessor that builds the rows from `summary.adjustedColumns`
 * when first read, in its place among the keys. Enumerable, so `JSON.stringify`,
 * `Object.keys`, spread and deep equality see the rows. The first read turns it into the
 * plain data property it stands for (holding the rows; if the result was frozen or sealed
 * meanwhile, the accessor keeps them instead); an assignment does the same with the value
 * assigned, and throws on a frozen or sealed result as assigning a read-only property does.
 */
function rowsOnDemand(summary: SatisfactionSummary, indicators: readonly string[]): void {
  const source = summary.adjustedColumns!;
  let rows: AdjustedResponse[] | undefined;
  const settle = (target: object, value: unknown) =>
    Object.defineProperty(target, "adjusted", {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  Object.defineProperty(summary, "adjusted", {
    get() {
      rows ??= adjustedRows(source, indicators);
      if (Object.getOwnPropertyDescriptor(summary, "adjusted")?.configurable) settle(summary, rows);
      return rows;
    },
    set(this: object, value: unknown) {
      settle(this, value);
    },
    enumerable: true,
    configurable: true,
  });
}

/**
 * Runs the estimators on a validated wave: the whole survey and, with groups, each group;
 * `adjustedAs` as the option of that name.
 */
export function analyseSurvey(
  columns: SurveyColumns,
  resolved: ResolvedSatisfactionOptions,
  fnName: string,
  adjustedAs: "rows" | "columns",
): ValueWeightedSatisfactionResult {
  const weights = resolveIndicatorWeights(resolved.indicatorWeights, columns.indicators, fnName);
  const reference = resolveReference(resolved.reference, columns.values, fnName);
  assertFiniteFactors(reference, columns.values, fnName);
  const scaleMax = resolved.scale === undefined ? null : resolved.scale[1];
  const { settings } = resolved;
  const all = indices(columns.ids.length);
  let groups: SatisfactionGroup[] | null = null;
  if (columns.groups !== null) {
    const members = new Map<string, number[]>();
    columns.groups.forEach((group, r) => {
      const list = members.get(group);
      if (list === undefined) members.set(group, [r]);
      else list.push(r);
    });
    groups = [...members.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((group) => ({
        group,
        ...summarise(
          columns,
          Int32Array.from(members.get(group)!),
          reference,
          weights,
          scaleMax,
          settings,
          adjustedAs,
          false,
        ),
      }));
  }
  // The whole survey last: its adjusted scores take over the survey's columns.
  const whole = summarise(columns, all, reference, weights, scaleMax, settings, adjustedAs, true);
  const result: ValueWeightedSatisfactionResult = {
    ...whole,
    interval: {
      method: settings.method,
      confidence: settings.confidence,
      replicates: settings.method === "bootstrap" ? settings.replicates : null,
      seed: settings.method === "bootstrap" ? settings.seed : null,
    },
    skipped: columns.skipped,
    groups,
  };
  if (adjustedAs === "columns") {
    rowsOnDemand(result, columns.indicators);
    for (const group of groups ?? []) rowsOnDemand(group, columns.indicators);
  }
  return result;
}

/**
 * Value-weighted customer satisfaction: each respondent's scores count in proportion
 * to the customer's value to the firm, so the index reflects the customers who carry
 * the business (the remedy for the "satisfaction trap").
 *
 * Formulas (DOMAIN.md section 1; the source's pre-processing `D'_ij = (K_i / K_o) D_ij`):
 * - `unweighted_j = sum_i D_ij / n_j`, `weighted_j = sum_i K_i D_ij / sum_i K_i`
 *   (over the `n_j` respondents who answered `j`);
 * - `adjustedMean_j` = plain mean of `D'_ij`; with `reference: "mean"` and everybody
 *   answering it equals `weighted_j` (and stays on the scale); with `"min"` every adjusted
 *   score is inflated by `mean(K)/min(K)` and may exceed the scale — reported, not clipped
 *   (`adjustedMax`, `adjustedAboveScale`);
 * - `effectiveN_j = (sum K_i)^2 / sum K_i^2` (Kish);
 * - `index = sum_j w_j S_j / sum_j w_j` for `S` = plain and weighted means.
 * - Standard errors: Taylor linearization of the ratio mean, identical to R's
 *   `svymean(~x, svydesign(ids = ~1, weights = ~value), na.rm = TRUE)`; intervals are
 *   `mean ± z·SE` (`z` = normal quantile) or, with `interval: "bootstrap"`, seeded
 *   percentile bootstrap intervals (mulberry32, respondents resampled whole).
 *
 * Edge cases: a respondent who skipped an indicator (`null` or absent score) is left
 * out of that indicator only (and counts as a respondent of the survey for the SE, as
 * `na.rm = TRUE` does). An indicator nobody answered has `n = 0` and `null` means; its
 * weight goes to the others in the index. Standard errors and intervals are `null` when
 * fewer than 2 respondents answered. Means are clamped into the range of the observed
 * scores, so rounding never puts them off the scale. Respondents with value 0 count in
 * `n` and in the plain mean but weigh nothing. Results keyed by indicator inherit no properties,
 * so indicators such as `"__proto__"` work. `K_o` is one number for the whole survey,
 * also inside groups (so adjusted scores compare across groups).
 *
 * @param responses - survey responses `{ customerId, scores: { indicator: number | null } }`
 * @param values - customer value `K_i >= 0` by customer id (object, `Map` or function)
 * @param options - see {@link ValueWeightedSatisfactionOptions}
 * @returns per indicator the plain, weighted and adjusted means with SEs and intervals,
 *   the overall index, the adjusted scores, and (with `groupBy`) the same per group
 * @throws {CustomerValueError} `INVALID_RECORD` (malformed response or non-numeric value),
 *   `EMPTY_INPUT` (no responses, or all skipped), `DUPLICATE_ID` (a customer answers
 *   twice), `OUT_OF_SCALE` (score outside `scale`), `NEGATIVE_VALUE`, `MISSING_VALUE`
 *   (a respondent without value or group, unless `missingValue: "skip"`), `ZERO_TOTAL`
 *   (all values 0), `ZERO_WEIGHTS` (indicator weights summing to 0), `ZERO_REFERENCE` (`reference:
 *   "min"` with a zero minimum), `UNKNOWN_NAME` (a weight for an unknown indicator),
 *   `INVALID_OPTION` (any other bad option).
 * @example
 * const r = valueWeightedSatisfaction(
 *   [
 *     { customerId: "A", scores: { quality: 6 } },
 *     { customerId: "B", scores: { quality: 9 } },
 *   ],
 *   { A: 900, B: 100 },
 * );
 * r.indicators.quality.unweighted; // => 7.5
 * r.indicators.quality.weighted; // => 6.3  (900·6 + 100·9) / 1000
 */
export function valueWeightedSatisfaction(
  responses: readonly SurveyResponse[],
  values: CustomerValues,
  options: ValueWeightedSatisfactionOptions = {},
): ValueWeightedSatisfactionResult {
  const resolved = resolveSatisfactionOptions(options, FN);
  const { adjustedAs = "rows" } = options;
  assertOneOf(adjustedAs, ["rows", "columns"], `${FN}: adjustedAs`);
  const columns = readSurvey(responses, valueLookup(values, FN), {
    fnName: FN,
    label: "responses",
    indicators: resolved.indicators,
    scale: resolved.scale,
    missingValue: resolved.missingValue,
    groupOf: resolved.groupOf,
  });
  return analyseSurvey(columns, resolved, FN, adjustedAs);
}
