import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOptions } from "../internal/assert.js";
import { compareIds } from "../engine/rank.js";
import { type DateInput, toTime } from "../internal/dates.js";
import type { CustomerTotal } from "../value/customerTotals.js";
import type { Dialect } from "./dialects.js";
import { cell, numberOf, type SqlExecutor } from "./executor.js";
import {
  type Binder,
  eachRow,
  openLog,
  ResultCheck,
  type SqlSource,
  type SqlSourceOptions,
} from "./source.js";

/** Options of {@link customerTotalsFromSql}: those of `customerTotals` plus the source's. */
export interface CustomerTotalsFromSqlOptions extends SqlSourceOptions {
  /** Count only transactions dated at or after this instant (default: no lower bound). */
  readonly from?: DateInput;
  /** Count only transactions dated before this instant (default: no upper bound). */
  readonly to?: DateInput;
}

/**
 * The SQL of {@link customerTotalsFromSql} over the checked log `log`, with the window's
 * bounds bound through `binder` (for the docs and the tests).
 */
export function customerTotalsSqlFor(
  dialect: Dialect,
  log: string,
  binder: Binder,
  window: { readonly from?: number; readonly to?: number } = {},
): string {
  const where: string[] = [];
  if (window.from !== undefined) where.push(`t >= ${binder.number(window.from)}`);
  if (window.to !== undefined) where.push(`t < ${binder.number(window.to)}`);
  const { double, sum } = dialect;
  return `SELECT customer_id AS id,
       CAST(${sum("amount")} AS ${double}) AS value,
       CAST(${sum("CASE WHEN amount > 0 THEN amount ELSE 0 END")} AS ${double}) AS purchases,
       CAST(count(*) AS ${double}) AS transactions
FROM (${log}) AS log_rows${where.length > 0 ? `\nWHERE ${where.join(" AND ")}` : ""}
GROUP BY customer_id`;
}

/** {@link customerTotalsFromSql} under the name of the public function that runs it. */
export async function customerTotalsIn(
  db: unknown,
  source: SqlSource,
  options: CustomerTotalsFromSqlOptions,
  fn: string,
): Promise<CustomerTotal[]> {
  assertOptions(options, fn);
  const from = options.from === undefined ? undefined : toTime(options.from, `${fn}: from`);
  const to = options.to === undefined ? undefined : toTime(options.to, `${fn}: to`);
  if (from !== undefined && to !== undefined && from > to) {
    throw new CustomerValueError("INVALID_OPTION", `${fn}: from must not be after to`);
  }
  const log = await openLog(db, source, options, fn);
  if (log.empty) return [];
  const binder = log.binder.fork();
  const window = { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
  const sql = customerTotalsSqlFor(log.dialect, log.sql, binder, window);
  const rows: CustomerTotal[] = [];
  const check = new ResultCheck();
  await eachRow(log, sql, binder.values, fn, (row) => {
    const id = cell(row, 0, "id");
    const value = numberOf(cell(row, 1, "value"));
    const purchases = numberOf(cell(row, 2, "purchases"));
    const transactions = numberOf(cell(row, 3, "transactions"));
    const valueOk = check.number(value, "value");
    const purchasesOk = check.number(purchases, "purchases");
    if (check.id(id) && valueOk && purchasesOk)
      rows.push({ id, value: value + 0, purchases: purchases + 0, transactions });
  });
  check.throwIfAny(fn);
  // Plain string order (UTF-16 code units), as the library sorts ids; engines sort otherwise.
  return rows.sort((a, b) => compareIds(a.id, b.id));
}

/**
 * `customerTotals` computed inside a database (DuckDB, PostgreSQL or ClickHouse): one row
 * per customer `{ id, value, purchases, transactions }` comes back, equal to what
 * `customerTotals` gives on the same log — `value` = sum of all amounts, `purchases` = sum
 * of the positive ones, `transactions` = rows — sorted by id (plain string order).
 *
 * @param db - an executor: `duckdbExecutor(connection)`, `postgresExecutor(client)`, `clickhouseExecutor(client)` or your own
 * @param source - `{ table }` or `{ sql }` (with DuckDB also `{ csv }`, `{ parquet }`), with optional `columns`
 * @param options - `from`, `to` (the window `[from, to)`), `columns`, `validate`
 * @returns one row per customer with a transaction in the window
 * @throws {CustomerValueError} `INVALID_RECORD` for bad rows; `INVALID_OPTION` for a bad db,
 *   source, column name or window; `UNKNOWN_NAME` for a table or column the database lacks
 * @example
 * const totals = await customerTotalsFromSql(postgresExecutor(pool), { table: "sales.transactions" });
 * paretoSplit(totals.filter((c) => c.value > 0), { value: "value" }).headValueShare; // => 0.8 (for instance)
 */
export function customerTotalsFromSql(
  db: SqlExecutor,
  source: SqlSource,
  options: CustomerTotalsFromSqlOptions = {},
): Promise<CustomerTotal[]> {
  return customerTotalsIn(db, source, options, "customerTotalsFromSql");
}
