import { assertOneOf, assertOptions } from "../internal/assert.js";
import { compareIds } from "../engine/rank.js";
import { type DateInput, MS_PER_DAY, toTime } from "../internal/dates.js";
import { periodOfDay, periodsToUnit, RFM_AGGREGATES, RFM_UNITS } from "../value/internal.js";
import type { RfmAggregate, RfmUnit } from "../value/internal.js";
import type { RfmSummaryRow } from "../value/rfmSummary.js";
import type { Dialect } from "./dialects.js";
import { cell, numberOf, type SqlExecutor } from "./executor.js";
import {
  type Binder,
  eachRow,
  type OpenLog,
  openLog,
  ResultCheck,
  type SqlSource,
  type SqlSourceOptions,
} from "./source.js";

/** Options of {@link rfmSummaryFromSql}: those of `rfmSummary` (UTC only) plus the source's. */
export interface RfmSummaryFromSqlOptions extends SqlSourceOptions {
  /** End of observation, inclusive at UTC day granularity (default: the day of the last transaction). */
  readonly observationEnd?: DateInput;
  /** What counts as one purchase: `"day"` (default) or `"week"` (ISO weeks, Monday to Sunday). */
  readonly aggregate?: RfmAggregate;
  /** Unit of `recency` and `T`: `"day"` or `"week"` (default: the same as `aggregate`). */
  readonly unit?: RfmUnit;
}

/**
 * The SQL of {@link rfmSummaryFromSql} over the checked log `log`: per customer, the number
 * of purchase periods (UTC days, or ISO weeks) up to the end day, the first and the last,
 * the total of their amounts and the first period's amount. The end day is bound through
 * `binder`; the rest of the summary is arithmetic on these five numbers.
 */
export function rfmSummarySqlFor(
  dialect: Dialect,
  log: string,
  binder: Binder,
  endDay: number,
  aggregate: RfmAggregate,
): string {
  const { double, sum, firstBy } = dialect;
  // ISO weeks from days: 1970-01-01 was a Thursday, so +3 puts Monday first.
  const period = aggregate === "day" ? "day" : "floor((day + 3) / 7)";
  return `SELECT customer_id,
       CAST(count(*) AS ${double}) AS periods,
       CAST(min(period) AS ${double}) AS first_period,
       CAST(max(period) AS ${double}) AS last_period,
       CAST(${sum("period_amount")} AS ${double}) AS total,
       CAST(${firstBy("period_amount", "period")} AS ${double}) AS first_amount
FROM (
  SELECT customer_id, period, ${sum("amount")} AS period_amount
  FROM (
    SELECT customer_id, amount, ${period} AS period
    FROM (SELECT customer_id, amount, floor(t / 86400000) AS day FROM (${log}) AS log_rows) AS day_rows
    WHERE day <= ${binder.number(endDay)}
  ) AS period_rows
  GROUP BY customer_id, period
) AS customer_periods
GROUP BY customer_id`;
}

/** The day (UTC, days since 1970-01-01) of the last transaction, `undefined` for an empty log. */
async function lastDay(log: OpenLog, fn: string): Promise<number | undefined> {
  let last: number | undefined;
  const sql = `SELECT CAST(max(floor(t / 86400000)) AS ${log.dialect.double}) AS last_day FROM (${log.sql}) AS log_rows`;
  await eachRow(log, sql, log.binder.values, fn, (row) => {
    const day = numberOf(cell(row, 0, "last_day"));
    if (Number.isFinite(day)) last = day;
  });
  return last;
}

