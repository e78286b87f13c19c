import { DIALECTS } from "../sql/dialects.js";
import { assertDuckDBConnection, duckdbExecutor } from "../sql/duckdbExecutor.js";
import { type RfmSummaryFromSqlOptions, rfmSummaryIn, rfmSummarySqlFor } from "../sql/rfmSummaryFromSql.js";
import { Binder } from "../sql/source.js";
import type { RfmSummaryRow } from "../value/rfmSummary.js";
import type { DuckDBConnectionLike, DuckDBSource } from "./source.js";

/** Options of {@link rfmSummaryFromDuckDB}: those of `rfmSummary` (UTC only) plus the source's. */
export type RfmSummaryFromDuckDBOptions = RfmSummaryFromSqlOptions;

/**
 * The SQL {@link rfmSummaryFromDuckDB} runs over the checked log `log` (columns
 * `customer_id`, `t`, `amount`), for the docs. The end day travels as the query's first
 * parameter (`$1`), and `recency`, `T` and `monetaryValue` are then worked out in
 * JavaScript from the per-customer numbers it returns, so `scale` no longer appears in it.
 *
 * @deprecated `customer-value/sql` writes this query for every dialect; docs/warehouse.md shows it.
 */
export function rfmSummarySql(
  log: string,
  endDay: string,
  aggregate: "day" | "week",
  _scale?: number,
): string {
  return rfmSummarySqlFor(DIALECTS.duckdb, log, new Binder(DIALECTS.duckdb), Number(endDay), aggregate);
}

/**
 * `rfmSummary` computed inside DuckDB, over CSV or Parquet files (or a table) that need
 * not fit in memory: the per-customer grouping runs in SQL and only one row per customer
 * comes back, ready for `fitBgNbd`, `fitParetoNbd`, `fitGammaGamma`, `rfmScores` or
 * `lifetimeValue`. Same conventions as `rfmSummary` (Python `lifetimes`'
 * `summary_data_from_transaction_data`): a customer's transactions on one UTC day (or ISO
 * week) are one purchase worth their sum; `frequency` = purchase periods - 1; `recency` =
 * last - first period; `T` = observation end - first period; `monetaryValue` = mean of the
 * repeat periods (0 without repeats). Calendar days are UTC (no `timeZone` option). The
 * same as `rfmSummaryFromSql(duckdbExecutor(connection), …)`.
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
export function rfmSummaryFromDuckDB(
  connection: DuckDBConnectionLike,
  source: DuckDBSource,
  options: RfmSummaryFromDuckDBOptions = {},
): Promise<RfmSummaryRow[]> {
  const fn = "rfmSummaryFromDuckDB";
  return Promise.resolve().then(() => {
    assertDuckDBConnection(connection, fn);
    return rfmSummaryIn(duckdbExecutor(connection), source, options, fn);
  });
}
