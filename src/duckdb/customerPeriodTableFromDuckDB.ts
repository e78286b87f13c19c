import { assertOptions } from "../internal/assert.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertPeriod, type Period } from "../internal/dates.js";
import type { TransactionTable } from "../table/TransactionTable.js";
import { IdDictionary } from "../internal/uniqueIds.js";
import { tableOf } from "../table/tableOf.js";
import {
  checkResult,
  columns,
  type DuckDBConnectionLike,
  type DuckDBSource,
  type DuckDBSourceOptions,
  logSql,
  prepare,
} from "./source.js";

/** Options of {@link customerPeriodTableFromDuckDB}. */
export interface CustomerPeriodTableFromDuckDBOptions extends DuckDBSourceOptions {
  /** The calendar period of the analysis that will read the table (default `"month"`; cut in UTC). */
  readonly period?: Period;
}

const TRUNC: Record<Period, string> = {
  day: "day",
  week: "week",
  month: "month",
  quarter: "quarter",
  year: "year",
};

/** The SQL {@link customerPeriodTableFromDuckDB} runs over the checked log (`log`). */
export function customerPeriodSql(log: string, period: Period): string {
  return `
WITH rows AS (
  SELECT customerId, date, amount, date_trunc('${TRUNC[period]}', date) AS period,
         min(date) FILTER (WHERE amount > 0) OVER (PARTITION BY customerId) AS firstPurchase
  FROM (${log})
)
SELECT customerId,
       CAST(epoch_ms(min(date)) AS DOUBLE) AS time,   -- the group's first instant
       CAST(sum(amount) AS DOUBLE) AS amount
FROM rows
-- per customer and period: the purchases; the other rows before the first purchase; the other rows after it
GROUP BY customerId, period, amount > 0, coalesce(date < firstPurchase, true)
ORDER BY time, customerId`;
}

/**
 * A customer-period summary of a log, computed inside DuckDB and returned as a
 * `TransactionTable` that `periodActivity` and `cohortRetention` read exactly as the full
 * log (with the same `period`, in UTC): per customer and period, one row for the purchases
 * (`amount > 0`, summed, dated at the first of them) and at most two for the other rows
 * (returns and zero amounts, summed; those before the customer's first purchase apart,
 * since cohorts leave them out). Activity, first purchases and per-period revenue are all
 * that those functions read, so their results are the same, while the table holds at most
 * three rows per customer and active period instead of every transaction.
 *
 * @param connection - a `DuckDBConnection` of `@duckdb/node-api` (its TimeZone is set to UTC)
 * @param source - `{ csv }`, `{ parquet }`, `{ table }` or `{ sql }`
 * @param options - `period` (default `"month"`), `columns`, `validate`
 * @returns the reduced log as a `TransactionTable`, in time order
 * @throws {CustomerValueError} `INVALID_RECORD` for bad rows; `INVALID_OPTION` for a bad source, column or period
 * @example
 * const table = await customerPeriodTableFromDuckDB(db, { parquet: "logs/*.parquet" }, { period: "month" });
 * periodActivity(table, { period: "month" }).length; // => 24 (for instance)
 */
export async function customerPeriodTableFromDuckDB(
  connection: DuckDBConnectionLike,
  source: DuckDBSource,
  options: CustomerPeriodTableFromDuckDBOptions = {},
): Promise<TransactionTable> {
  const fn = "customerPeriodTableFromDuckDB";
  assertOptions(options, fn);
  const period = options.period ?? "month";
  assertPeriod(period, fn);
  const log = logSql(source, options, fn);
  await prepare(connection, log, options, fn);
  const [ids, time, amount] = await columns(connection, customerPeriodSql(log, period), fn);
  if (!ids) throw new CustomerValueError("INVALID_RECORD", `${fn}: DuckDB returned no columns`);
  checkResult(ids, { time: time!, amount: amount! }, fn);
  const n = ids.length;
  const customer = new Int32Array(n);
  const dictionary = new IdDictionary();
  for (let i = 0; i < n; i++) {
    const id = ids[i] as string;
    customer[i] = dictionary.code(id);
  }
  return tableOf({
    length: n,
    customerIds: dictionary.ids,
    customer,
    time: Float64Array.from(time as number[]),
    amount: Float64Array.from(amount as number[], (x) => x + 0),
    profit: undefined,
    quantity: undefined,
  });
}
