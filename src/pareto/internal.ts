/**
 * What the pareto functions share: items or columns read into checked columns, the
 * ranking, the whole-number head count and the "reaches a share" rule, totals that must be
 * representable, and one analysis per group.
 */
import { firstRepeat, idOrderOf, isMarkedUnique, rememberCheckedIds } from "../engine/ids.js";
import { compareIds, distinctIdOrder, rankDescending } from "../engine/rank.js";
import { CompensatedSum, fsum } from "../engine/sum.js";
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { assertArray } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { isItemColumns, type ItemColumns } from "./itemColumns.js";
import type { GroupAccessor, GroupedResult, IdAccessor, NumberAccessor } from "./types.js";

export type { GroupAccessor, GroupedResult, IdAccessor, NumberAccessor } from "./types.js";

/** Checked columns: `ids[i]` and `values[i]` belong to item `i`; `byId` lists the items in id order. */
export interface Columns {
  readonly ids: readonly string[];
  readonly values: Float64Array;
  readonly byId: Int32Array;
}

/** How numbers are read: the function and the numbers' name for messages, and whether they must be >= 0. */
export interface NumberRule {
  readonly fn: string;
  readonly name: string;
  readonly nonNegative: boolean;
}

/** Relative tolerance used when comparing cumulative sums and shares with targets. */
export const SHARE_TOLERANCE = 1e-12;

