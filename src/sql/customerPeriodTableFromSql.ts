import { assertOptions } from "../internal/assert.js";
import { assertPeriod, type Period } from "../internal/dates.js";
import { LogBuilder } from "../engine/growing.js";
import type { TransactionTable } from "../table/TransactionTable.js";
import { tableOf } from "../table/tableOf.js";
import type { Dialect } from "./dialects.js";
import { cell, numberOf, type SqlExecutor } from "./executor.js";
import {
  eachRow,
  type OpenLog,
  openLog,
  ResultCheck,
  type SqlSource,
  type SqlSourceOptions,
} from "./source.js";

/** Options of {@link customerPeriodTableFromSql}. */
export interface CustomerPeriodTableFromSqlOptions extends SqlSourceOptions {
  /** The calendar period of the analysis that will read the table (default `"month"`; cut in UTC). */
  readonly period?: Period;
}

/**
 * The SQL of {@link customerPeriodTableFromSql} over the checked log `log`: per customer,
 * UTC period and kind of row (purchase, `amount > 0`, or not), the first and the last
 * instant and the sum of the amounts.
 */
export function customerPeriodSqlFor(dialect: Dialect, log: string, period: Period): string {
  const { double, sum } = dialect;
  return `SELECT customer_id,
       CAST(min(t) AS ${double}) AS first_time,
       CAST(max(t) AS ${double}) AS last_time,
       CAST(${sum("amount")} AS ${double}) AS total
FROM (
  SELECT customer_id, t, amount, ${dialect.periodKey("t", period)} AS period,
         CASE WHEN amount > 0 THEN 1 ELSE 0 END AS purchase
  FROM (${log}) AS log_rows
) AS period_rows
GROUP BY customer_id, period, purchase`;
}

/** One row of {@link customerPeriodSqlFor}, checked. */
export interface CustomerPeriodRow {
  readonly id: string;
  readonly first: number;
  readonly last: number;
  readonly total: number;
}

/**
 * Runs `sql` (rows of {@link customerPeriodSqlFor}) and hands each row with an id and finite
 * numbers to `visit`; after the last row, `INVALID_RECORD` if any row had neither.
 */
export async function eachCustomerPeriodRow(
  log: OpenLog,
  sql: string,
  fn: string,
  visit: (row: CustomerPeriodRow) => void,
): Promise<void> {
  const check = new ResultCheck();
  await eachRow(log, sql, log.binder.values, fn, (row) => {
    const id = cell(row, 0, "customer_id");
    const first = numberOf(cell(row, 1, "first_time"));
    const last = numberOf(cell(row, 2, "last_time"));
    const total = numberOf(cell(row, 3, "total"));
    if (check.group(id, first, last, total)) visit({ id, first, last, total });
  });
  check.throwIfAny(fn);
}

/** {@link customerPeriodTableFromSql} under the name of the public function that runs it. */
export async function customerPeriodTableIn(
  db: unknown,
  source: SqlSource,
  options: CustomerPeriodTableFromSqlOptions,
  fn: string,
): Promise<TransactionTable> {
  assertOptions(options, fn);
  const period = options.period ?? "month";
  assertPeriod(period, fn);
  const log = await openLog(db, source, options, fn);
  const reduced = new LogBuilder();
  if (log.empty) return tableOf(reduced.columns());
  let lastTime = Number.NEGATIVE_INFINITY;
  let lastId = "";
  let lastRowTime = Number.NEGATIVE_INFINITY;
  await eachCustomerPeriodRow(log, customerPeriodSqlFor(log.dialect, log.sql, period), fn, (row) => {
    reduced.push(reduced.code(row.id), row.first, row.total);
    if (row.first > lastRowTime) lastRowTime = row.first;
    if (row.last > lastTime) {
      lastTime = row.last;
      lastId = row.id;
    }
  });
  // The log's last instant, kept as an amount of 0 (no purchase, no revenue), so that the
  // table spans the days the log spans.
  if (lastTime > lastRowTime) reduced.push(reduced.code(lastId), lastTime, 0);
  return tableOf(reduced.columns());
}

/**
 * A customer-period summary of a log, computed inside a database (DuckDB, PostgreSQL or
 * ClickHouse) and returned as a `TransactionTable` that `periodActivity` and
 * `cohortRetention` read exactly as the full log (with the same `period`, in UTC): per
 * customer and period, one row for the purchases (`amount > 0`, summed, dated at the first
 * of them) and one for the other rows (returns and zero amounts, summed, dated at the
 * first of them), plus one row of amount 0 at the log's last instant. Which periods each
 * customer bought in, the first purchase period, the amounts per period and the span of
 * days the log covers are all those functions read, so their results are the same, while
 * the table holds at most two rows per customer and active period instead of every
 * transaction. Rows come in no particular order.
 *
 * @param db - an executor: `duckdbExecutor(connection)`, `postgresExecutor(client)`, `clickhouseExecutor(client)` or your own
 * @param source - `{ table }` or `{ sql }` (with DuckDB also `{ csv }`, `{ parquet }`), with optional `columns`
 * @param options - `period` (default `"month"`), `columns`, `validate`
 * @returns the reduced log as a `TransactionTable`
 * @throws {CustomerValueError} `INVALID_RECORD` for bad rows; `INVALID_OPTION` for a bad db,
 *   source, column name or period; `UNKNOWN_NAME` for a table or column the database lacks
 * @example
 * const table = await customerPeriodTableFromSql(postgresExecutor(pool), { table: "transactions" }, { period: "month" });
 * periodActivity(table, { period: "month" }).length; // => 24 (for instance)
 */
export function customerPeriodTableFromSql(
  db: SqlExecutor,
  source: SqlSource,
  options: CustomerPeriodTableFromSqlOptions = {},
): Promise<TransactionTable> {
  return customerPeriodTableIn(db, source, options, "customerPeriodTableFromSql");
}
