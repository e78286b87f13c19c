/**
 * Shared machinery of the pareto module (not exported from the package): reading
 * items through the `value` / `id` / `groupBy` accessors with full checks, ranking,
 * the float-robust "smallest k >= share * n" and "cumulative value reaches a target"
 * rules, and running one analysis per group.
 */
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { assertArray } from "../internal/assert.js";
import { compareIds } from "../internal/compare.js";
import { describeValue } from "../internal/dates.js";
import type { GroupAccessor, GroupedResult, IdAccessor, NumberAccessor } from "./types.js";

export type { GroupAccessor, GroupedResult, IdAccessor, NumberAccessor } from "./types.js";

/** Items read into columns: `ids[i]` and `values[i]` belong to `items[i]`. */
export interface ItemColumns {
  readonly ids: readonly string[];
  readonly values: Float64Array;
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

function read<T>(item: T, accessor: string | ((item: T) => unknown)): unknown {
  if (typeof accessor === "function") return accessor(item);
  if (typeof item !== "object" || item === null) return undefined;
  return (item as Record<string, unknown>)[accessor];
}

function readId<T>(item: T, accessor: IdAccessor<T> | undefined): unknown {
  if (accessor !== undefined) return read(item, accessor);
  const id = read(item, "id");
  return id !== undefined ? id : read(item, "customerId");
}

/** What to check while reading values. */
export interface ReadOptions {
  /** Name of the value option, for messages (`"value"`, `"profit"`, `"sales"`). */
  readonly valueName: string;
  /** Reject negative values with `NEGATIVE_VALUE` (pointing to `whaleCurve`). */
  readonly nonNegative: boolean;
}

/**
 * Reads ids and values of `items` in one pass. Every per-item problem (a value that
 * is not a finite number, an id that is not a non-empty string) is collected and
 * thrown at once as `INVALID_RECORD`; then duplicate ids (`DUPLICATE_ID`) and, when
 * asked, negative values (`NEGATIVE_VALUE`).
 */
export function readItems<T>(
  items: readonly T[],
  value: NumberAccessor<T>,
  id: IdAccessor<T> | undefined,
  fn: string,
  { valueName, nonNegative }: ReadOptions,
): ItemColumns {
  const n = items.length;
  const ids: string[] = new Array(n);
  const values = new Float64Array(n);
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, number>();
  let firstDuplicate: [number, number] | undefined;
  let firstNegative = -1;
  for (let i = 0; i < n; i++) {
    const item = items[i] as T;
    const v = read(item, value);
    const key = readId(item, id);
    if (typeof v !== "number" || !Number.isFinite(v)) {
      issues.push({
        path: `[${i}]${typeof value === "string" ? `.${value}` : ""}`,
        message: `${valueName} must be a finite number, got ${describeValue(v)}`,
      });
    } else {
      values[i] = v + 0;
      if (v < 0 && firstNegative < 0) firstNegative = i;
    }
    if (typeof key !== "string" || key === "") {
      issues.push({
        path: `[${i}]${typeof id === "string" ? `.${id}` : id === undefined ? ".id" : ""}`,
        message:
          id === undefined
            ? `id must be a non-empty string (the item's "id" or "customerId"; pass options.id otherwise), got ${describeValue(key)}`
            : `id must be a non-empty string, got ${describeValue(key)}`,
      });
    } else {
      ids[i] = key;
      const before = seen.get(key);
      if (before === undefined) seen.set(key, i);
      else if (firstDuplicate === undefined) firstDuplicate = [before, i];
    }
  }
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: every item needs a finite ${valueName} and an id, got ${issues.length} problem(s)`,
      { issues },
    );
  }
  if (firstDuplicate !== undefined) {
    const [a, b] = firstDuplicate;
    throw new CustomerValueError(
      "DUPLICATE_ID",
      `${fn}: ids must be unique (one item per customer; aggregate first), got ${describeValue(ids[b])} at items[${a}] and items[${b}]`,
    );
  }
  if (nonNegative && firstNegative >= 0) {
    throw new CustomerValueError(
      "NEGATIVE_VALUE",
      `${fn}: ${valueName} must be >= 0 (use whaleCurve for profit that can be negative), got ${values[firstNegative]} at items[${firstNegative}] (id ${describeValue(ids[firstNegative])})`,
    );
  }
  return { ids, values };
}

/** Throws `INVALID_RECORD` unless `items` is an array, `EMPTY_INPUT` if it is empty. */
export function assertItems(items: unknown, fn: string): asserts items is readonly unknown[] {
  assertArray(items, `${fn}: items`);
  if (items.length === 0) {
    throw new CustomerValueError("EMPTY_INPUT", `${fn}: items must hold at least one item, got []`);
  }
}

/**
 * Item indices in rank order: value descending, ties by id ascending (plain string
 * comparison), so the order is the same on every machine.
 */
export function rankDescending({ ids, values }: ItemColumns): Uint32Array {
  const n = values.length;
  // Performance (issue 11): a comparator sort costs O(n log n) calls into JavaScript; an
  // LSD radix sort on the order-preserving bits of the doubles is linear. Ties (equal
  // values) are then put in id order run by run. Values are finite and never -0 here.
  const bits = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = bits[2 * i + (little ? 1 : 0)]!;
    let l = bits[2 * i + (little ? 0 : 1)]!;
    // Descending order of the value = ascending order of the complement of its sortable key.
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    hi[i] = ~h >>> 0;
    lo[i] = ~l >>> 0;
  }
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const counts = new Uint32Array(65_536);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(key[i]! >>> shift) & 0xffff]!++;
    if (n === 0 || counts[(key[0]! >>> shift) & 0xffff] === n) continue; // one digit for all: nothing to move
    let sum = 0;
    for (let d = 0; d < 65_536; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const j = order[i]!;
      next[counts[(key[j]! >>> shift) & 0xffff]!++] = j;
    }
    [order, next] = [next, order];
  }
  // Equal values: ids ascending (plain string comparison).
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    if (end - start > 1) order.subarray(start, end).sort((a, b) => compareIds(ids[a]!, ids[b]!));
    start = end;
  }
  return order;
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
  return cumulative >= share * total - SHARE_TOLERANCE * Math.abs(total);
}

/** Throws `ZERO_TOTAL` when `total` is 0 (every value is 0). */
export function assertPositiveTotal(total: number, fn: string, valueName: string): void {
  if (total === Number.POSITIVE_INFINITY) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: the total ${valueName} must be a finite number, got Infinity (the values are too large to add up)`,
    );
  }
  if (!(total > 0)) {
    throw new CustomerValueError(
      "ZERO_TOTAL",
      `${fn}: the total ${valueName} must be > 0 to compute shares, got ${total} (every value is 0)`,
    );
  }
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
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    const key = read(item, groupBy);
    if (typeof key !== "string" || key === "") {
      issues.push({
        path: `[${i}]${typeof groupBy === "string" ? `.${groupBy}` : ""}`,
        message: `group must be a non-empty string, got ${describeValue(key)}`,
      });
      continue;
    }
    const members = groups.get(key);
    if (members === undefined) groups.set(key, [item]);
    else members.push(item);
  }
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