/** Throws `INVALID_OPTION` unless `accessor` is a field name or a function. */
export function assertAccessor(accessor: unknown, where: string): void {
  if (typeof accessor !== "function" && (typeof accessor !== "string" || accessor === "")) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${where} must be a field name or a function, got ${describeValue(accessor)}`,
    );
  }
}

/** Throws `INVALID_RECORD` unless `items` is an array, `EMPTY_INPUT` if it is empty. */
export function assertItems(items: unknown, fn: string): asserts items is readonly unknown[] {
  assertArray(items, `${fn}: items`);
  if (items.length === 0) {
    throw new CustomerValueError("EMPTY_INPUT", `${fn}: items must hold at least one item, got []`);
  }
}

/** What an accessor reads from an item: a field (undefined for an item that is not an object) or the function's result. */
function readField<T>(item: T, accessor: string | ((item: T) => unknown)): unknown {
  if (typeof accessor === "function") return accessor(item);
  return typeof item === "object" && item !== null ? (item as Record<string, unknown>)[accessor] : undefined;
}

/** The default id: the item's `id` field, else its `customerId` field. */
function defaultId(item: unknown): unknown {
  if (typeof item !== "object" || item === null) return undefined;
  const record = item as { id?: unknown; customerId?: unknown };
  return record.id !== undefined ? record.id : record.customerId;
}

/**
 * Reads the ids and the numbers of `items` (`EMPTY_INPUT` for none), then checks them:
 * `INVALID_RECORD` listing every number that is not finite and every id that is not a
 * non-empty string (with the `issues` found before, in another column of the items),
 * `DUPLICATE_ID` for a repeated id, `NEGATIVE_VALUE` when the rule asks.
 */
export function readItems<T>(
  items: readonly T[],
  value: NumberAccessor<T>,
  id: IdAccessor<T> | undefined,
  rule: NumberRule,
  issues: ValidationIssue[] = [],
): Columns {
  assertItems(items, rule.fn);
  const n = items.length;
  const values = new Float64Array(n);
  const ids = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    const v = readField(item, value);
    const key = id === undefined ? defaultId(item) : readField(item, id);
    if (typeof v === "number" && Number.isFinite(v)) values[i] = v + 0;
    else issues.push(numberIssue(i, value, rule.name, v));
    if (typeof key === "string" && key !== "") ids[i] = key;
    else issues.push(idIssue(`[${i}]`, id, key));
  }
  throwIssues(issues, rule);
  return checkColumns(ids, values, rule, "items");
}

/** The numbers of `items` read by `accessor` (`-0` as 0); each one that is not finite is added to `issues`. */
export function readNumbers<T>(
  items: readonly T[],
  accessor: NumberAccessor<T>,
  name: string,
  issues: ValidationIssue[],
): Float64Array {
  const values = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const v = readField(items[i]!, accessor);
    if (typeof v === "number" && Number.isFinite(v)) values[i] = v + 0;
    else issues.push(numberIssue(i, accessor, name, v));
  }
  return values;
}

function numberIssue(i: number, accessor: unknown, name: string, v: unknown): ValidationIssue {
  const path = `[${i}]${typeof accessor === "string" ? `.${accessor}` : ""}`;
  return { path, message: `${name} must be a finite number, got ${describeValue(v)}` };
}

/** The problem of an id that is not a non-empty string, at `at` (plus the field it was read from). */
function idIssue(at: string, id: unknown, key: unknown): ValidationIssue {
  const path = `${at}${typeof id === "string" ? `.${id}` : id === undefined ? ".id" : ""}`;
  const hint = id === undefined ? ` (the item's "id" or "customerId"; pass options.id otherwise)` : "";
  return { path, message: `id must be a non-empty string${hint}, got ${describeValue(key)}` };
}

function throwIssues(issues: readonly ValidationIssue[], { fn, name }: NumberRule): void {
  if (issues.length === 0) return;
  throw new CustomerValueError(
    "INVALID_RECORD",
    `${fn}: every item needs a finite ${name} and an id, got ${issues.length} problem(s)`,
    { issues },
  );
}

/**
 * Checks {@link ItemColumns} of values >= 0 with the codes of {@link readItems}: `ids` an
 * array and `values` an array or a `Float64Array` of the same length (`INVALID_RECORD`),
 * not empty (`EMPTY_INPUT`); paths `values[i]` and `ids[i]`. The ids of a
 * `TransactionTable` are known distinct and not checked again; a clean `Float64Array` is
 * used as it is, never written to.
 */
export function readColumns(input: ItemColumns, fn: string): Columns {
  const ids: unknown = input.ids;
  const raw: unknown = input.values;
  if (!Array.isArray(ids)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: columns.ids must be an array, got ${describeValue(ids)}`,
    );
  }
  if (!Array.isArray(raw) && !(raw instanceof Float64Array)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: columns.values must be an array or a Float64Array, got ${describeValue(raw)}`,
    );
  }
  if (raw.length !== ids.length) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: columns.ids and columns.values must have the same length, got ${ids.length} and ${raw.length}`,
    );
  }
  if (ids.length === 0)
    throw new CustomerValueError("EMPTY_INPUT", `${fn}: columns must hold at least one item, got 0`);
  const clean = cleanValues(raw);
  if (clean !== undefined && isMarkedUnique(ids)) return { ids, values: clean, byId: idOrderOf(ids) };
  const issues: ValidationIssue[] = [];
  const values = clean ?? finiteNumbers(raw, (i) => `values[${i}]`, "value must be", issues);
  if (!isMarkedUnique(ids)) {
    ids.forEach((key: unknown, i) => {
      if (typeof key !== "string" || key === "") issues.push(idIssue(`ids[${i}]`, null, key));
    });
  }
  const rule = { fn, name: "value", nonNegative: true };
  throwIssues(issues, rule);
  const columns = checkColumns(ids as string[], values, rule, "values");
  rememberCheckedIds(columns.ids);
  return columns;
}

/**
 * Checks values for `lorenzCurve` and `gini`: an array, a `Float64Array`, or
 * {@link ItemColumns} (checked in full, ids included); `EMPTY_INPUT` for none,
 * `INVALID_RECORD` listing every value that is not a finite number, `NEGATIVE_VALUE`.
 */
export function readValues(input: unknown, fn: string): Float64Array {
  if (isItemColumns(input)) return readColumns(input, fn).values;
  if (!(input instanceof Float64Array)) assertArray(input, `${fn}: values`);
  if (input.length === 0)
    throw new CustomerValueError("EMPTY_INPUT", `${fn}: values must hold at least one value, got []`);
  const clean = cleanValues(input);
  if (clean !== undefined) return clean;
  const issues: ValidationIssue[] = [];
  const values = finiteNumbers(input, (i) => `[${i}]`, "expected", issues);
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: every value must be a finite number, got ${issues.length} problem(s)`,
      { issues },
    );
  }
  assertNonNegative(values, fn, "values", (i) => `values[${i}]`);
  return values;
}

