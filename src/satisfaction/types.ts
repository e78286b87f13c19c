/** The options and results of `valueWeightedSatisfaction` and `satisfactionTrap`. */
import type { Customer } from "../records/Customer.js";

/**
 * Customer values `K_i >= 0` by customer id: a plain object, a `Map`, or a function.
 * A plain object is read through its own properties only, so ids such as
 * `"__proto__"` or `"constructor"` are looked up safely.
 */
export type CustomerValues =
  | Readonly<Record<string, number>>
  | ReadonlyMap<string, number>
  | ((customerId: string) => number | null | undefined);

/**
 * How respondents are grouped: by a customer field (`"segment"`, `"region"`, read from
 * `options.customers`), by a `Map` of customer id to group, or by a function.
 */
export type SatisfactionGroupBy =
  | "segment"
  | "region"
  | ReadonlyMap<string, string>
  | ((customerId: string) => string | null | undefined);

/** A respondent left out under `missingValue: "skip"`, and why. */
export interface SkippedRespondent {
  /** The respondent's customer id. */
  readonly customerId: string;
  /** `"no-value"`: no customer value; `"no-group"`: `groupBy` gave no group. */
  readonly reason: "no-value" | "no-group";
}

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
