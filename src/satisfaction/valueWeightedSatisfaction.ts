import { assertOneOf } from "../internal/assert.js";
import { compareIds, indices } from "../engine/rank.js";
import type { SurveyResponse } from "../records/SurveyResponse.js";
import { rowsOnDemand } from "./adjusted.js";
import { valueLookup } from "./lookups.js";
import {
  type ResolvedSatisfactionOptions,
  resolveIndicatorWeights,
  resolveReference,
  resolveSatisfactionOptions,
} from "./options.js";
import { readSurvey, type SurveyColumns } from "./readSurvey.js";
import { type SummaryOptions, summarise } from "./summarise.js";
import type {
  CustomerValues,
  SatisfactionGroup,
  ValueWeightedSatisfactionOptions,
  ValueWeightedSatisfactionResult,
} from "./types.js";

export type {
  AdjustedColumns,
  AdjustedResponse,
  CustomerValues,
  IndicatorSatisfaction,
  SatisfactionGroup,
  SatisfactionGroupBy,
  SatisfactionIndex,
  SatisfactionInterval,
  SatisfactionSummary,
  SkippedRespondent,
  ValueWeightedSatisfactionOptions,
  ValueWeightedSatisfactionResult,
} from "./types.js";
export { type ResolvedSatisfactionOptions, resolveSatisfactionOptions } from "./options.js";

const FN = "valueWeightedSatisfaction";

/** Each group's respondents (positions in the columns), groups in plain string order. */
function groupMembers(groups: readonly string[]): [string, Int32Array][] {
  const members = new Map<string, number[]>();
  groups.forEach((group, r) => {
    const list = members.get(group);
    if (list === undefined) members.set(group, [r]);
    else list.push(r);
  });
  return [...members.keys()].sort(compareIds).map((group) => [group, Int32Array.from(members.get(group)!)]);
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
  const { settings } = resolved;
  const weights = resolveIndicatorWeights(resolved.indicatorWeights, columns.indicators, fnName);
  const summary: SummaryOptions = {
    reference: resolveReference(resolved.reference, columns.values, fnName),
    weights,
    scaleMax: resolved.scale === undefined ? null : resolved.scale[1],
    settings,
    adjustedAs,
  };
  const groups: SatisfactionGroup[] | null =
    columns.groups === null
      ? null
      : groupMembers(columns.groups).map(([group, rows]) => ({
          group,
          ...summarise(columns, rows, summary),
        }));
  const result: ValueWeightedSatisfactionResult = {
    ...summarise(columns, indices(columns.ids.length), summary),
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
 * Formulas (the source's pre-processing `D'_ij = (K_i / K_o) D_ij`; docs/satisfaction.md):
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
