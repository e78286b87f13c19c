import type { TransactionColumns } from "../engine/columns.js";
import { cutPeriods } from "../engine/periods.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOptions } from "../internal/assert.js";
import { describeValue, type Period, periodIndex } from "../internal/dates.js";
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

/** The period of instant `t` in UTC (`±Infinity` as it is). */
const periodOf = (t: number, period: Period) => (Number.isFinite(t) ? periodIndex(t, period) : t);

/** Options of {@link periodActivityFromSql}: those of `periodActivity` (periods cut in UTC) plus the source's. */
export interface PeriodActivityFromSqlOptions
  extends Omit<PeriodActivityOptions, "timeZone">,
    SqlSourceOptions {
  /** Periods are cut in UTC, in the database: `"UTC"` or absent. */
  readonly timeZone?: "UTC";
}

/** The first and the last instant of the log: none (`±Infinity`) for a log without rows. */
interface Extent {
  readonly earliest: number;
  readonly latest: number;
}
const NO_EXTENT: Extent = { earliest: Number.POSITIVE_INFINITY, latest: Number.NEGATIVE_INFINITY };

/** The log's extent; `INVALID_RECORD` when it has rows but no readable date (with `validate: false`). */
async function logExtent(log: OpenLog, fn: string): Promise<Extent> {
  if (log.empty) return NO_EXTENT;
  const { double } = log.dialect;
  const sql = `SELECT CAST(min(t) AS ${double}) AS earliest, CAST(max(t) AS ${double}) AS latest,
       CAST(count(*) AS ${double}) AS row_count
    FROM (${log.sql}) AS log_rows`;
  let extent = NO_EXTENT;
  let rows = 0;
  await eachRow(log, sql, log.binder.values, fn, (row) => {
    const [earliest, latest, count] = ["earliest", "latest", "row_count"].map((name, i) =>
      numberOf(cell(row, i, name)),
    ) as [number, number, number];
    rows = count;
    if (Number.isFinite(earliest) && Number.isFinite(latest)) extent = { earliest, latest };
  });
  if (rows > 0 && extent === NO_EXTENT) {
    throw new CustomerValueError("INVALID_RECORD", `${fn}: the source's ${rows} rows have no readable date`, {
      issues: [{ path: "date", message: `${rows} rows without a readable date` }],
    });
  }
  return extent;
}

/**
 * `periodActivity` with the grouping pushed into a database (DuckDB, PostgreSQL or
 * ClickHouse): the same rows as `periodActivity(fullLog, options)` with periods cut in UTC,
 * while the Node process holds one small batch of customers at a time, however large the log.
 *
 * The database groups the log per customer, UTC period and kind of row (purchase or not) and
 * sends the groups sorted by customer id (as UTF-8 bytes); the library reads them in batches
 * of whole customers, counts each with `periodActivity`'s own counting over the log's whole
 * span of periods, and adds the counts up (new, retained, reactivated and churned are counts
 * of customers, so the counts of disjoint customers add). Rates come last, from the totals.
 * Queries: the bad-row counts (unless `validate: false`), the log's first and last instant,
 * the sorted groups.
 *
 * @param db - an executor: `duckdbExecutor(connection)`, `postgresExecutor(client)`, `clickhouseExecutor(client)` or your own that returns rows in the database's order
 * @param source - `{ table }` or `{ sql }` (with DuckDB also `{ csv }`, `{ parquet }`), with optional `columns`
 * @param options - `period` (default `"month"`), `from`, `to`, `activeWindow`, `timeZone` (`"UTC"` only), `columns`, `validate`
 * @returns one `PeriodActivityRow` per period, in time order
 * @throws {CustomerValueError} `INVALID_RECORD` for bad rows (with `validate: false`, rows
 *   that all lack a readable date too); `INVALID_OPTION` for a bad db,
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
  const extent = await logExtent(log, fn);
  const cut = { ...extent, lo: periodOf(extent.earliest, period), hi: periodOf(extent.latest, period) };
  const range = activityRange(cut, bounds, { period, timeZone: undefined, fn });
  if (range === undefined) return [];
  const total: ActivityCounts = noActivity(range);
  if (extent !== NO_EXTENT) {
    const count = (batch: TransactionColumns) => {
      const periods = cutPeriods(batch.time, period, undefined);
      addActivityCounts(total, countActivity(batch, periods, range, activeWindow));
    };
    const batches = new CustomerBatches(fn);
    const sql = byCustomer(log.dialect, customerPeriodSqlFor(log.dialect, log.sql, period));
    await eachCustomerPeriodRow(log, sql, fn, (row) => {
      const full = batches.begin(row.id);
      if (full !== undefined) count(full);
      batches.push(row.first, row.total);
    });
    const rest = batches.take();
    if (rest !== undefined) count(rest);
  }
  return activityRows(total, { period, timeZone: undefined, span: observedSpan(cut, undefined, bounds), fn });
}
