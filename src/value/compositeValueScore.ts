import { mean, sampleStandardDeviation } from "simple-statistics";
import { rankDescending } from "../engine/rank.js";
import { CompensatedSum } from "../engine/sum.js";
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { assertArray, assertOneOf } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { compileSafeFormula, FORMULA_FUNCTIONS } from "./safeFormula.js";

/** How a criterion's values are put on a common scale before weighting. */
export type Normalization = "minmax" | "zscore" | "rank";

/** One criterion of a composite value score. */
export interface ValueCriterion<T> {
  /** The numeric field of the records (required). */
  readonly field: keyof T & string;
  /** The criterion's weight, >= 0; the weights must sum to 1 (required). */
  readonly weight: number;
  /** `"higher"` — more is better (default) — or `"lower"` — less is better (a penalty such as violations). */
  readonly direction?: "higher" | "lower";
  /**
   * `"minmax"`: (x - min) / (max - min), in [0, 1] (default); `"zscore"`: (x - mean) / sd
   * with the sample standard deviation; `"rank"`: (average rank - 1) / (n - 1), in [0, 1].
   */
  readonly normalize?: Normalization;
}

/** The criteria form of {@link compositeValueScore}'s specification. */
export interface ValueCriteriaSpec<T> {
  readonly criteria: readonly ValueCriterion<T>[];
  /** Divide the weights by their sum instead of requiring them to sum to 1 (default false). */
  readonly normalizeWeights?: boolean;
}

/** The formula form of {@link compositeValueScore}'s specification. */
export interface ValueFormulaSpec {
  /** A mathjs expression over the records' numeric fields, e.g. `"0.6 * profit - 2 * violations"`. */
  readonly formula: string;
  /** Normalise every field the formula names before evaluating it (default `"none"`: raw values). */
  readonly normalize?: Normalization | "none";
}

/** Options of {@link compositeValueScore}. */
export interface CompositeValueScoreOptions<T> {
  /** The id of a record: a field name or a function (default the record's `id`, else its `customerId`). */
  readonly id?: (keyof T & string) | ((record: T) => string);
}

/** One record's composite score. */
export interface CompositeValueScoreRow {
  readonly id: string;
  readonly score: number;
  /** 1 = the highest score; ties broken by id ascending. */
  readonly rank: number;
}

/** Tolerance of the "weights sum to 1" check. */
const WEIGHT_TOLERANCE = 1e-9;

/**
 * A composite customer value score: several criteria — profit
 * contribution, growth potential, a compliance record with violations as a penalty —
 * each normalised and weighted with explicit weights:
 *
 *     score_i = sum_j w_j * norm_j(x_ij),  with sum_j w_j = 1
 *
 * `direction: "lower"` normalises `-x`, so the smallest value scores best. Or the score
 * is a formula over the fields (`{ formula: "0.6 * profit + 0.4 * growth - 2 * violations" }`),
 * evaluated with mathjs after its parse tree is checked: only numbers, the records'
 * numeric fields, `+ - * / ^` (and unary `-`, `+`), parentheses and the functions
 * `abs, min, max, sqrt, log, exp` are accepted — anything else (assignment, property or
 * index access, strings, units, matrices, `import`, `evaluate`, `createUnit`, …) throws
 * `UNSAFE_FORMULA` before anything is evaluated, and the formula sees a scope holding
 * only the fields it names.
 *
 * Edge cases: a criterion whose values are all equal (or a single record) normalises to 0
 * for everyone — it cannot separate the records; `"rank"` gives tied values their average
 * rank. An empty input gives `[]`. The result is sorted by score descending, ties by id
 * ascending.
 *
 * @param records - the records to score (never mutated)
 * @param spec - `{ criteria, normalizeWeights? }` or `{ formula, normalize? }`
 * @param options - see {@link CompositeValueScoreOptions}
 * @returns `[{ id, score, rank }]`, best first
 * @throws {CustomerValueError} `INVALID_OPTION` for malformed criteria, a negative
 *   weight, weights not summing to 1, or a formula that does not parse; `UNSAFE_FORMULA`
 *   for a formula using anything but arithmetic on fields; `UNKNOWN_NAME` for a field no
 *   record has; `INVALID_RECORD` listing every record whose field is not a finite number
 *   or whose formula value is not a finite number (division by zero, `sqrt(-1)`), or
 *   whose id is not a non-empty string; `DUPLICATE_ID` for a repeated id
 *
 * @example
 * const records = [
 *   { id: "A", profit: 100, violations: 0 },
 *   { id: "B", profit: 50, violations: 2 },
 * ];
 * compositeValueScore(records, {
 *   criteria: [
 *     { field: "profit", weight: 0.7 },
 *     { field: "violations", weight: 0.3, direction: "lower" },
 *   ],
 * });
 * // => [{ id: "A", score: 1, rank: 1 }, { id: "B", score: 0, rank: 2 }]
 * compositeValueScore(records, { formula: "profit - 20 * violations" });
 * // => [{ id: "A", score: 100, rank: 1 }, { id: "B", score: 10, rank: 2 }]
 */
