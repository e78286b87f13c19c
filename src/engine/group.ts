/**
 * Grouping rows by customer: a counting sort of row indices by a small integer key (a
 * customer's code or slot), stable, so each group keeps its rows in log order (Knuth,
 * TAOCP vol. 3, 5.2, "distribution counting"); then, where asked, each group ordered by a
 * per-row key such as its time. Linear in the number of rows, plus a sort of the groups
 * whose rows are out of order.
 */

/**
 * Rows grouped in compressed-row layout: group `g` holds `rows[offsets[g] .. offsets[g + 1])`.
 */
export interface RowGroups {
  /** Number of groups (some may be empty). */
  readonly count: number;
  /** `count + 1` offsets into `rows`. */
  readonly offsets: Int32Array;
  /** Row indices, group after group. */
  readonly rows: Int32Array;
}

/** What {@link groupRows} keeps and how it orders each group. */
export interface GroupRowsOptions {
  /** Keep only the rows for which this is true (default: every row). */
  readonly keep?: ((row: number) => boolean) | undefined;
  /** Order each group's rows by this per-row key (numbers, never NaN), ascending, ties in log order (default: log order). */
  readonly orderBy?: ArrayLike<number> | undefined;
}

/**
 * Groups the rows `0 .. keyOfRow.length - 1` by `keyOfRow[row]` (in `0 .. groupCount - 1`).
 *
 * @example
 * const g = groupRows(new Int32Array([1, 0, 1, 0]), 2, { orderBy: [9, 5, 3, 1] });
 * Array.from(g.offsets); // => [0, 2, 4]
 * Array.from(g.rows); // => [3, 1, 2, 0]
 */
export function groupRows(
  keyOfRow: Int32Array,
  groupCount: number,
  options: GroupRowsOptions = {},
): RowGroups {
  const { keep, orderBy } = options;
  const n = keyOfRow.length;
  const offsets = new Int32Array(groupCount + 1);
  if (keep === undefined) {
    for (let i = 0; i < n; i++) offsets[keyOfRow[i]! + 1]!++;
  } else {
    for (let i = 0; i < n; i++) if (keep(i)) offsets[keyOfRow[i]! + 1]!++;
  }
  for (let g = 0; g < groupCount; g++) offsets[g + 1]! += offsets[g]!;
  const next = offsets.slice(0, groupCount);
  const rows = new Int32Array(offsets[groupCount]!);
  for (let i = 0; i < n; i++) {
    if (keep === undefined || keep(i)) rows[next[keyOfRow[i]!]!++] = i;
  }
  const groups = { count: groupCount, offsets, rows };
  if (orderBy !== undefined) orderEachGroup(groups, orderBy);
  return groups;
}

/** Sorts each group's rows by `key` (stable), leaving groups already in order alone. */
function orderEachGroup({ count, offsets, rows }: RowGroups, key: ArrayLike<number>): void {
  for (let g = 0; g < count; g++) {
    const from = offsets[g]!;
    const to = offsets[g + 1]!;
    for (let k = from + 1; k < to; k++) {
      if (key[rows[k]!]! < key[rows[k - 1]!]!) {
        rows.subarray(from, to).sort((x, y) => key[x]! - key[y]! || x - y);
        break;
      }
    }
  }
}

/** `column[rows[k]]` for every k: a column in group order. */
export function gather(column: Float64Array, rows: Int32Array): Float64Array;
export function gather(column: Int32Array, rows: Int32Array): Int32Array;
export function gather(column: Float64Array | Int32Array, rows: Int32Array): Float64Array | Int32Array {
  const out = column instanceof Float64Array ? new Float64Array(rows.length) : new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]!]!;
  return out;
}

/** Columns grouped as {@link groupRows} groups their rows: group `g` at `offsets[g] .. offsets[g + 1]`. */
export interface GroupedColumns {
  /** Number of groups (some may be empty). */
  readonly count: number;
  /** `count + 1` offsets into each column. */
  readonly offsets: Int32Array;
  /** The given columns, each in group order. */
  readonly columns: Float64Array[];
}

/**
 * `gather(column, groupRows(…).rows)` for each of `columns`, without the row indices: one
 * pass counts the groups, one writes every kept row's values where its group puts them.
 * The log is read in order and never at random, and no array per row is made on the way.
 *
 * @example
 * const g = groupColumns(new Int32Array([1, 0, 1]), 2, [new Float64Array([10, 20, 30])]);
 * Array.from(g.columns[0]); // => [20, 10, 30]
 */
export function groupColumns(
  keyOfRow: Int32Array,
  groupCount: number,
  columns: readonly Float64Array[],
  options: GroupRowsOptions = {},
): GroupedColumns {
  const { keep, orderBy } = options;
  const n = keyOfRow.length;
  const offsets = new Int32Array(groupCount + 1);
  for (let i = 0; i < n; i++) if (keep === undefined || keep(i)) offsets[keyOfRow[i]! + 1]!++;
  for (let g = 0; g < groupCount; g++) offsets[g + 1]! += offsets[g]!;
  const sortKey = orderBy === undefined ? -1 : columns.indexOf(orderBy as Float64Array);
  const sources = orderBy === undefined || sortKey >= 0 ? columns : [...columns, orderBy];
  const outputs = sources.map(() => new Float64Array(offsets[groupCount]!));
  const next = offsets.slice(0, groupCount);
  for (let i = 0; i < n; i++) {
    if (keep !== undefined && !keep(i)) continue;
    const at = next[keyOfRow[i]!]!++;
    for (let j = 0; j < sources.length; j++) outputs[j]![at] = sources[j]![i]!;
  }
  const grouped = { count: groupCount, offsets, columns: outputs.slice(0, columns.length) };
  if (orderBy !== undefined) orderGroups(grouped, outputs[sortKey >= 0 ? sortKey : columns.length]!);
  return grouped;
}

/** Sorts each group by `key` (in group order), ties in log order, moving the columns along. */
function orderGroups({ count, offsets, columns }: GroupedColumns, key: Float64Array): void {
  const moving = columns.includes(key) ? columns : [key, ...columns];
  for (let g = 0; g < count; g++) {
    const from = offsets[g]!;
    const to = offsets[g + 1]!;
    let sorted = true;
    for (let k = from + 1; k < to && sorted; k++) sorted = !(key[k]! < key[k - 1]!);
    if (sorted) continue;
    const order = Array.from({ length: to - from }, (_, j) => from + j);
    order.sort((x, y) => key[x]! - key[y]! || x - y);
    for (const column of moving)
      column.set(
        order.map((k) => column[k]!),
        from,
      );
  }
}
