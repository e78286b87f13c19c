import { CustomerValueError } from "../errors/CustomerValueError.js";
import { compareIds } from "../internal/compare.js";
import { assertOneOf, assertOptions } from "../internal/assert.js";
import { toTime } from "../internal/dates.js";
import type { DateInput } from "../internal/dates.js";
import type { RfmSummaryRow } from "../value/rfmSummary.js";
import {
  checkResult,
  columns,
  type DuckDBConnectionLike,
  type DuckDBSource,
  type DuckDBSourceOptions,
  logSql,
  prepare,
} from "./source.js";

/** Options of {@link rfmSummaryFromDuckDB}: those of `rfmSummary` (UTC only) plus the source's. */
export interface RfmSummaryFromDuckDBOptions extends DuckDBSourceOptions {
  /** End of observation, inclusive at UTC day granularity (default: the day of the last transaction). */
  readonly observationEnd?: DateInput;
  /** What counts as one purchase: `"day"` (default) or `"week"` (ISO weeks, Monday to Sunday). */
  readonly aggregate?: "day" | "week";
  /** Unit of `recency` and `T`: `"day"` or `"week"` (default: the same as `aggregate`). */
  readonly unit?: "day" | "week";
}

/** The SQL {@link rfmSummaryFromDuckDB} runs over the checked log (`log`), for the docs and tests. */
export function rfmSummarySql(log: string, endDay: string, aggregate: "day" | "week", scale: number): string {
  // Periods: UTC days since 1970-01-01, or ISO weeks (1970-01-01 was a Thursday: +3 puts Monday first).
  const period = aggregate === "day" ? "day" : "floor((day + 3) / 7)";
  const end = aggregate === "day" ? endDay : `floor((${endDay} + 3) / 7)`;
  return `
WITH rows AS (
  SELECT customerId, amount, floor(epoch_ms(date) / 86400000) AS day FROM (${log})
), periods AS (                      -- one purchase per customer and period, its amounts summed
  SELECT customerId, ${period} AS period, sum(amount) AS amount
  FROM rows WHERE day <= ${endDay} GROUP BY ALL
), customers AS (
  SELECT customerId, count(*) - 1 AS frequency, min(period) AS first, max(period) AS last,
         sum(amount) - arg_min(amount, period) AS repeatTotal
  FROM periods GROUP BY customerId
)
SELECT customerId,
       CAST(frequency AS DOUBLE) AS frequency,
       CAST((last - first) * ${scale} AS DOUBLE) AS recency,
       CAST((${end} - first) * ${scale} AS DOUBLE) AS T,
       CAST(CASE WHEN frequency > 0 THEN repeatTotal / frequency ELSE 0 END AS DOUBLE) AS monetaryValue
FROM customers`;
}

/**
 * `rfmSummary` computed inside DuckDB, over CSV or Parquet files (or a table) that need
 * not fit in memory: the per-customer grouping runs in SQL and only one row per customer
 * comes back, ready for `fitBgNbd`, `fitParetoNbd`, `fitGammaGamma`, `rfmScores` or
 * `lifetimeValue`. Same conventions as `rfmSummary` (Python `lifetimes`'
 * `summary_data_from_transaction_data`): a customer's transactions on one UTC day (or ISO
 * week) are one purchase worth their sum; `frequency` = purchase periods - 1; `recency` =
 * last - first period; `T` = observation end - first period; `monetaryValue` = mean of the
 * repeat periods (0 without repeats). Calendar days are UTC (no `timeZone` option).
 * The SQL is {@link rfmSummarySql}; docs/duckdb.md shows it.
 *
 * @param connection - a `DuckDBConnection` of `@duckdb/node-api` (its TimeZone is set to UTC)
 * @param source - `{ csv }`, `{ parquet }`, `{ table }` or `{ sql }`
 * @param options - `observationEnd`, `aggregate`, `unit`, `columns`, `validate`
 * @returns one row per customer with a transaction up to the end, sorted by `customerId`
 * @throws {CustomerValueError} `INVALID_RECORD` for bad rows (counted per field); `INVALID_OPTION`
 *   for a bad source, column name, `observationEnd`, `aggregate` or `unit`
 * @example
 * const db = await (await DuckDBInstance.create()).connect();
 * const rows = await rfmSummaryFromDuckDB(db, { parquet: "transactions.parquet" }, { observationEnd: "2024-12-31" });
 * fitBgNbd(rows).r; // => 0.24 (for instance)
 */
export async function rfmSummaryFromDuckDB(
  connection: DuckDBConnectionLike,
  source: DuckDBSource,
  options: RfmSummaryFromDuckDBOptions = {},
): Promise<RfmSummaryRow[]> {
  const fn = "rfmSummaryFromDuckDB";
  assertOptions(options, fn);
  const aggregate = options.aggregate ?? "day";
  assertOneOf(aggregate, ["day", "week"] as const, `${fn}: aggregate`);
  const unit = options.unit ?? aggregate;
  assertOneOf(unit, ["day", "week"] as const, `${fn}: unit`);
  const log = logSql(source, options, fn);
  await prepare(connection, log, options, fn);
  let endDay: string;
  if (options.observationEnd !== undefined) {
    endDay = String(Math.floor(toTime(options.observationEnd, `${fn}: observationEnd`) / 86_400_000));
  } else {
    const [[last]] = (await columns(
      connection,
      `SELECT CAST(floor(max(epoch_ms(date)) / 86400000) AS DOUBLE) FROM (${log})`,
      fn,
    )) as [[number | null]];
    if (last === null || last === undefined) return [];
    endDay = String(last);
  }
  const scale = aggregate === unit ? 1 : aggregate === "week" ? 7 : 1 / 7;
  const [ids, frequency, recency, T, monetary] = await columns(
    connection,
    rfmSummarySql(log, endDay, aggregate, scale),
    fn,
  );
  if (!ids) throw new CustomerValueError("INVALID_RECORD", `${fn}: DuckDB returned no columns`);
  checkResult(ids, { recency: recency!, T: T!, monetaryValue: monetary! }, fn);
  const rows: RfmSummaryRow[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    rows[i] = {
      customerId: ids[i] as string,
      frequency: frequency![i] as number,
      recency: (recency![i] as number) + 0,
      T: (T![i] as number) + 0,
      monetaryValue: (monetary![i] as number) + 0,
    };
  }
  // Plain string order (UTF-16 code units), as the library sorts ids; SQL sorts UTF-8 bytes.
  return rows.sort((a, b) => compareIds(a.customerId, b.customerId));
}
