/**
 * Reads one survey wave (internal to the satisfaction module): validates the responses,
 * looks up each respondent's value `K_i` and group, and returns columns — one
 * `Float64Array` of values and one of scores per indicator (`NaN` = skipped) — so the
 * estimators run in single passes over typed arrays.
 *
 * Checks, in this order, each throwing `CustomerValueError` with every offending
 * respondent listed in `issues`: the responses' shape (`INVALID_RECORD`), an empty
 * survey (`EMPTY_INPUT`), duplicate respondents (`DUPLICATE_ID`), scores outside the
 * declared scale (`OUT_OF_SCALE`), values that are not numbers (`INVALID_RECORD`),
 * negative values (`NEGATIVE_VALUE`), respondents without a value or group
 * (`MISSING_VALUE`, unless `missingValue: "skip"`), everyone skipped (`EMPTY_INPUT`) and
 * every value zero (`ZERO_TOTAL`).
 */
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import { indices } from "../internal/indices.js";
import { firstDuplicate } from "../pareto/internal.js";
import type { Customer } from "../records/Customer.js";

/**
 * The largest customer value accepted: squares and sums of squares of the values (Kish's
 * effective n, standard errors) must stay finite, and 1e100 leaves room for any survey size.
 */
const MAX_CUSTOMER_VALUE = 1e100;

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

/** One validated wave as columns. */
export interface SurveyColumns {
  /** Respondents kept, in input order. */
  readonly ids: string[];
  /** `K_i` per kept respondent. */
  readonly values: Float64Array;
  /** The indicators, in the order reported. */
  readonly indicators: string[];
  /** Scores per indicator (parallel to `indicators`), one per kept respondent; `NaN` = skipped. */
  readonly scores: Float64Array[];
  /** Group per kept respondent, or `null` without `groupBy`. */
  readonly groups: string[] | null;
  /** Respondents left out under `missingValue: "skip"`. */
  readonly skipped: SkippedRespondent[];
}

/** What `readSurvey` needs besides the data. */
export interface ReadSurveyContext {
  /** Function name for messages, e.g. `"valueWeightedSatisfaction"`. */
  readonly fnName: string;
  /** Name of the responses argument for paths, e.g. `"responses"` or `"before"`. */
  readonly label: string;
  /** Indicators to report, or `undefined` for every indicator found. */
  readonly indicators: readonly string[] | undefined;
  /** Declared scale `[min, max]`, or `undefined` for no check. */
  readonly scale: readonly [number, number] | undefined;
  /** `"error"` or `"skip"`. */
  readonly missingValue: "error" | "skip";
  /** Group of a customer id (`undefined` = no group), or `undefined` without `groupBy`. */
  readonly groupOf: ((customerId: string) => unknown) | undefined;
}

const hasOwn = (object: object, key: string): boolean => Object.hasOwn(object, key);

function fail(code: "INVALID_RECORD" | "DUPLICATE_ID" | "OUT_OF_SCALE" | "NEGATIVE_VALUE" | "MISSING_VALUE") {
  return (message: string, issues: ValidationIssue[]): never => {
    throw new CustomerValueError(code, message, { issues });
  };
}

/**
 * Turns `values` into a lookup function (own properties only for plain objects), for one
 * pass over one wave's respondents (a `Map` is read in step with them, see {@link inStepLookup}).
 */
export function valueLookup(values: CustomerValues, fnName: string): (customerId: string) => unknown {
  if (typeof values === "function") return values;
  if (values instanceof Map) {
    // A plain Map is read in step; a subclass keeps its own `get` (which may differ).
    return Object.getPrototypeOf(values) === Map.prototype ? inStepLookup(values) : (id) => values.get(id);
  }
  if (typeof values === "object" && values !== null && !Array.isArray(values)) {
    const record = values as Readonly<Record<string, unknown>>;
    return (id) => (hasOwn(record, id) ? record[id] : undefined);
  }
  throw new CustomerValueError(
    "INVALID_OPTION",
    `${fnName}: values must be an object, a Map or a function of the customer id, got ${describeValue(values)}`,
  );
}