/** `raw` itself when it is a `Float64Array` of finite values >= 0 without `-0` (the usual case, checked in one pass). */
function cleanValues(raw: readonly unknown[] | Float64Array): Float64Array | undefined {
  if (!(raw instanceof Float64Array)) return undefined;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i]!;
    if (!(v > 0 && v < Number.POSITIVE_INFINITY) && !(v === 0 && 1 / v > 0)) return undefined;
  }
  return raw;
}

/** `raw` as finite numbers, `-0` as 0; each entry that is not a finite number is added to `issues`. */
function finiteNumbers(
  raw: readonly unknown[] | Float64Array,
  path: (i: number) => string,
  must: string,
  issues: ValidationIssue[],
): Float64Array {
  const values = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v: unknown = raw[i];
    if (typeof v === "number" && Number.isFinite(v)) values[i] = v + 0;
    else issues.push({ path: path(i), message: `${must} a finite number, got ${describeValue(v)}` });
  }
  return values;
}

/** The duplicate and sign checks of read columns; `from` is where the items were read, for messages. */
function checkColumns(
  ids: readonly string[],
  values: Float64Array,
  rule: NumberRule,
  from: "items" | "values",
): Columns {
  const byId = isMarkedUnique(ids) ? idOrderOf(ids) : distinctIdOrder(ids);
  const list = from === "items" ? "items" : "ids";
  if (byId === undefined) {
    const [first, repeat] = firstRepeat(ids)!;
    throw new CustomerValueError(
      "DUPLICATE_ID",
      `${rule.fn}: ids must be unique (one item per customer; aggregate first), got ${describeValue(ids[repeat])} at ${list}[${first}] and ${list}[${repeat}]`,
    );
  }
  if (rule.nonNegative) {
    assertNonNegative(values, rule.fn, rule.name, (i) => `${from}[${i}] (id ${describeValue(ids[i])})`);
  }
  return { ids, values, byId };
}

/** Throws `NEGATIVE_VALUE` at the first negative value (`at(i)` names it), pointing to `whaleCurve`. */
function assertNonNegative(
  values: Float64Array,
  fn: string,
  subject: string,
  at: (i: number) => string,
): void {
  let i = 0;
  while (i < values.length && values[i]! >= 0) i++;
  if (i === values.length) return;
  throw new CustomerValueError(
    "NEGATIVE_VALUE",
    `${fn}: ${subject} must be >= 0 (use whaleCurve for profit that can be negative), got ${values[i]} at ${at(i)}`,
  );
}

/** Item indices in rank order: value descending, ties by id ascending (plain string comparison). */
export function rankOf({ ids, values, byId }: Columns): Int32Array {
  return rankDescending(values, ids, byId);
}

/**
 * The smallest whole `k >= share * n`, robust to floating error: a product within a
 * relative 1e-9 of a whole number counts as that number (0.07 * 100 = 7.000000000000001
 * gives 7, not 8). At least 1 when `share > 0` and `n > 0`.
 */
export function headCountFor(share: number, n: number): number {
  const x = share * n;
  const r = Math.round(x);
  const k = Math.abs(x - r) <= 1e-9 * x ? r : Math.ceil(x);
  return Math.min(n, Math.max(k, share > 0 && n > 0 ? 1 : 0));
}

/**
 * Whether a cumulative sum `cumulative` reaches `share` of `total`, with a relative
 * tolerance of 1e-12 of the total so that floating error (0.07 * 100 = 7.000000000000001)
 * does not make an exact hit look like a miss.
 */
