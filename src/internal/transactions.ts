/** Moved to the engine layer (src/engine/columns.ts); this re-export goes once every import points there. */
export { readTransactions, type TransactionColumns } from "../engine/columns.js";