export function compositeValueScore<T extends object>(
  records: readonly T[],
  spec: ValueCriteriaSpec<T> | ValueFormulaSpec,
  options: CompositeValueScoreOptions<T> = {},
): CompositeValueScoreRow[] {
  const fn = "compositeValueScore";
  assertArray(records, `${fn}: records`);
  if (typeof spec !== "object" || spec === null || "criteria" in spec === "formula" in spec) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: the second argument must be { criteria } or { formula } (exactly one), got ${describeValue(spec)}`,
    );
  }
  const idAccessor = options.id;
  if (
    idAccessor !== undefined &&
    typeof idAccessor !== "function" &&
    (typeof idAccessor !== "string" || idAccessor === "")
  ) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: id must be a field name or a function, got ${describeValue(idAccessor)}`,
    );
  }
  const ids = readIds(records, idAccessor, fn);
  const scores = "criteria" in spec ? criteriaScores(records, spec, fn) : formulaScores(records, spec, fn);
  return Array.from(
    rankDescending(scores, ids),
    (i, k): CompositeValueScoreRow => ({ id: ids[i]!, score: scores[i]! + 0, rank: k + 1 }),
  );
}

function readIds<T>(
  records: readonly T[],
  accessor: CompositeValueScoreOptions<T>["id"],
  fn: string,
): string[] {
  const ids: string[] = [];
  const issues: ValidationIssue[] = [];
  records.forEach((record, i) => {
    let id: unknown;
    if (typeof accessor === "function") id = accessor(record);
    else if (typeof record === "object" && record !== null) {
      const r = record as Record<string, unknown>;
      id = accessor !== undefined ? r[accessor] : r.id !== undefined ? r.id : r.customerId;
    }
    if (typeof id !== "string" || id === "") {
      issues.push({ path: `[${i}].id`, message: `expected a non-empty string id, got ${describeValue(id)}` });
    }
    ids.push(id as string);
  });
  if (issues.length > 0) {
    throw new CustomerValueError("INVALID_RECORD", `${fn}: every record needs a non-empty string id`, {
      issues,
    });
  }
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      throw new CustomerValueError("DUPLICATE_ID", `${fn}: ids must be unique, got "${id}" twice`);
    }
    seen.add(id);
  }
  return ids;
}

