/**
 * The options of `valueWeightedSatisfaction` (shared with `satisfactionTrap`), checked and
 * resolved once: the reference value `K_o`, the indicator weights and the interval method.
 */
import { fsum } from "../engine/sum.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInRange, assertInteger, assertOneOf, assertOptions } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { groupLookup } from "./lookups.js";
import { normalQuantile } from "./normalQuantile.js";
import type { ValueWeightedSatisfactionOptions } from "./types.js";

/** How intervals are computed. */
export interface IntervalSettings {
  readonly method: "normal" | "bootstrap";
  readonly confidence: number;
  readonly replicates: number;
  readonly seed: number;
}

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
    groupBy,
    customers,
  } = options;
  if (typeof reference === "number") {
    assertInRange(reference, `${fnName}: reference`, 0, Number.POSITIVE_INFINITY, {
      minOpen: true,
      maxOpen: true,
    });
  } else assertOneOf(reference, ["mean", "min"], `${fnName}: reference`);
  assertIndicators(indicators, fnName);
  assertScale(scale, fnName);
  assertOneOf(missingValue, ["error", "skip"], `${fnName}: missingValue`);
  return {
    reference,
    indicatorWeights,
    indicators,
    scale,
    missingValue,
    settings: intervalSettings(options, fnName),
    groupOf: groupLookup(groupBy, customers, fnName),
  };
}

function assertIndicators(indicators: unknown, fnName: string): void {
  if (indicators === undefined) return;
  const ok = Array.isArray(indicators) && indicators.every((x) => typeof x === "string");
  if (!ok || new Set(indicators).size !== indicators.length) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fnName}: indicators must be an array of distinct names, got ${describeValue(indicators)}`,
    );
  }
}

function assertScale(scale: unknown, fnName: string): void {
  if (scale === undefined) return;
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

/** `confidence`, `interval` and `bootstrap`, checked. */
function intervalSettings(options: ValueWeightedSatisfactionOptions, fnName: string): IntervalSettings {
  const { confidence = 0.95, interval = "normal", bootstrap = {} } = options;
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
  if (replicates > MAX_REPLICATES) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fnName}: bootstrap.replicates must be at most ${MAX_REPLICATES}, got ${replicates}`,
    );
  }
  assertInteger(seed, `${fnName}: bootstrap.seed`, 0);
  return { method: interval, confidence, replicates, seed };
}

/** The most bootstrap replicates: each resamples every respondent (the default is 2,000). */
const MAX_REPLICATES = 100_000;

/** The `(name, weight)` pairs of `indicatorWeights` (an object or a Map). */
function weightEntries(indicatorWeights: unknown, fnName: string): [string, unknown][] {
  if (indicatorWeights instanceof Map) return [...indicatorWeights.entries()];
  if (typeof indicatorWeights === "object" && indicatorWeights !== null && !Array.isArray(indicatorWeights)) {
    return Object.keys(indicatorWeights).map((k) => [k, (indicatorWeights as Record<string, unknown>)[k]]);
  }
  throw new CustomerValueError(
    "INVALID_OPTION",
    `${fnName}: indicatorWeights must be an object or a Map of indicator to weight, got ${describeValue(indicatorWeights)}`,
  );
}

/** Indicator weights per indicator (parallel to `indicators`); checks names, signs and the total. */
export function resolveIndicatorWeights(
  indicatorWeights: ValueWeightedSatisfactionOptions["indicatorWeights"],
  indicators: readonly string[],
  fnName: string,
): Float64Array {
  const weights = new Float64Array(indicators.length);
  if (indicatorWeights === undefined) return weights.fill(1);
  const entries = weightEntries(indicatorWeights, fnName);
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
  // Only the ratios matter: scaled to the largest, weights near 1e308 still sum finitely.
  const largest = weights.reduce((max, w) => Math.max(max, w), 0);
  return weights.map((w) => w / largest);
}

/** The largest factor `K_i / K_o` accepted: adjusted scores and their sums must stay finite. */
const MAX_FACTOR = 1e100;

/**
 * `K_o` from the rule (`"mean"`: the compensated mean of the values; `"min"`: the
 * smallest, which must be > 0; or the number given), checked so that every factor
 * `K_i / K_o` is at most 1e100.
 *
 * @throws {CustomerValueError} `ZERO_REFERENCE` for `"min"` with a zero minimum;
 *   `INVALID_OPTION` for a reference so small that a factor would exceed 1e100
 */
export function resolveReference(
  rule: "mean" | "min" | number,
  values: Float64Array,
  fnName: string,
): number {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const k of values) {
    if (k < min) min = k;
    if (k > max) max = k;
  }
  if (rule === "min" && min === 0) {
    throw new CustomerValueError(
      "ZERO_REFERENCE",
      `${fnName}: reference "min" needs every respondent's value > 0 (K_o = min K_i divides each value), got a minimum of 0; use "mean" or a number`,
    );
  }
  // The mean of values up to 1e100 each: their sum cannot overflow below 1e208 respondents.
  const reference = typeof rule === "number" ? rule : rule === "min" ? min : fsum(values) / values.length;
  if (!(max / reference <= MAX_FACTOR)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fnName}: reference must be large enough that every factor K_i / K_o is at most 1e100, got K_o = ${reference} and a largest value of ${max}`,
    );
  }
  return reference;
}
