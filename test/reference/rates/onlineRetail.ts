/**
 * Reads UCI Online Retail (../shared/data, never copied into the repo) with
 * `parseTransactionsCsv`, cleaned as the data README says: CustomerID present, InvoiceNo
 * not starting with "C" (cancellations), Quantity > 0 and UnitPrice > 0; CustomerID
 * "17850.0" -> "17850"; InvoiceDate has no zone and is read as UTC; amount = Quantity * UnitPrice.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { type ParseTransactionsCsvResult, parseTransactionsCsv } from "customer-value";

export const onlineRetailFile = fileURLToPath(
  new URL("../../../../shared/data/uci_online_retail/online_retail.csv.gz", import.meta.url),
);

export const hasOnlineRetail = existsSync(onlineRetailFile);

export function loadOnlineRetail(): ParseTransactionsCsvResult {
  const text = gunzipSync(readFileSync(onlineRetailFile)).toString("utf8");
  return parseTransactionsCsv(text, {
    columns: {
      customerId: (row) => (row.CustomerID ?? "").replace(/\.0$/, ""),
      date: "InvoiceDate",
      amount: (row) => Number(row.Quantity) * Number(row.UnitPrice),
      quantity: "Quantity",
    },
    exclude: (row) => {
      if ((row.CustomerID ?? "") === "") return "no customer";
      if ((row.InvoiceNo ?? "").startsWith("C")) return "cancellation";
      if (!(Number(row.Quantity) > 0)) return "quantity <= 0";
      if (!(Number(row.UnitPrice) > 0)) return "unit price <= 0";
      return undefined;
    },
  });
}