/** {@link rfmSummaryFromSql} under the name of the public function that runs it. */
export async function rfmSummaryIn(
  db: unknown,
  source: SqlSource,
  options: RfmSummaryFromSqlOptions,
  fn: string,
): Promise<RfmSummaryRow[]> {
  assertOptions(options, fn);
  const aggregate = options.aggregate ?? "day";
  assertOneOf(aggregate, RFM_AGGREGATES, `${fn}: aggregate`);
  const unit = options.unit ?? aggregate;
  assertOneOf(unit, RFM_UNITS, `${fn}: unit`);
  const end =
    options.observationEnd === undefined
      ? undefined
      : Math.floor(toTime(options.observationEnd, `${fn}: observationEnd`) / MS_PER_DAY);
  const log = await openLog(db, source, options, fn);
  if (log.empty) return [];
  const endDay = end ?? (await lastDay(log, fn));
  if (endDay === undefined) return [];
  const endPeriod = periodOfDay(endDay, aggregate);
  const binder = log.binder.fork();
  const sql = rfmSummarySqlFor(log.dialect, log.sql, binder, endDay, aggregate);
  const rows: RfmSummaryRow[] = [];
  const check = new ResultCheck();
  await eachRow(log, sql, binder.values, fn, (row) => {
    const customerId = cell(row, 0, "customer_id");
    const periods = numberOf(cell(row, 1, "periods"));
    const first = numberOf(cell(row, 2, "first_period"));
    const last = numberOf(cell(row, 3, "last_period"));
    const repeatTotal = numberOf(cell(row, 4, "total")) - numberOf(cell(row, 5, "first_amount"));
    const ok = [check.number(first + last, "recency"), check.number(repeatTotal, "monetaryValue")];
    if (!check.id(customerId) || ok.includes(false)) return;
    const frequency = periods - 1;
    rows.push({
      customerId,
      frequency,
      recency: periodsToUnit(last - first, aggregate, unit),
      T: periodsToUnit(endPeriod - first, aggregate, unit),
      monetaryValue: frequency === 0 ? 0 : repeatTotal / frequency + 0,
    });
  });
  check.throwIfAny(fn);
  // Plain string order (UTF-16 code units), as the library sorts ids; engines sort otherwise.
  return rows.sort((a, b) => compareIds(a.customerId, b.customerId));
}

/**
 * `rfmSummary` computed inside a database (DuckDB, PostgreSQL or ClickHouse): the grouping
 * by customer and purchase period runs in SQL, and one row per customer comes back, equal to
 * what `rfmSummary` gives on the same log (in UTC), ready for `fitBgNbd`, `fitParetoNbd`,
 * `fitGammaGamma`, `rfmScores` or `lifetimeValue`. The conventions are those of Python
 * `lifetimes`: a customer's transactions on one UTC day (or ISO week) are one purchase worth
 * their sum; `frequency` = purchase periods - 1; `recency` = last - first period; `T` =
 * observation end - first period; `monetaryValue` = mean of the repeat periods (0 without
 * repeats). Only transactions on or before the end day count.
 *
 * @param db - an executor: `duckdbExecutor(connection)`, `postgresExecutor(client)`, `clickhouseExecutor(client)` or your own
 * @param source - `{ table }` or `{ sql }` (with DuckDB also `{ csv }`, `{ parquet }`), with optional `columns`
 * @param options - `observationEnd`, `aggregate`, `unit`, `columns`, `validate`
 * @returns one row per customer with a transaction up to the end, sorted by `customerId`
 * @throws {CustomerValueError} `INVALID_RECORD` for bad rows; `INVALID_OPTION` for a bad db,
 *   source, column name, `observationEnd`, `aggregate` or `unit`; `UNKNOWN_NAME` for a
 *   table or column the database lacks
 * @example
 * const rows = await rfmSummaryFromSql(clickhouseExecutor(client), { table: "transactions" }, { observationEnd: "2024-12-31" });
 * fitBgNbd(rows).r; // => 0.24 (for instance)
 */
export function rfmSummaryFromSql(
  db: SqlExecutor,
  source: SqlSource,
  options: RfmSummaryFromSqlOptions = {},
): Promise<RfmSummaryRow[]> {
  return rfmSummaryIn(db, source, options, "rfmSummaryFromSql");
}
