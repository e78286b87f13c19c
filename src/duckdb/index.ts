/**
 * customer-value/duckdb: the heavy per-customer and per-period aggregation pushed into
 * DuckDB SQL over CSV or Parquet files (or any table), for logs beyond one machine's
 * memory. Each function returns what the library's own functions take. It needs
 * `@duckdb/node-api` (an optional peer dependency) only through the connection you pass.
 * The work is `customer-value/sql`'s (the same functions for PostgreSQL and ClickHouse too),
 * run through `duckdbExecutor`. See docs/duckdb.md and docs/warehouse.md.
 */
export { customerPeriodSql, customerPeriodTableFromDuckDB } from "./customerPeriodTableFromDuckDB.js";
export type { CustomerPeriodTableFromDuckDBOptions } from "./customerPeriodTableFromDuckDB.js";
export { customerTotalsFromDuckDB, customerTotalsSql } from "./customerTotalsFromDuckDB.js";
export type { CustomerTotal } from "./customerTotalsFromDuckDB.js";
export { rfmSummaryFromDuckDB, rfmSummarySql } from "./rfmSummaryFromDuckDB.js";
export type { RfmSummaryFromDuckDBOptions } from "./rfmSummaryFromDuckDB.js";
export type { DuckDBColumns, DuckDBConnectionLike, DuckDBSource, DuckDBSourceOptions } from "./source.js";