export function reaches(cumulative: number, share: number, total: number): boolean {
  return cumulative >= reachTarget(share, total);
}

/** The least cumulative sum that {@link reaches} `share` of `total`. */
export function reachTarget(share: number, total: number): number {
  return share * total - SHARE_TOLERANCE * Math.abs(total);
}

/** Which rule chooses a head: the top `share` of the customers, or of the value. */
export interface HeadRule {
  readonly mode: "headShare" | "valueShare";
  readonly share: number;
}

/**
 * The head's size and compensated value: items in rank order until `headCountFor(share, n)`
 * are in, or until their sum reaches the share of the total (at least one item, even for
 * a share so small that the empty head would reach it).
 */
export function headOf(
  values: Float64Array,
  order: Int32Array,
  rule: HeadRule,
  total: number,
): { headCount: number; headValue: number } {
  const byCount = rule.mode === "headShare";
  const count = byCount ? headCountFor(rule.share, order.length) : order.length;
  const target = byCount ? Number.POSITIVE_INFINITY : reachTarget(rule.share, total);
  const sum = new CompensatedSum();
  let k = 0;
  while (k < count && (k === 0 || sum.value < target)) sum.add(values[order[k++]!]!);
  return { headCount: k, headValue: sum.value };
}

/**
 * The compensated total of checked values >= 0, for results that report it: `ZERO_TOTAL`
 * when every value is 0, `INVALID_RECORD` when it is beyond the largest double.
 */
export function reportedTotal(values: Float64Array, fn: string): number {
  const total = fsum(values);
  if (total === Number.POSITIVE_INFINITY) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: the total value is beyond the largest number a double holds (about 1.8e308), so it cannot be reported; divide the values by a power of ten first`,
    );
  }
  assertPositive(total, fn);
  return total;
}

/** Throws `ZERO_TOTAL` unless the total of values >= 0 is positive. */
export function assertPositive(total: number, fn: string): void {
  if (!(total > 0)) {
    throw new CustomerValueError(
      "ZERO_TOTAL",
      `${fn}: the total value must be > 0 to compute shares, got ${total} (every value is 0)`,
    );
  }
}

/**
 * Values >= 0 scaled by a power of two so that `factor` times the largest stays below
 * 2^1000, for results that are only shares and ratios: scaling by a power of two is exact
 * (but for values below 2^-1022, too small to move a share), so the shares are unchanged.
 */
export function scaledForShares(values: Float64Array, largest: number, factor: number): Float64Array {
  const magnitude = Math.log2(largest) + Math.log2(factor);
  if (!(magnitude >= 1000)) return values;
  const scale = 2 ** (1000 - Math.ceil(magnitude));
  return values.map((v) => v * scale);
}

/**
 * Splits `items` by group key and runs `analyse` on each group, in group order
 * (group keys ascending, plain string comparison). Items keep their input order
 * inside a group. Messages from a group's analysis name the group.
 */
export function byGroup<T, R>(
  items: readonly T[],
  groupBy: GroupAccessor<T>,
  fn: string,
  analyse: (groupItems: readonly T[], where: string) => R,
): GroupedResult<R>[] {
  assertAccessor(groupBy, `${fn}: options.groupBy`);
  assertItems(items, fn);
  const groups = new Map<string, T[]>();
  const issues: ValidationIssue[] = [];
  items.forEach((item, i) => {
    const key = readField(item, groupBy);
    if (typeof key !== "string" || key === "") {
      const path = `[${i}]${typeof groupBy === "string" ? `.${groupBy}` : ""}`;
      issues.push({ path, message: `group must be a non-empty string, got ${describeValue(key)}` });
    } else if (groups.has(key)) groups.get(key)!.push(item);
    else groups.set(key, [item]);
  });
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: every item needs a group (options.groupBy), got ${issues.length} item(s) without one`,
      { issues },
    );
  }
  return [...groups.keys()].sort(compareIds).map((group) => ({
    group,
    result: analyse(groups.get(group)!, `${fn} (group ${JSON.stringify(group)})`),
  }));
}