/**
 * Checks a plain array of values for `lorenzCurve` and `gini` and returns a sorted
 * ascending copy: `EMPTY_INPUT` for none, `INVALID_RECORD` listing every value that
 * is not a finite number, `NEGATIVE_VALUE` (pointing to `whaleCurve`), `ZERO_TOTAL`
 * when every value is 0 (checked by the caller, which sums).
 */
export function sortedValues(values: unknown, fn: string): Float64Array {
  assertArray(values, `${fn}: values`);
  const n = values.length;
  if (n === 0)
    throw new CustomerValueError("EMPTY_INPUT", `${fn}: values must hold at least one value, got []`);
  const sorted = new Float64Array(n);
  const issues: ValidationIssue[] = [];
  let firstNegative = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      issues.push({ path: `[${i}]`, message: `expected a finite number, got ${describeValue(v)}` });
      continue;
    }
    if (v < 0 && firstNegative < 0) firstNegative = i;
    sorted[i] = v + 0;
  }
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: every value must be a finite number, got ${issues.length} problem(s)`,
      { issues },
    );
  }
  if (firstNegative >= 0) {
    throw new CustomerValueError(
      "NEGATIVE_VALUE",
      `${fn}: values must be >= 0 (use whaleCurve for profit that can be negative), got ${values[firstNegative]} at values[${firstNegative}]`,
    );
  }
  return sorted.sort();
}