/**
 * `map.get(id)` for ids asked in turn (`map` a plain `Map`), reading it in its insertion
 * order for as long as the ids follow that order: while the next entry's key is the id asked, its value is
 * the one `get` would give (keys are unique); at the first id out of step, `get` for that
 * one and every later id.
 *
 * Performance (issue 11): a Map of values made from the same rows as the survey (as
 * `new Map(rows.map((r) => [r.customerId, r.value]))`) lists its keys in the respondents'
 * order. Reading it in order touches its table in sequence, where a `get` per respondent
 * lands anywhere in a table of tens of megabytes: 16 ms instead of 160-230 ms at a million
 * respondents (a Map in another order: `get` as before).
 */
function inStepLookup(map: ReadonlyMap<unknown, unknown>): (customerId: string) => unknown {
  // Made at the first lookup (after the responses' checks), as `get` would first be called.
  let entries: Iterator<[unknown, unknown]> | undefined;
  let inStep = true;
  return (id) => {
    if (inStep) {
      entries ??= map.entries();
      const next = entries.next();
      if (next.done !== true && next.value[0] === id) return next.value[1];
      inStep = false;
      entries = undefined;
    }
    return map.get(id);
  };
}

/** Turns `groupBy` (+ `customers` for `"segment"`/`"region"`) into a lookup function. */
export function groupLookup(
  groupBy: SatisfactionGroupBy | undefined,
  customers: readonly Customer[] | undefined,
  fnName: string,
): ((customerId: string) => unknown) | undefined {
  if (groupBy === undefined) return undefined;
  if (typeof groupBy === "function") return groupBy;
  if (groupBy instanceof Map) return (id) => groupBy.get(id);
  if (groupBy === "segment" || groupBy === "region") {
    if (!Array.isArray(customers)) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fnName}: groupBy "${groupBy}" needs options.customers (the customer records), got ${describeValue(customers)}`,
      );
    }
    const field = groupBy;
    const byId = new Map<string, unknown>();
    for (const customer of customers) {
      if (typeof customer === "object" && customer !== null) byId.set(customer.id, customer[field]);
    }
    return (id) => byId.get(id);
  }
  throw new CustomerValueError(
    "INVALID_OPTION",
    `${fnName}: groupBy must be "segment", "region", a Map or a function, got ${describeValue(groupBy)}`,
  );
}

/** Validates one wave and returns it as columns; see the module comment for the checks. */
export function readSurvey(
  responses: unknown,
  lookupValue: (customerId: string) => unknown,
  context: ReadSurveyContext,
): SurveyColumns {
  const { fnName, label, scale, missingValue, groupOf } = context;
  if (!Array.isArray(responses)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fnName}: ${label} must be an array of survey responses, got ${describeValue(responses)}`,
    );
  }
  if (responses.length === 0) {
    throw new CustomerValueError("EMPTY_INPUT", `${fnName}: ${label} must hold at least one response, got 0`);
  }

  // 1. One pass: shape, duplicates, scale, and the score columns (indicators in order of
  //    first appearance, or the requested ones). Issues are thrown afterwards, in the
  //    order shape → duplicates → scale.
  const total = responses.length;
  const shapeIssues: ValidationIssue[] = [];
  const duplicateIssues: ValidationIssue[] = [];
  const scaleIssues: ValidationIssue[] = [];
  const requested = context.indicators;
  const columns = new Map<string, Float64Array>();
  const newColumn = () => new Float64Array(total).fill(Number.NaN);
  if (requested !== undefined) for (const name of requested) columns.set(name, newColumn());
  const [low, high] = scale ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  // Performance (issue 11): ids are gathered here and checked for repeats in one pass
  // after the loop (a hash table of indices); the issues are listed only when one repeats.
  const respondentIds: string[] = new Array(total);
  let lastKeys: string[] = [];
  let lastColumns: (Float64Array | undefined)[] = [];
  for (let i = 0; i < total; i++) {
    const response: unknown = responses[i];
    if (typeof response !== "object" || response === null || Array.isArray(response)) {
      shapeIssues.push({
        path: `${label}[${i}]`,
        message: `expected a survey response object, got ${describeValue(response)}`,
      });
      continue;
    }
    const { customerId, scores } = response as { customerId?: unknown; scores?: unknown };
    if (typeof customerId !== "string" || customerId === "") {
      shapeIssues.push({
        path: `${label}[${i}].customerId`,
        message: `expected a non-empty string id, got ${describeValue(customerId)}`,
      });
    } else respondentIds[i] = customerId;
    if (typeof scores !== "object" || scores === null || Array.isArray(scores)) {
      shapeIssues.push({
        path: `${label}[${i}].scores`,
        message: `expected an object of scores per indicator, got ${describeValue(scores)}`,
      });
      continue;
    }
    const keys = Object.keys(scores);
    // Responses usually share one key order: reuse the previous response's columns.
    const sameKeys = keys.length === lastKeys.length && keys.every((key, k) => key === lastKeys[k]);
    const keyColumns: (Float64Array | undefined)[] = sameKeys ? lastColumns : new Array(keys.length);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const score = (scores as Record<string, unknown>)[key];
      if (score === null || score === undefined) continue;
      if (typeof score !== "number" || !Number.isFinite(score)) {
        shapeIssues.push({
          path: `${label}[${i}].scores[${JSON.stringify(key)}]`,
          message: `expected a finite number or null, got ${describeValue(score)}`,
        });
        continue;
      }
      let column = sameKeys ? keyColumns[k] : undefined;
      if (column === undefined) column = columns.get(key);
      if (column === undefined) {
        if (requested !== undefined) continue; // not a reported indicator
        column = newColumn();
        columns.set(key, column);
      }
      keyColumns[k] = column;
      column[i] = score + 0;
      if (score < low || score > high) {
        scaleIssues.push({
          path: `${label}[${i}].scores[${JSON.stringify(key)}]`,
          message: `score ${score} is outside the scale [${low}, ${high}]`,
        });
      }
    }
    lastKeys = keys;
    lastColumns = keyColumns;
  }
  if (shapeIssues.length === 0 && firstDuplicate(respondentIds) !== undefined) {
    const firstAt = new Map<string, number>();
    for (let i = 0; i < total; i++) {
      const customerId = respondentIds[i]!;
      const first = firstAt.get(customerId);
      if (first === undefined) firstAt.set(customerId, i);
      else
        duplicateIssues.push({
          path: `${label}[${i}].customerId`,
          message: `duplicate respondent ${JSON.stringify(customerId)} (first at ${label}[${first}])`,
        });
    }
  }
  if (shapeIssues.length > 0) {
    fail("INVALID_RECORD")(
      `${fnName}: ${shapeIssues.length} problem${shapeIssues.length === 1 ? "" : "s"} in ${total} ${label}`,
      shapeIssues,
    );
  }
  if (duplicateIssues.length > 0) {
    fail("DUPLICATE_ID")(
      `${fnName}: each customer may answer ${label} once, got ${duplicateIssues.length} duplicate respondent${duplicateIssues.length === 1 ? "" : "s"}`,
      duplicateIssues,
    );
  }
  if (scaleIssues.length > 0) {
    fail("OUT_OF_SCALE")(
      `${fnName}: scores must lie in the declared scale [${low}, ${high}], got ${scaleIssues.length} outside`,
      scaleIssues,
    );
  }
  const rows = responses as readonly { customerId: string }[];
  const indicators = [...columns.keys()];

  // 4. Values and groups.
  const invalid: ValidationIssue[] = [];
  const negative: ValidationIssue[] = [];
  const missing: ValidationIssue[] = [];
  const badGroups: ValidationIssue[] = [];
  const skipped: SkippedRespondent[] = [];
  // Kept values in a typed array sized once (issue 11: arrays grown by `push` to a million
  // entries were copied at every growth, each copy fresh memory); the kept rows' input
  // positions only once a row is left out (until then row n is input row n).
  let keptRows: Int32Array | undefined;
  const keptValues = new Float64Array(rows.length);
  let n = 0;
  const keptGroups: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const id = rows[i]!.customerId;
    const value = lookupValue(id);
    if (value === undefined || value === null) {
      missing.push({
        path: `${label}[${i}]`,
        message: `no customer value for respondent ${JSON.stringify(id)}`,
      });
      if (missingValue === "skip") skipped.push({ customerId: id, reason: "no-value" });
      continue;
    }
    if (typeof value !== "number" || !Number.isFinite(value) || Math.abs(value) > MAX_CUSTOMER_VALUE) {
      invalid.push({
        path: `values[${JSON.stringify(id)}]`,
        message: `expected a finite number up to 1e100, got ${describeValue(value)}`,
      });
      continue;
    }
    if (value < 0) {
      negative.push({ path: `values[${JSON.stringify(id)}]`, message: `value ${value} is negative` });
      continue;
    }
    if (groupOf !== undefined) {
      const group = groupOf(id);
      if (group === undefined || group === null) {
        missing.push({ path: `${label}[${i}]`, message: `no group for respondent ${JSON.stringify(id)}` });
        if (missingValue === "skip") skipped.push({ customerId: id, reason: "no-group" });
        continue;
      }
      if (typeof group !== "string") {
        badGroups.push({
          path: `groupBy(${JSON.stringify(id)})`,
          message: `expected a string, got ${describeValue(group)}`,
        });
        continue;
      }
      keptGroups.push(group);
    }
    if (n < i) {
      keptRows ??= indices(rows.length);
      keptRows[n] = i;
    }
    keptValues[n] = value + 0;
    n++;
  }
  if (invalid.length > 0) {
    fail("INVALID_RECORD")(
      `${fnName}: every customer value must be a finite number up to 1e100, got ${invalid.length} that are not`,
      invalid,
    );
  }
  if (negative.length > 0) {
    fail("NEGATIVE_VALUE")(
      `${fnName}: customer values must be >= 0, got ${negative.length} negative`,
      negative,
    );
  }
  if (badGroups.length > 0) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fnName}: groupBy must give a string group per respondent, got ${badGroups.length} that are not`,
      { issues: badGroups },
    );
  }
  if (missing.length > 0 && missingValue !== "skip") {
    fail("MISSING_VALUE")(
      `${fnName}: every respondent needs a customer value${groupOf === undefined ? "" : " and a group"} (or pass missingValue: "skip"), got ${missing.length} without`,
      missing,
    );
  }
  if (n === 0) {
    throw new CustomerValueError(
      "EMPTY_INPUT",
      `${fnName}: every respondent of ${label} was skipped (no customer value or group), got 0 left of ${rows.length}`,
    );
  }

  const values = n === total ? keptValues : keptValues.slice(0, n);
  let anyPositive = false;
  for (let r = 0; r < n && !anyPositive; r++) anyPositive = values[r]! > 0;
  if (!anyPositive) {
    throw new CustomerValueError(
      "ZERO_TOTAL",
      `${fnName}: customer values of the respondents must not all be zero, got ${n} zero values`,
    );
  }
  // All kept: the ids gathered above, in order (no second array of a million entries).
  let ids = respondentIds;
  let scores = [...columns.values()];
  if (n < total) {
    const at = keptRows ?? indices(n); // only the last rows were left out
    ids = new Array<string>(n);
    for (let r = 0; r < n; r++) ids[r] = respondentIds[at[r]!]!;
    scores = scores.map((column) => {
      const kept = new Float64Array(n);
      for (let r = 0; r < n; r++) kept[r] = column[at[r]!]!;
      return kept;
    });
  }
  return { ids, values, indicators, scores, groups: groupOf === undefined ? null : keptGroups, skipped };
}