/** Reads one numeric field of every record, throwing with every bad record at once. */
function readField<T>(records: readonly T[], field: string, fn: string): Float64Array {
  const values = new Float64Array(records.length);
  const issues: ValidationIssue[] = [];
  let present = false;
  records.forEach((record, i) => {
    const own = typeof record === "object" && record !== null && Object.hasOwn(record, field);
    const value = own ? (record as Record<string, unknown>)[field] : undefined;
    if (own) present = true;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      issues.push({
        path: `[${i}].${field}`,
        message: `expected a finite number, got ${describeValue(value)}`,
      });
    } else values[i] = value;
  });
  if (!present && records.length > 0) {
    throw new CustomerValueError("UNKNOWN_NAME", `${fn}: no record has the field "${field}"`);
  }
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: field "${field}" must be a finite number in every record`,
      {
        issues,
      },
    );
  }
  return values;
}

/**
 * `values` times the power of two that brings the largest magnitude to at most 1: exact,
 * and min-max and z-scores do not change with the scale, so their sums cannot overflow.
 */
function scaledToUnit(values: Float64Array): Float64Array {
  let largest = 0;
  for (const x of values) largest = Math.max(largest, Math.abs(x));
  if (largest <= 1) return values;
  const scale = 2 ** -Math.ceil(Math.log2(largest));
  return values.map((x) => x * scale);
}

/** Normalises `raw` (already negated for "lower is better"); constant or single values give 0. */
function normalizeValues(raw: Float64Array, method: Normalization): Float64Array {
  const n = raw.length;
  const out = new Float64Array(n);
  if (n < 2) return out;
  const values = method === "rank" ? raw : scaledToUnit(raw);
  if (method === "minmax") {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const x of values) {
      if (x < min) min = x;
      if (x > max) max = x;
    }
    const range = max - min;
    if (range > 0) for (let i = 0; i < n; i++) out[i] = (values[i]! - min) / range;
    return out;
  }
  if (method === "zscore") {
    // z-scores do not change with the scale: divided by the largest |x|, values near
    // 1e-200 keep a variance that does not underflow (and values near 1e308 one that does not overflow).
    let scale = 0;
    for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(values[i]!));
    if (scale === 0) return out;
    const list = Array.from(values, (x) => x / scale);
    const m = mean(list);
    const sd = sampleStandardDeviation(list);
    if (sd > 0) for (let i = 0; i < n; i++) out[i] = (list[i]! - m) / sd + 0;
    return out;
  }
  // rank: average rank of ties, 1..n, scaled to [0, 1]; all tied -> 0 like the other methods
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  if (values[order[0]!] === values[order[n - 1]!]) return out;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    const averageRank = (start + 1 + end) / 2; // ranks start+1 .. end
    for (let k = start; k < end; k++) out[order[k]!] = (averageRank - 1) / (n - 1);
    start = end;
  }
  return out;
}

function criteriaScores<T>(records: readonly T[], spec: ValueCriteriaSpec<T>, fn: string): Float64Array {
  const { criteria, normalizeWeights = false } = spec;
  if (!Array.isArray(criteria) || criteria.length === 0) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: criteria must be a non-empty array of { field, weight, direction?, normalize? }, got ${describeValue(criteria)}`,
    );
  }
  if (typeof normalizeWeights !== "boolean") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: normalizeWeights must be true or false, got ${describeValue(normalizeWeights)}`,
    );
  }
  const weightSum = new CompensatedSum();
  criteria.forEach((c, j) => {
    const where = `${fn}: criteria[${j}]`;
    if (typeof c !== "object" || c === null) {
      throw new CustomerValueError("INVALID_OPTION", `${where} must be an object, got ${describeValue(c)}`);
    }
    if (typeof c.field !== "string" || c.field === "") {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${where}.field must be a field name, got ${describeValue(c.field)}`,
      );
    }
    if (typeof c.weight !== "number" || !Number.isFinite(c.weight) || c.weight < 0) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${where}.weight must be a finite number >= 0 (use direction: "lower" for a penalty), got ${describeValue(c.weight)}`,
      );
    }
    assertOneOf(c.direction ?? "higher", ["higher", "lower"], `${where}.direction`);
    assertOneOf(c.normalize ?? "minmax", ["minmax", "zscore", "rank"], `${where}.normalize`);
    weightSum.add(c.weight);
  });
  const total = weightSum.value;
  if (normalizeWeights ? !(total > 0) : Math.abs(total - 1) > WEIGHT_TOLERANCE) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      normalizeWeights
        ? `${fn}: the weights must not all be 0, got ${criteria.map((c) => c.weight).join(", ")}`
        : `${fn}: the weights must sum to 1 (or pass normalizeWeights: true), got ${total} (${criteria.map((c) => c.weight).join(" + ")})`,
    );
  }
  const scores = new Float64Array(records.length);
  for (const c of criteria) {
    const raw = readField(records, c.field, fn);
    if ((c.direction ?? "higher") === "lower") for (let i = 0; i < raw.length; i++) raw[i] = -raw[i]!;
    const normalized = normalizeValues(raw, c.normalize ?? "minmax");
    const weight = normalizeWeights ? c.weight / total : c.weight;
    for (let i = 0; i < records.length; i++) scores[i]! += weight * normalized[i]!;
  }
  return scores;
}

function formulaScores<T>(records: readonly T[], spec: ValueFormulaSpec, fn: string): Float64Array {
  const normalize = spec.normalize ?? "none";
  assertOneOf(normalize, ["none", "minmax", "zscore", "rank"], `${fn}: normalize`);
  // A field name is any own property holding a number in at least one record.
  const numericFields = new Set<string>();
  for (const record of records) {
    if (typeof record !== "object" || record === null) continue;
    for (const [key, value] of Object.entries(record)) if (typeof value === "number") numericFields.add(key);
  }
  const formula = compileSafeFormula(spec.formula, (name) => numericFields.has(name), fn);
  const columns = formula.fields.map((field) => {
    const values = readField(records, field, fn);
    return normalize === "none" ? values : normalizeValues(values, normalize);
  });
  const scores = new Float64Array(records.length);
  const issues: ValidationIssue[] = [];
  const scope = new Map<string, number>();
  for (let i = 0; i < records.length; i++) {
    for (let j = 0; j < columns.length; j++) scope.set(formula.fields[j]!, columns[j]![i]!);
    const value = formula.evaluate(scope);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      issues.push({
        path: `[${i}]`,
        message: `the formula gives ${typeof value === "number" ? String(value) : "a non-real value"}, not a finite number`,
      });
    } else scores[i] = value;
  }
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: the formula must give a finite real number for every record (functions allowed: ${FORMULA_FUNCTIONS.join(", ")})`,
      { issues },
    );
  }
  return scores;
}
