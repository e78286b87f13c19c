import type { TransactionColumns } from "../engine/columns.js";
import { markUniqueIds } from "../engine/ids.js";
import type { TransactionTable } from "./TransactionTable.js";

/**
 * Wraps checked columns as a {@link TransactionTable}, marking its `customerIds` as
 * distinct non-empty ids (every builder makes them so). Not public; a module of its own so
 * that `customer-value/duckdb` can build tables without the record readers.
 */
export function tableOf(columns: TransactionColumns): TransactionTable {
  return { kind: "TransactionTable", ...columns, customerIds: markUniqueIds(columns.customerIds) };
}
