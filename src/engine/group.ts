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
  /** Order each group's rows by this per-row key, ascending, ties in log order (default: log order). */
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
