/**
 * Reads one survey wave: validates the responses, looks up each respondent's value `K_i`
 * and group, and returns columns — one `Float64Array` of values and one of scores per
 * indicator (`NaN` = skipped) — for the estimators.
 *
 * Checks, in this order, each throwing `CustomerValueError` with every offending
 * respondent listed in `issues`: the responses' shape (`INVALID_RECORD`), an empty survey
 * (`EMPTY_INPUT`), duplicate respondents (`DUPLICATE_ID`), scores outside the declared
 * scale (`OUT_OF_SCALE`), values that are not numbers (`INVALID_RECORD`), negative values
 * (`NEGATIVE_VALUE`), groups that are not strings (`INVALID_OPTION`), respondents without a
 * value or group (`MISSING_VALUE`, unless `missingValue: "skip"`), everyone skipped
 * (`EMPTY_INPUT`) and every value zero (`ZERO_TOTAL`).
 */
import { firstRepeat } from "../engine/ids.js";
import {
  CustomerValueError,
  type CustomerValueErrorCode as ErrorCode,
  type ValidationIssue,
} from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import type { SkippedRespondent } from "./types.js";

export type { CustomerValues, SatisfactionGroupBy, SkippedRespondent } from "./types.js";

/** The largest customer value accepted: squares and sums of squares must stay finite. */
const MAX_CUSTOMER_VALUE = 1e100;
/** The largest score magnitude accepted, for the same reason: `K_i · D_ij` and squared influences stay finite. */
const MAX_SCORE = 1e100;

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

