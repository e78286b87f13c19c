import { cutPeriods } from "../engine/periods.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOptions } from "../internal/assert.js";
import { describeValue, periodIndex } from "../internal/dates.js";
import {
  type ActivityCounts,
  activityRange,
  activityRows,
  addActivityCounts,
  countActivity,
  noActivity,
  observedSpan,
  type PeriodActivityOptions,
  type PeriodActivityRow,
  resolveActivityOptions,
} from "../rates/periodActivity.js";
import { byCustomer, CustomerBatches } from "./batches.js";
import { customerPeriodSqlFor, eachCustomerPeriodRow } from "./customerPeriodTableFromSql.js";
import { cell, numberOf, type SqlExecutor } from "./executor.js";
import { eachRow, type OpenLog, openLog, type SqlSource, type SqlSourceOptions } from "./source.js";

/** Options of {@link periodActivityFromSql}: those of `periodActivity` (periods cut in UTC) plus the source's. */
export interface PeriodActivityFromSqlOptions
  extends Omit<PeriodActivityOptions, "timeZone">,
    SqlSourceOptions {
  /** Periods are cut in UTC, in the database: `"UTC"` or absent. */
  readonly timeZone?: "UTC";
}

/** The first and the last instant of the log (`±Infinity` when it has no dated row). */
async function logExtent(log: OpenLog, fn: string): Promise<{ earliest: number; latest: number }> {
  const { double } = log.dialect;
  const sql = `SELECT CAST(min(t) AS ${double}) AS earliest, CAST(max(t) AS ${double}) AS latest
    FROM (${log.sql}) AS log_rows`;
  let extent = { earliest: Number.POSITIVE_INFINITY, latest: Number.NEGATIVE_INFINITY };
  await eachRow(log, sql, log.binder.values, fn, (row) => {
    const earliest = numberOf(cell(row, 0, "earliest"));
    const latest = numberOf(cell(row, 1, "latest"));
    if (Number.isFinite(earliest) && Number.isFinite(latest)) extent = { earliest, latest };
  });
  return extent;
}

/**
 * `periodActivity` with the grouping pushed into a database (DuckDB, PostgreSQL or
 * ClickHouse): the same rows as `periodActivity(fullLog, options)` with periods cut in UTC,
 * while the Node process holds one small batch of customers at a time, however large the log.
 *
 * The database groups the log per customer, UTC period and kind of row (purchase or not) and
 * sends the groups sorted by customer id; the library reads them a few thousand customers
 * at a time, counts each batch with `periodActivity`'s own counting over the log's whole
 * span of periods, and adds the counts up (new, retained, reactivated and churned are
 * counts of customers, so the counts of disjoint customers add). Rates come last, from the
 * totals. Two queries: the log's first and last instant, then the sorted groups.
 *
 * @param db - an executor: `duckdbExecutor(connection)`, `postgresExecutor(client)`, `clickhouseExecutor(client)` or your own that returns rows in the database's order
 * @param source - `{ table }` or `{ sql }` (with DuckDB also `{ csv }`, `{ parquet }`), with optional `columns`
 * @param options - `period` (default `"month"`), `from`, `to`, `activeWindow`, `columns`, `validate`
 * @returns one `PeriodActivityRow` per period, in time order
 * @throws {CustomerValueError} `INVALID_RECORD` for bad rows; `INVALID_OPTION` for a bad db,
 *   source, column name or option (a `timeZone` other than UTC included), or rows the
 *   executor returned out of order; `UNKNOWN_NAME` for a table or column the database lacks
 * @example
 * const rows = await periodActivityFromSql(postgresExecutor(pool), { table: "transactions" }, { period: "month" });
 * rows.at(-1)!.retentionRate; // => 0.41 (for instance)
 */
export async function periodActivityFromSql(
  db: SqlExecutor,
  source: SqlSource,
  options: PeriodActivityFromSqlOptions = {},
): Promise<PeriodActivityRow[]> {
  const fn = "periodActivityFromSql";
  assertOptions(options, fn);
  const { timeZone, ...utc } = options;
  const { period, activeWindow, bounds } = resolveActivityOptions(utc, fn);
  if (timeZone !== undefined && timeZone !== "UTC") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: periods are cut in UTC in the database, got timeZone ${describeValue(timeZone)}; use periodActivity on the full log for other zones`,
    );
  }
  const log = await openLog(db, source, options, fn);
  const extent = log.empty
    ? { earliest: Number.POSITIVE_INFINITY, latest: Number.NEGATIVE_INFINITY }
    : await logExtent(log, fn);
  const cut = {
    ...extent,
    lo: Number.isFinite(extent.earliest) ? periodIndex(extent.earliest, period) : extent.earliest,
    hi: Number.isFinite(extent.latest) ? periodIndex(extent.latest, period) : extent.latest,
  };
  const range = activityRange(cut, bounds, { period, timeZone: undefined, fn });
  if (range === undefined) return [];
  const total: ActivityCounts = noActivity(range);
  if (Number.isFinite(extent.earliest)) {
    const batches = new CustomerBatches((batch) => {
      addActivityCounts(
        total,
        countActivity(batch, cutPeriods(batch.time, period, undefined), range, activeWindow),
      );
    }, fn);
    const sql = byCustomer(log.dialect, customerPeriodSqlFor(log.dialect, log.sql, period));
    await eachCustomerPeriodRow(log, sql, fn, (row) =>
      batches.push(batches.code(row.id), row.first, row.total),
    );
    batches.end();
  }
  return activityRows(total, { period, timeZone: undefined, span: observedSpan(cut, undefined, bounds), fn });
}
