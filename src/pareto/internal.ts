/**
 * Shared machinery of the pareto module (not exported from the package): reading
 * items through the `value` / `id` / `groupBy` accessors with full checks, ranking,
 * the float-robust "smallest k >= share * n" and "cumulative value reaches a target"
 * rules, and running one analysis per group.
 */
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { assertArray } from "../internal/assert.js";
import { compareIds } from "../internal/compare.js";
import { hashOfId } from "../internal/idIndex.js";
import { compareByKeys, idKeysOf, idRanksOf } from "../internal/idKeys.js";
import { describeValue } from "../internal/dates.js";
import { indices } from "../internal/indices.js";
import { isVerifiedUniqueIds, rememberVerifiedIds } from "../internal/uniqueIds.js";
import { isItemColumns, type ItemColumns } from "./itemColumns.js";
import { orderByKeys, sortedCopyAsUnsigned } from "./kernels.js";
import type { GroupAccessor, GroupedResult, IdAccessor, NumberAccessor } from "./types.js";

export type { GroupAccessor, GroupedResult, IdAccessor, NumberAccessor } from "./types.js";

/** Items read into columns: `ids[i]` and `values[i]` belong to `items[i]`. */
export interface ReadColumns {
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
): ReadColumns {
  const n = items.length;
  const ids: string[] = new Array(n);
  const values = new Float64Array(n);
  const issues: ValidationIssue[] = [];
  let firstNegative = -1;
  // Performance (issue 11): field-name accessors are read directly, without a call per item.
  const valueField = typeof value === "string" ? value : undefined;
  const idField = typeof id === "string" ? id : undefined;
  for (let i = 0; i < n; i++) {
    const item = items[i] as T;
    const record = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : undefined;
    const v =
      valueField !== undefined
        ? record === undefined
          ? undefined
          : record[valueField]
        : (value as (item: T) => unknown)(item);
    let key: unknown;
    if (id === undefined) {
      if (record !== undefined) {
        key = record.id;
        if (key === undefined) key = record.customerId;
      }
    } else if (idField !== undefined) key = record === undefined ? undefined : record[idField];
    else key = (id as (item: T) => unknown)(item);
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
    } else ids[i] = key;
  }
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: every item needs a finite ${valueName} and an id, got ${issues.length} problem(s)`,
      { issues },
    );
  }
  assertUniqueIds(ids, fn, "items");
  if (nonNegative && firstNegative >= 0) {
    throw new CustomerValueError(
      "NEGATIVE_VALUE",
      `${fn}: ${valueName} must be >= 0 (use whaleCurve for profit that can be negative), got ${values[firstNegative]} at items[${firstNegative}] (id ${describeValue(ids[firstNegative])})`,
    );
  }
  return { ids, values };
}

/** Where {@link readItemColumns} reads the numbers: `values` (default) or `profits`. */
export interface ReadColumnsOptions extends ReadOptions {
  readonly column?: "values" | "profits";
}

/**
 * Checks {@link ItemColumns} with the same rules, codes and order as {@link readItems}:
 * `ids` must be an array and the number column an array or a `Float64Array` of the same
 * length (`INVALID_RECORD`), not empty (`EMPTY_INPUT`); then every value not a finite
 * number and every id not a non-empty string (`INVALID_RECORD`, all listed), a repeated
 * id (`DUPLICATE_ID`) and, when asked, a negative value (`NEGATIVE_VALUE`). Returns the
 * columns to work on (a `Float64Array` is used as it is, never written to).
 */
export function readItemColumns(
  input: ItemColumns,
  fn: string,
  { valueName, nonNegative, column = "values" }: ReadColumnsOptions,
): ReadColumns {
  const ids: unknown = input.ids;
  const raw: unknown = input[column];
  if (!Array.isArray(ids)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: columns.ids must be an array, got ${describeValue(ids)}`,
    );
  }
  if (!Array.isArray(raw) && !(raw instanceof Float64Array)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: columns.${column} must be an array or a Float64Array, got ${describeValue(raw)}`,
    );
  }
  const n = ids.length;
  if (raw.length !== n) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: columns.ids and columns.${column} must have the same length, got ${n} and ${raw.length}`,
    );
  }
  if (n === 0) {
    throw new CustomerValueError("EMPTY_INPUT", `${fn}: columns must hold at least one item, got 0`);
  }
  const issues: ValidationIssue[] = [];
  let firstNegative = -1;
  let values: Float64Array;
  if (raw instanceof Float64Array) {
    values = raw;
    let minusZero = false;
    for (let i = 0; i < n; i++) {
      const v = raw[i]!;
      if (!Number.isFinite(v)) {
        issues.push({
          path: `${column}[${i}]`,
          message: `${valueName} must be a finite number, got ${describeValue(v)}`,
        });
      } else if (v < 0) {
        if (firstNegative < 0) firstNegative = i;
      } else if (v === 0 && 1 / v < 0) minusZero = true;
    }
    if (minusZero) values = raw.map((v) => v + 0); // -0 as 0, on a copy
  } else {
    values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v: unknown = raw[i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        issues.push({
          path: `${column}[${i}]`,
          message: `${valueName} must be a finite number, got ${describeValue(v)}`,
        });
      } else {
        values[i] = v + 0;
        if (v < 0 && firstNegative < 0) firstNegative = i;
      }
    }
  }
  // A TransactionTable's customerIds (and any frozen array verified before) are known to
  // be unique non-empty strings: see internal/uniqueIds.ts.
  const idsVerified = isVerifiedUniqueIds(ids);
  for (let i = 0; i < n && !idsVerified; i++) {
    const key: unknown = ids[i];
    if (typeof key !== "string" || key === "") {
      issues.push({ path: `ids[${i}]`, message: `id must be a non-empty string, got ${describeValue(key)}` });
    }
  }
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: every item needs a finite ${valueName} and an id, got ${issues.length} problem(s)`,
      { issues },
    );
  }
  const strings = ids as readonly string[];
  if (!idsVerified) {
    assertUniqueIds(strings, fn, "ids");
    rememberVerifiedIds(strings);
  }
  if (nonNegative && firstNegative >= 0) {
    throw new CustomerValueError(
      "NEGATIVE_VALUE",
      `${fn}: ${valueName} must be >= 0 (use whaleCurve for profit that can be negative), got ${values[firstNegative]} at ${column}[${firstNegative}] (id ${describeValue(strings[firstNegative])})`,
    );
  }
  return { ids: strings, values };
}

/** Throws `DUPLICATE_ID` naming the first repeated id and both its positions in `where`. */
function assertUniqueIds(ids: readonly string[], fn: string, where: "items" | "ids"): void {
  const duplicate = firstDuplicate(ids);
  if (duplicate === undefined) return;
  const [a, b] = duplicate;
  throw new CustomerValueError(
    "DUPLICATE_ID",
    `${fn}: ids must be unique (one item per customer; aggregate first), got ${describeValue(ids[b])} at ${where}[${a}] and ${where}[${b}]`,
  );
}

/**
 * The first repeated id, as `[first index, repeating index]` (the smallest repeating
 * index, and where its id first appeared), or `undefined` when every id is distinct.
 * The same answer as a `Map` of id to first index, found through open-addressing hash
 * tables of indices (a `Map` of a million strings costs several times more). Degenerate
 * inputs whose hashes collide beyond a bound fall back to the `Map`.
 *
 * From 65,536 ids on, the ids are first split by the top bits of their hashes into parts
 * of about 8,192, each checked in a small table that stays in the processor's cache
 * (issue 11: one table for a million survey respondents, 16 MB, missed the cache on
 * nearly every id: 95-130 ms); every copy of an id falls in the same part, and within a
 * part the ids come in index order, so each part's first repeat is its smallest.
 */
export function firstDuplicate(ids: readonly string[]): [number, number] | undefined {
  const n = ids.length;
  const hashes = new Int32Array(n);
  for (let i = 0; i < n; i++) hashes[i] = hashOfId(ids[i]!);
  if (n < PARTITION_FROM) {
    const all = indices(n);
    const found = new Int32Array(2);
    const outcome = firstRepeatIn(ids, hashes, all, 0, n, tableFor(n), found);
    if (outcome < 0) return firstDuplicateByMap(ids);
    return outcome === 0 ? undefined : [found[0]!, found[1]!];
  }
  // Parts by the top `bits` bits of the hash (a stable counting sort of the indices).
  const bits = Math.min(16, Math.ceil(Math.log2(n / PART_SIZE)));
  const shift = 32 - bits;
  const starts = new Int32Array((1 << bits) + 1);
  for (let i = 0; i < n; i++) starts[(hashes[i]! >>> shift) + 1]!++;
  let largest = 0;
  for (let p = 0; p < 1 << bits; p++) {
    largest = Math.max(largest, starts[p + 1]!);
    starts[p + 1]! += starts[p]!;
  }
  const order = new Int32Array(n);
  const next = starts.slice(0, 1 << bits);
  for (let i = 0; i < n; i++) order[next[hashes[i]! >>> shift]!++] = i;
  const table = tableFor(largest);
  const found = new Int32Array(2);
  let best: [number, number] | undefined;
  for (let p = 0; p < 1 << bits; p++) {
    const outcome = firstRepeatIn(ids, hashes, order, starts[p]!, starts[p + 1]!, table, found);
    if (outcome < 0) return firstDuplicateByMap(ids);
    if (outcome === 1 && (best === undefined || found[1]! < best[1])) best = [found[0]!, found[1]!];
    if (starts[p + 1]! > starts[p]!) table.fill(0);
  }
  return best;
}

/** Below this many ids, {@link firstDuplicate} uses one table. */
const PARTITION_FROM = 65_536;
/** About this many ids per part in {@link firstDuplicate}. */
const PART_SIZE = 8_192;

/** A zeroed table of (index + 1, hash) slots, at least twice as many slots as `n`, a power of two. */
function tableFor(n: number): Int32Array {
  let size = 16;
  while (size < 2 * n) size *= 2;
  return new Int32Array(2 * size);
}

/**
 * Looks for a repeat among the ids at indices `order[from .. to - 1]` (ascending), through
 * `table` (zeroed; slot s: `table[2s]` = index + 1, `table[2s + 1]` = hash, slots by the
 * hash's low bits). Returns 1 with `[first, repeating]` in `found` at the first repeat, 0
 * when there is none, -1 when the probes exceed their bound. A loop kernel (see readOrder
 * in kernels.ts).
 */
function firstRepeatIn(
  ids: readonly string[],
  hashes: Int32Array,
  order: Int32Array,
  from: number,
  to: number,
  table: Int32Array,
  found: Int32Array,
): number {
  const mask = (table.length >>> 1) - 1;
  let budget = 8 * (to - from) + 1024; // probes allowed before falling back
  for (let k = from; k < to; k++) {
    const i = order[k]!;
    const h = hashes[i]!;
    let slot = h & mask;
    for (;;) {
      const at = table[2 * slot]!;
      if (at === 0) {
        table[2 * slot] = i + 1;
        table[2 * slot + 1] = h;
        break;
      }
      if (table[2 * slot + 1] === h && ids[at - 1] === ids[i]) {
        found[0] = at - 1;
        found[1] = i;
        return 1;
      }
      if (--budget < 0) return -1;
      slot = (slot + 1) & mask;
    }
  }
  return 0;
}

function firstDuplicateByMap(ids: readonly string[]): [number, number] | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const before = seen.get(ids[i]!);
    if (before !== undefined) return [before, i];
    seen.set(ids[i]!, i);
  }
  return undefined;
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
export function rankDescending({ ids, values }: ReadColumns): Uint32Array {
  return rankWithTotal(ids, values, false)!.order;
}

/**
 * {@link rankDescending} and the compensated total of the values, added in key order
 * (kernels.ts; for a table's `customerIds`, whose id order is kept, in rank order). With
 * `nonNegative`, `undefined` as soon as a value is negative, -0 or not finite; without,
 * every value must be finite and not -0 (checked columns).
 */
function rankWithTotal(
  ids: readonly string[],
  values: Float64Array,
  nonNegative: boolean,
): { order: Uint32Array; total: number } | undefined {
  const ranking = orderByKeys(values, nonNegative, idRanksOf(ids));
  if (ranking === undefined) return undefined;
  const { order, runs, runCount, total } = ranking;
  orderRuns(order, runs, runCount, ids, values);
  return { order, total };
}

/** Checked columns, their rank order ({@link rankDescending}) and their compensated total (added in key order). */
export interface RankedColumns {
  readonly columns: ReadColumns;
  readonly order: Uint32Array;
  readonly total: number;
}

/** Ranks checked columns and sums them. */
export function rankColumns(columns: ReadColumns): RankedColumns {
  return { columns, ...rankWithTotal(columns.ids, columns.values, false)! };
}

/**
 * Checks, ranks and sums {@link ItemColumns} of values >= 0: through
 * {@link rankVerifiedColumns} when it can (checks folded into the ranking), else through
 * {@link readItemColumns} (which reports).
 */
export function rankItemColumns(input: ItemColumns, fn: string): RankedColumns {
  return (
    rankVerifiedColumns(input) ??
    rankColumns(readItemColumns(input, fn, { valueName: "value", nonNegative: true }))
  );
}

/**
 * {@link readItemColumns} and {@link rankDescending} of values >= 0, with the total, the
 * checks folded into the key loop: for {@link ItemColumns} whose `ids` are known unique (a
 * `TransactionTable`'s `customerIds`, see internal/uniqueIds.ts) and whose `values` is a
 * `Float64Array`. Returns `undefined` whenever the full checks are needed (other inputs, or
 * any value negative, -0 or not finite): the caller then takes the checked path, which
 * reports.
 */
export function rankVerifiedColumns(input: ItemColumns): RankedColumns | undefined {
  const { ids, values } = input;
  if (!(values instanceof Float64Array) || !isVerifiedUniqueIds(ids) || values.length !== ids.length) {
    return undefined;
  }
  if (values.length === 0) return undefined;
  const ranked = rankWithTotal(ids, values, true);
  return ranked === undefined ? undefined : { columns: { ids, values }, ...ranked };
}

/**
 * Puts each run `order[runs[2k]..runs[2k + 1])` in order by value descending, then id
 * ascending (plain string comparison). With the prefix keys of the ids (internal/idKeys.ts:
 * a `TransactionTable`'s `customerIds` has them), through {@link orderRunsByKeys}; else
 * short runs (the usual case, mostly pairs of equal values) by insertion sort, without a
 * comparator call per pair, long ones by a comparator sort. A loop kernel (see readOrder
 * in kernels.ts): one call loops over every run (ten thousand at 86,551 customers of the
 * bench), so the engine compiles the loop part-way through instead of running a function
 * call per run cold.
 */
function orderRuns(
  order: Uint32Array,
  runs: Int32Array,
  runCount: number,
  ids: readonly string[],
  values: Float64Array,
): void {
  const keys = idKeysOf(ids);
  if (keys !== undefined && keys.length === 2 * values.length) {
    orderRunsByKeys(order, runs, runCount, ids, values, keys);
    return;
  }
  for (let k = 0; k < runCount; k++) {
    const start = runs[2 * k]!;
    const end = runs[2 * k + 1]!;
    if (end - start > 16) {
      order.subarray(start, end).sort((x, y) => values[y]! - values[x]! || compareIds(ids[x]!, ids[y]!));
      continue;
    }
    for (let r = start + 1; r < end; r++) {
      const j = order[r]!;
      const vj = values[j]!;
      const idj = ids[j]!;
      let q = r - 1;
      for (; q >= start; q--) {
        const o = order[q]!;
        const vo = values[o]!;
        if (!(vj > vo || (vj === vo && idj < ids[o]!))) break;
        order[q + 1] = o;
      }
      order[q + 1] = j;
    }
  }
}

/** Tied items gathered at a time by {@link orderRunsByKeys}. */
const GATHER_SLOTS = 4096;

/**
 * {@link orderRuns} with the ids' prefix keys (`keys[2i]`, `keys[2i + 1]` for item `i`).
 *
 * Performance (issue 11): the tied items lie anywhere in `values`, `ids` and the heap
 * (their strings), and on a large customer base most items tie (at the bench's 864,479
 * customers, 607,653): each comparison of two strings cost cache misses, and each waited
 * for the one before. Here runs are taken in batches of up to 4,096 tied items: a first
 * loop copies each item's value and keys, in run order, into a small buffer (its loads do
 * not depend on one another, so the processor overlaps their misses), then the runs of the
 * batch are sorted by insertion sort on the buffer; strings are read only where the keys
 * cannot tell two ids apart. Runs of more than 16 items go through a comparator sort on
 * their own.
 */
function orderRunsByKeys(
  order: Uint32Array,
  runs: Int32Array,
  runCount: number,
  ids: readonly string[],
  values: Float64Array,
  keys: Float64Array,
): void {
  const slots = new Float64Array(3 * GATHER_SLOTS);
  let k = 0;
  while (k < runCount) {
    const start = runs[2 * k]!;
    const end = runs[2 * k + 1]!;
    if (end - start > 16) {
      order.subarray(start, end).sort((x, y) => values[y]! - values[x]! || compareByKeys(keys, ids, x, y));
      k++;
      continue;
    }
    let last = k;
    let used = 0;
    while (last < runCount) {
      const length = runs[2 * last + 1]! - runs[2 * last]!;
      if (length > 16 || used + length > GATHER_SLOTS) break;
      used += length;
      last++;
    }
    gatherTied(order, runs, k, last, values, keys, slots);
    sortGathered(order, runs, k, last, ids, slots);
    k = last;
  }
}

/**
 * Copies, for the tied items of runs `from .. to - 1` in turn, value, first and second key
 * into `slots` (three numbers per item, the runs one after the other). A loop kernel (see
 * readOrder in kernels.ts).
 */
function gatherTied(
  order: Uint32Array,
  runs: Int32Array,
  from: number,
  to: number,
  values: Float64Array,
  keys: Float64Array,
  slots: Float64Array,
): void {
  let t = 0;
  for (let k = from; k < to; k++) {
    const end = runs[2 * k + 1]!;
    for (let r = runs[2 * k]!; r < end; r++, t += 3) {
      const i = order[r]!;
      slots[t] = values[i]!;
      slots[t + 1] = keys[2 * i]!;
      slots[t + 2] = keys[2 * i + 1]!;
    }
  }
}

/**
 * Insertion-sorts each of runs `from .. to - 1` on the slots {@link gatherTied} filled,
 * moving order entries and slots together. A loop kernel (see readOrder in kernels.ts).
 */
function sortGathered(
  order: Uint32Array,
  runs: Int32Array,
  from: number,
  to: number,
  ids: readonly string[],
  slots: Float64Array,
): void {
  // base: the slot index of the current run's first item, minus its position in `order`
  let base = 0;
  for (let k = from; k < to; k++) {
    const start = runs[2 * k]!;
    const end = runs[2 * k + 1]!;
    const shift = base - start;
    for (let r = start + 1; r < end; r++) {
      const j = order[r]!;
      const at = 3 * (r + shift);
      const v = slots[at]!;
      const f = slots[at + 1]!;
      const g = slots[at + 2]!;
      let q = r - 1;
      for (; q >= start; q--) {
        const o = 3 * (q + shift);
        const vo = slots[o]!;
        if (v !== vo) {
          if (v < vo) break;
        } else {
          const fo = slots[o + 1]!;
          const go = slots[o + 2]!;
          // compareByKeys, inlined on the gathered keys (a call per comparison here is the
          // cost this loop exists to avoid)
          const before =
            f >= 0 && fo >= 0 && (f !== fo || g !== go)
              ? f < fo || (f === fo && g < go)
              : ids[j]! < ids[order[q]!]!;
          if (!before) break;
        }
        order[q + 1] = order[q]!;
        slots[o + 3] = vo;
        slots[o + 4] = slots[o + 1]!;
        slots[o + 5] = slots[o + 2]!;
      }
      order[q + 1] = j;
      const into = 3 * (q + 1 + shift);
      slots[into] = v;
      slots[into + 1] = f;
      slots[into + 2] = g;
    }
    base += end - start;
  }
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
 * Checks the values for `lorenzCurve` and `gini` and returns a sorted ascending copy:
 * `EMPTY_INPUT` for none, `INVALID_RECORD` listing every value that is not a finite
 * number, `NEGATIVE_VALUE` (pointing to `whaleCurve`), `ZERO_TOTAL` when every value
 * is 0 (checked by the caller, which sums). `values` is an array, a `Float64Array`, or
 * {@link ItemColumns} (checked in full, ids included, then its `values` are used).
 */
export function sortedValues(values: unknown, fn: string): Float64Array {
  if (isItemColumns(values)) {
    const columns = readItemColumns(values, fn, { valueName: "value", nonNegative: true });
    return sortedNonNegative(columns.values);
  }
  if (values instanceof Float64Array) {
    // Typed input: sort a copy first (see sortedNonNegative), then check only its
    // last value: read as unsigned 64-bit integers, every negative value, -0, infinity and
    // NaN sorts after every finite value >= 0. Anything else: the full checks and messages.
    const n = values.length;
    if (n === 0)
      throw new CustomerValueError("EMPTY_INPUT", `${fn}: values must hold at least one value, got []`);
    const sorted = sortedNonNegative(values);
    const last = sorted[n - 1]!;
    if (last >= 0 && last < Number.POSITIVE_INFINITY && 1 / last > 0) return sorted; // (1 / -0 < 0)
    return sortedValues(Array.from(values), fn);
  }
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
  return sortedNonNegative(sorted);
}

/**
 * A sorted copy of finite values >= 0 (no -0), ascending; `values` is not changed. For such
 * doubles the bit pattern read as an unsigned 64-bit integer has the order of the value,
 * so an integer sort does it (issue 11): a radix sort in WebAssembly, else the engine's
 * native sort of a BigUint64Array view (see kernels.ts). Same result as
 * `Float64Array.prototype.sort`.
 */
export function sortedNonNegative(values: Float64Array): Float64Array {
  return sortedCopyAsUnsigned(values);
}