/** Throws `code` with `message` and the issues, when there are any. */
function failIf(issues: readonly ValidationIssue[], code: ErrorCode, message: () => string): void {
  if (issues.length > 0) throw new CustomerValueError(code, message(), { issues: [...issues] });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Validates one wave and returns it as columns; see the module comment for the checks. */
export function readSurvey(
  responses: unknown,
  lookupValue: (customerId: string) => unknown,
  context: ReadSurveyContext,
): SurveyColumns {
  const { fnName, label } = context;
  if (!Array.isArray(responses)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fnName}: ${label} must be an array of survey responses, got ${describeValue(responses)}`,
    );
  }
  if (responses.length === 0) {
    throw new CustomerValueError("EMPTY_INPUT", `${fnName}: ${label} must hold at least one response, got 0`);
  }
  const wave = readScores(responses, context);
  failIf(
    wave.shapeIssues,
    "INVALID_RECORD",
    () => `${fnName}: ${plural(wave.shapeIssues.length, "problem")} in ${responses.length} ${label}`,
  );
  const duplicates = duplicateIssues(wave.ids, label);
  failIf(
    duplicates,
    "DUPLICATE_ID",
    () =>
      `${fnName}: each customer may answer ${label} once, got ${plural(duplicates.length, "duplicate respondent")}`,
  );
  const [low, high] = context.scale ?? [];
  failIf(
    wave.scaleIssues,
    "OUT_OF_SCALE",
    () =>
      `${fnName}: scores must lie in the declared scale [${low}, ${high}], got ${wave.scaleIssues.length} outside`,
  );
  const kept = readValues(wave.ids, lookupValue, context);
  const n = kept.count;
  if (n === 0) {
    throw new CustomerValueError(
      "EMPTY_INPUT",
      `${fnName}: every respondent of ${label} was skipped (no customer value or group), got 0 left of ${wave.ids.length}`,
    );
  }
  if (!kept.values.subarray(0, n).some((value) => value > 0)) {
    throw new CustomerValueError(
      "ZERO_TOTAL",
      `${fnName}: customer values of the respondents must not all be zero, got ${n} zero values`,
    );
  }
  return keepRows(wave, kept, context.groupOf !== undefined);
}

/** The scores of every response as columns, with the shape and scale problems found. */
interface Scores {
  readonly ids: string[];
  readonly columns: Map<string, Float64Array>;
  readonly shapeIssues: ValidationIssue[];
  readonly scaleIssues: ValidationIssue[];
}

/** One pass over the responses: ids, score columns (indicators in order of first appearance, or the requested ones). */
function readScores(responses: readonly unknown[], context: ReadSurveyContext): Scores {
  const { label } = context;
  const total = responses.length;
  const wave: Scores = { ids: new Array(total), columns: new Map(), shapeIssues: [], scaleIssues: [] };
  for (const name of context.indicators ?? [])
    wave.columns.set(name, new Float64Array(total).fill(Number.NaN));
  for (let i = 0; i < total; i++) {
    const response: unknown = responses[i];
    if (typeof response !== "object" || response === null || Array.isArray(response)) {
      wave.shapeIssues.push({
        path: `${label}[${i}]`,
        message: `expected a survey response object, got ${describeValue(response)}`,
      });
      continue;
    }
    const { customerId, scores } = response as { customerId?: unknown; scores?: unknown };
    if (typeof customerId === "string" && customerId !== "") wave.ids[i] = customerId;
    else {
      wave.shapeIssues.push({
        path: `${label}[${i}].customerId`,
        message: `expected a non-empty string id, got ${describeValue(customerId)}`,
      });
    }
    if (typeof scores !== "object" || scores === null || Array.isArray(scores)) {
      wave.shapeIssues.push({
        path: `${label}[${i}].scores`,
        message: `expected an object of scores per indicator, got ${describeValue(scores)}`,
      });
      continue;
    }
    for (const key of Object.keys(scores))
      readScore(wave, i, key, (scores as Record<string, unknown>)[key], context);
  }
  return wave;
}

/** Respondent `i`'s score on indicator `key` into its column (a null or absent score is a skip). */
function readScore(wave: Scores, i: number, key: string, score: unknown, context: ReadSurveyContext): void {
  if (score === null || score === undefined) return;
  if (typeof score !== "number" || !Number.isFinite(score) || Math.abs(score) > MAX_SCORE) {
    wave.shapeIssues.push({
      path: scorePath(context, i, key),
      message: `expected a finite number up to 1e100 in magnitude, or null, got ${describeValue(score)}`,
    });
    return;
  }
  let column = wave.columns.get(key);
  if (column === undefined) {
    if (context.indicators !== undefined) return; // not a reported indicator
    column = new Float64Array(wave.ids.length).fill(Number.NaN);
    wave.columns.set(key, column);
  }
  column[i] = score + 0;
  const scale = context.scale;
  if (scale !== undefined && (score < scale[0] || score > scale[1])) {
    wave.scaleIssues.push({
      path: scorePath(context, i, key),
      message: `score ${score} is outside the scale [${scale[0]}, ${scale[1]}]`,
    });
  }
}

const scorePath = (context: ReadSurveyContext, i: number, key: string) =>
  `${context.label}[${i}].scores[${JSON.stringify(key)}]`;

/** Every repeat of a respondent, with where it first answered (none when all are distinct). */
function duplicateIssues(ids: readonly string[], label: string): ValidationIssue[] {
  if (firstRepeat(ids) === undefined) return [];
  const firstAt = new Map<string, number>();
  const issues: ValidationIssue[] = [];
  for (let i = 0; i < ids.length; i++) {
    const first = firstAt.get(ids[i]!);
    if (first === undefined) firstAt.set(ids[i]!, i);
    else {
      issues.push({
        path: `${label}[${i}].customerId`,
        message: `duplicate respondent ${JSON.stringify(ids[i])} (first at ${label}[${first}])`,
      });
    }
  }
  return issues;
}

/** The respondents kept (the first `count` positions, values and groups) and the skipped ones. */
interface Kept {
  count: number;
  readonly rows: Int32Array;
  readonly values: Float64Array;
  readonly groups: string[];
  readonly skipped: SkippedRespondent[];
}

/** Each respondent's value and group, checked in the order of the module comment. */
function readValues(
  ids: readonly string[],
  lookupValue: (id: string) => unknown,
  context: ReadSurveyContext,
): Kept {
  const { fnName, label, missingValue, groupOf } = context;
  const kept: Kept = {
    count: 0,
    rows: new Int32Array(ids.length),
    values: new Float64Array(ids.length),
    groups: [],
    skipped: [],
  };
  const issues = {
    invalid: [] as ValidationIssue[],
    negative: [] as ValidationIssue[],
    missing: [] as ValidationIssue[],
    badGroups: [] as ValidationIssue[],
  };
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const value = lookupValue(id);
    const problem = valueProblem(value, id);
    if (problem === "missing") {
      issues.missing.push({
        path: `${label}[${i}]`,
        message: `no customer value for respondent ${JSON.stringify(id)}`,
      });
      if (missingValue === "skip") kept.skipped.push({ customerId: id, reason: "no-value" });
      continue;
    }
    if (problem !== undefined) {
      (problem.code === "NEGATIVE_VALUE" ? issues.negative : issues.invalid).push(problem.issue);
      continue;
    }
    if (groupOf !== undefined && !keepGroup(groupOf(id), { id, i, label, missingValue, kept, issues }))
      continue;
    kept.rows[kept.count] = i;
    kept.values[kept.count++] = (value as number) + 0;
  }
  failIf(
    issues.invalid,
    "INVALID_RECORD",
    () =>
      `${fnName}: every customer value must be a finite number up to 1e100, got ${issues.invalid.length} that are not`,
  );
  failIf(
    issues.negative,
    "NEGATIVE_VALUE",
    () => `${fnName}: customer values must be >= 0, got ${issues.negative.length} negative`,
  );
  failIf(
    issues.badGroups,
    "INVALID_OPTION",
    () =>
      `${fnName}: groupBy must give a string group per respondent, got ${issues.badGroups.length} that are not`,
  );
  if (missingValue !== "skip") {
    failIf(
      issues.missing,
      "MISSING_VALUE",
      () =>
        `${fnName}: every respondent needs a customer value${groupOf === undefined ? "" : " and a group"} (or pass missingValue: "skip"), got ${issues.missing.length} without`,
    );
  }
  return kept;
}

/** What is wrong with a looked-up value: `"missing"`, a problem to report, or nothing. */
function valueProblem(
  value: unknown,
  id: string,
): "missing" | { code: ErrorCode; issue: ValidationIssue } | undefined {
  if (value === undefined || value === null) return "missing";
  const path = `values[${JSON.stringify(id)}]`;
  if (typeof value !== "number" || !Number.isFinite(value) || Math.abs(value) > MAX_CUSTOMER_VALUE) {
    return {
      code: "INVALID_RECORD",
      issue: { path, message: `expected a finite number up to 1e100, got ${describeValue(value)}` },
    };
  }
  if (value < 0) return { code: "NEGATIVE_VALUE", issue: { path, message: `value ${value} is negative` } };
  return undefined;
}

/** Keeps the respondent's group when it is a string; notes a missing or bad one instead. */
function keepGroup(
  group: unknown,
  at: {
    id: string;
    i: number;
    label: string;
    missingValue: "error" | "skip";
    kept: Kept;
    issues: { missing: ValidationIssue[]; badGroups: ValidationIssue[] };
  },
): boolean {
  const { id, i, label, kept, issues } = at;
  if (group === undefined || group === null) {
    issues.missing.push({ path: `${label}[${i}]`, message: `no group for respondent ${JSON.stringify(id)}` });
    if (at.missingValue === "skip") kept.skipped.push({ customerId: id, reason: "no-group" });
    return false;
  }
  if (typeof group !== "string") {
    issues.badGroups.push({
      path: `groupBy(${JSON.stringify(id)})`,
      message: `expected a string, got ${describeValue(group)}`,
    });
    return false;
  }
  kept.groups.push(group);
  return true;
}

/** The columns of the kept respondents. */
function keepRows(wave: Scores, kept: Kept, grouped: boolean): SurveyColumns {
  const n = kept.count;
  const all = n === wave.ids.length;
  const rows = kept.rows.subarray(0, n);
  const scores = [...wave.columns.values()];
  return {
    ids: all ? wave.ids : Array.from(rows, (i) => wave.ids[i]!),
    values: all ? kept.values : kept.values.slice(0, n),
    indicators: [...wave.columns.keys()],
    scores: all ? scores : scores.map((column) => Float64Array.from(rows, (i) => column[i]!)),
    groups: grouped ? kept.groups : null,
    skipped: kept.skipped,
  };
}
