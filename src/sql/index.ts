/**
 * customer-value/sql: the heavy per-customer grouping pushed into a database — DuckDB,
 * PostgreSQL, or a ClickHouse cluster — with one row per customer (or per customer and
 * period) coming back, equal to what the library's own functions give on the full log.
 * The SQL is written per dialect; names are checked and quoted, values always bound. Each
 * function takes an executor `{ dialect, query(sql, params) }`: the three below wrap the
 * usual Node clients (optional peer dependencies, never imported here). See docs/warehouse.md.
 */

// Executors: the one-method interface and the ready adapters
export { clickhouseExecutor } from "./clickhouseExecutor.js";
export type {
  ClickHouseClientLike,
  ClickHouseExecutorOptions,
  ClickHouseQueryParams,
} from "./clickhouseExecutor.js";
export { duckdbExecutor } from "./duckdbExecutor.js";
export type { DuckDBConnectionLike } from "./duckdbExecutor.js";
export { SQL_DIALECTS } from "./executor.js";
export type { SqlDialect, SqlExecutor, SqlParam, SqlRow, SqlRows } from "./executor.js";
export { postgresExecutor } from "./postgresExecutor.js";
export type { PostgresClientLike, PostgresQueryConfig } from "./postgresExecutor.js";

// Sources
export type { SqlColumns, SqlSource, SqlSourceOptions } from "./source.js";

// Pushdowns: customer totals, the RFM summary, the customer-period table and period
// activity, lifecycle facts, stages and their counts
export { customerTotalsFromSql } from "./customerTotalsFromSql.js";
export type { CustomerTotalsFromSqlOptions } from "./customerTotalsFromSql.js";
export type { CustomerTotal } from "../value/customerTotals.js";
export { rfmSummaryFromSql } from "./rfmSummaryFromSql.js";
export type { RfmSummaryFromSqlOptions } from "./rfmSummaryFromSql.js";
export { customerPeriodTableFromSql } from "./customerPeriodTableFromSql.js";
export type { CustomerPeriodTableFromSqlOptions } from "./customerPeriodTableFromSql.js";
export { periodActivityFromSql } from "./periodActivityFromSql.js";
export type { PeriodActivityFromSqlOptions } from "./periodActivityFromSql.js";
export type { PeriodActivityRow } from "../rates/periodActivity.js";
export { classifyLifecyclesFromSql, lifecycleFactsFromSql } from "./lifecycleFromSql.js";
export type {
  ClassifyLifecyclesFromSqlOptions,
  LifecycleFacts,
  LifecycleFactsFromSqlOptions,
} from "./lifecycleFromSql.js";
export { eachLifecycleBatchFromSql, lifecycleStageCountsFromSql } from "./lifecycleStagesFromSql.js";
export type { LifecycleStageCounts } from "./lifecycleStagesFromSql.js";
