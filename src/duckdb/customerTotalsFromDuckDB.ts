import { CustomerValueError } from "../errors/CustomerValueError.js";
import { compareIds } from "../internal/compare.js";
import {
  checkResult,
  columns,
  type DuckDBConnectionLike,
  type DuckDBSource,
  type DuckDBSourceOptions,
  logSql,
  prepare,
} from "./source.js";

/** One customer of {@link customerTotalsFromDuckDB}. */
export interface CustomerTotal {
  readonly id: string;
  /** Sum of the customer's amounts (returns included). */
  readonly value: number;
  /** Sum of the positive amounts only (purchases). */
  readonly purchases: number;
  /** Number of transactions. */
  readonly transactions: number;
}

/** The SQL {@link customerTotalsFromDuckDB} runs over the checked log (`log`). */
export function customerTotalsSql(log: string): string {
  return `
SELECT customerId AS id,
       CAST(sum(amount) AS DOUBLE) AS value,
       CAST(coalesce(sum(amount) FILTER (WHERE amount > 0), 0) AS DOUBLE) AS purchases,
       CAST(count(*) AS DOUBLE) AS transactions
FROM (${log}) GROUP BY customerId`;
}

/**
 * Per-customer totals computed inside DuckDB: one row per customer `{ id, value, purchases,
 * transactions }`, the input of `paretoSplit`, `abcClassify`, `lorenzCurve`, `gini`,
 * `concentrationSummary` (with `value: "value"`), and — as a `Map` of id to value — of
 * `valueWeightedSatisfaction`. Rows are sorted by id (plain string order).
 *
 * @param connection - a `DuckDBConnection` of `@duckdb/node-api` (its TimeZone is set to UTC)
 * @param source - `{ csv }`, `{ parquet }`, `{ table }` or `{ sql }`
 * @param options - `columns`, `validate`
 * @returns one row per customer
 * @throws {CustomerValueError} `INVALID_RECORD` for bad rows; `INVALID_OPTION` for a bad source or column name
 * @example
 * const totals = await customerTotalsFromDuckDB(db, { csv: "transactions.csv" });
 * paretoSplit(totals.filter((c) => c.value > 0), { value: "value" }).headValueShare; // => 0.8 (for instance)
 */
export async function customerTotalsFromDuckDB(
  connection: DuckDBConnectionLike,
  source: DuckDBSource,
  options: DuckDBSourceOptions = {},
): Promise<CustomerTotal[]> {
  const fn = "customerTotalsFromDuckDB";
  const log = logSql(source, options, fn);
  await prepare(connection, log, options, fn);
  const [ids, value, purchases, transactions] = await columns(connection, customerTotalsSql(log), fn);
  if (!ids) throw new CustomerValueError("INVALID_RECORD", `${fn}: DuckDB returned no columns`);
  checkResult(ids, { value: value!, purchases: purchases! }, fn);
  const rows: CustomerTotal[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    rows[i] = {
      id: ids[i] as string,
      value: (value![i] as number) + 0,
      purchases: (purchases![i] as number) + 0,
      transactions: transactions![i] as number,
    };
  }
  // Plain string order (UTF-16 code units), as the library sorts ids; SQL sorts UTF-8 bytes.
  return rows.sort((a, b) => compareIds(a.id, b.id));
}
