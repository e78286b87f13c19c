import type { TransactionColumns } from "../internal/transactions.js";
import { registerIdKeys } from "../internal/idKeys.js";
import { registerUniqueIds } from "../internal/uniqueIds.js";
import type { TransactionTable } from "./TransactionTable.js";

/**
 * Wraps checked columns as a {@link TransactionTable}, registering its `customerIds` as
 * distinct non-empty ids (see internal/uniqueIds.ts): every builder makes them so. Not
 * public; a module of its own so that `customer-value/duckdb` can build tables without
 * the record readers.
 */
export function tableOf(columns: TransactionColumns): TransactionTable {
  return {
    kind: "TransactionTable",
    ...columns,
    customerIds: registerIdKeys(registerUniqueIds(columns.customerIds)),
  };
}
