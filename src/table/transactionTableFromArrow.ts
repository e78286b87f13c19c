import { CustomerValueError } from "../errors/CustomerValueError.js";
import { isRowCount, MAX_ROWS } from "../engine/columns.js";
import { describeValue } from "../internal/dates.js";
import { withErrorPrefix } from "../internal/errors.js";
import {
  type TransactionColumnNames,
  type TransactionTable,
  transactionTableFromColumns,
} from "./TransactionTable.js";

/**
 * What {@link transactionTableFromArrow} needs of an Apache Arrow `Table`: its row count and
 * its columns by name. An `apache-arrow` `Table` fits; the library never imports the package.
 */
export interface ArrowTableLike {
  readonly numRows: number;
  getChild(name: string): { get(index: number): unknown } | null;
}

/** Options of {@link transactionTableFromArrow}. */
export interface TransactionTableFromArrowOptions {
  /**
   * Column names (defaults: `customerId`, `date`, `amount`; `profit` and `quantity` are read
   * when a column of that name exists, unless set to `null`).
   */
  readonly columns?: TransactionColumnNames;
}

/** An Arrow cell as a plain number: bigint (Int64) to number, null to `missing`. */
const toNumber = (value: unknown, missing: unknown): unknown =>
  value === null || value === undefined ? missing : typeof value === "bigint" ? Number(value) : value;

/**
 * Builds a {@link TransactionTable} from an Apache Arrow table (for instance one read from
 * Parquet or Arrow IPC, or returned by DuckDB), with every row checked as
 * `transactionTableFromColumns` checks it. Arrow timestamps and dates (any unit) arrive as
 * epoch milliseconds; string dates must be ISO-8601 (no zone = UTC); Int64 numbers are
 * converted to numbers; a null profit or quantity means "none" (`NaN`), a null id, date
 * or amount is an error.
 *
 * @param table - an Arrow `Table` (or anything with `numRows` and `getChild(name)`)
 * @param options - column names
 * @returns the table as columns
 * @throws {CustomerValueError} `INVALID_RECORD` for a missing column or bad rows (all listed)
 * @example
 * import { tableFromArrays } from "apache-arrow";
 * const arrow = tableFromArrays({ customerId: ["C1"], date: ["2011-03-04"], amount: new Float64Array([12.5]) });
 * transactionTableFromArrow(arrow).amount[0]; // => 12.5
 */
export function transactionTableFromArrow(
  table: ArrowTableLike,
  options: TransactionTableFromArrowOptions = {},
): TransactionTable {
  const fn = "transactionTableFromArrow";
  if (typeof table !== "object" || table === null || typeof table.getChild !== "function") {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: expected an Apache Arrow table, got ${describeValue(table)}`,
    );
  }
  const names = options.columns ?? {};
  const n = table.numRows;
  if (!isRowCount(n)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: numRows must be a whole number of rows from 0 to ${MAX_ROWS}, got ${describeValue(n)}`,
    );
  }
  const column = (name: string, required: boolean) => {
    const vector = table.getChild(name);
    if (vector === null && required) {
      throw new CustomerValueError(
        "INVALID_RECORD",
        `${fn}: the table has no column ${JSON.stringify(name)}`,
      );
    }
    return vector;
  };
  const read = <T>(vector: { get(index: number): unknown }, convert: (value: unknown) => T): T[] => {
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = convert(vector.get(i));
    return out;
  };
  const optional = (value: string | null | undefined, fallback: string) => {
    if (value === null) return undefined;
    const vector = column(value ?? fallback, value !== undefined);
    return vector === null ? undefined : read(vector, (v) => toNumber(v, Number.NaN) as number);
  };
  const ids = column(names.customerId ?? "customerId", true)!;
  const dates = column(names.date ?? "date", true)!;
  const amounts = column(names.amount ?? "amount", true)!;
  const profit = optional(names.profit, "profit");
  const quantity = optional(names.quantity, "quantity");
  // Numeric ids (an Arrow integer column) become strings; anything else that is not a string
  // is passed on as it is, for transactionTableFromColumns to report with its row.
  const toId = (v: unknown) => (typeof v === "number" || typeof v === "bigint" ? String(v) : v);
  return withErrorPrefix(`${fn}: `, () =>
    transactionTableFromColumns({
      customerId: read(ids, toId) as string[],
      date: read(dates, (v) => (v instanceof Date ? v : toNumber(v, null))) as (number | string | Date)[],
      amount: read(amounts, (v) => toNumber(v, null)) as number[],
      ...(profit === undefined ? {} : { profit }),
      ...(quantity === undefined ? {} : { quantity }),
    }),
  );
}
