/**
 * Reading a real, messy transaction log: UCI Online Retail (541,909 rows).
 *
 *   npx tsx examples/uci-online-retail.ts [path/to/online_retail.csv.gz]
 *
 * Default path: ../shared/data/uci_online_retail/online_retail.csv.gz (beside the
 * repository). The file is gzipped CSV; Node's zlib decompresses it, then
 * `parseTransactionsCsv` maps its columns and accounts for every row:
 * - cancellations (InvoiceNo starting with "C") are excluded on purpose, with a reason;
 * - rows without a CustomerID break the schema (empty id) and are reported in `invalid`;
 * - rows with a zero or negative price or quantity on ordinary invoices are excluded with
 *   their own reasons (the usual cleaned subset keeps Quantity > 0 and UnitPrice > 0).
 * Nothing is dropped silently: kept + excluded + invalid = rows read.
 */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseTransactionsCsv } from "customer-value";

const path =
  process.argv[2] ??
  new URL("../../shared/data/uci_online_retail/online_retail.csv.gz", import.meta.url).pathname;
if (!existsSync(path)) {
  console.log(`UCI Online Retail not found at ${path}; pass its path as the first argument.`);
  process.exit(0);
}
const text = gunzipSync(readFileSync(path)).toString("utf8");

const started = performance.now();
const result = parseTransactionsCsv(text, {
  columns: {
    // CustomerID is written as a float ("17850.0"); an empty cell stays empty and is reported.
    customerId: (row) => (row.CustomerID ?? "").replace(/\.0$/, ""),
    // "2010-12-01 08:26:00" has no zone: read as UTC (the data is UK local time; see docs/csv.md).
    date: "InvoiceDate",
    amount: (row) => Number(row.Quantity) * Number(row.UnitPrice),
    quantity: "Quantity",
  },
  keep: ["InvoiceNo", "StockCode", "Country"],
  onInvalid: "skip",
  exclude: (row) => {
    if (row.InvoiceNo?.startsWith("C")) return "cancellation (InvoiceNo starts with C)";
    if (!row.CustomerID) return undefined; // let the schema report it as an invalid row (empty id)
    if (Number(row.Quantity) <= 0) return "quantity <= 0";
    if (Number(row.UnitPrice) <= 0) return "unit price <= 0";
    return undefined;
  },
});
const seconds = (performance.now() - started) / 1000;

const customers = new Set(result.transactions.map((t) => t.customerId));
const withoutCustomer = result.invalid.filter((r) => r.issues.some((i) => i.path.endsWith(".customerId")));
console.log(`rows read          ${result.rowCount}`);
console.log(`transactions kept  ${result.transactions.length} (${customers.size} customers)`);
for (const [reason, count] of Object.entries(result.excludedCounts))
  console.log(`excluded           ${count}  ${reason}`);
console.log(`invalid            ${result.invalid.length} (${withoutCustomer.length} without a CustomerID)`);
console.log(`first invalid row  ${JSON.stringify(result.invalid[0])}`);
console.log(`parsed in ${seconds.toFixed(1)} s`);
