/**
 * parseTransactionsCsv on the real UCI Online Retail file (runs when ../shared/data is
 * present). Expected counts come from the data folder's README, computed there
 * independently: the cleaned subset (CustomerID present, not a C-invoice, Quantity > 0,
 * UnitPrice > 0) has 397,884 rows and 4,338 customers; 9,288 rows are cancellations.
 */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseTransactionsCsv } from "customer-value";

const file = new URL("../../shared/data/uci_online_retail/online_retail.csv.gz", import.meta.url).pathname;

describe.skipIf(!existsSync(file))("UCI Online Retail through parseTransactionsCsv", () => {
  it("accounts for every row: kept, excluded with a reason, or invalid with its row number", () => {
    const text = gunzipSync(readFileSync(file)).toString("utf8");
    const result = parseTransactionsCsv(text, {
      columns: {
        customerId: (row) => (row.CustomerID ?? "").replace(/\.0$/, ""),
        date: "InvoiceDate",
        amount: (row) => Number(row.Quantity) * Number(row.UnitPrice),
      },
      onInvalid: "skip",
      exclude: (row) =>
        row.InvoiceNo?.startsWith("C")
          ? "cancellation"
          : row.CustomerID && (Number(row.Quantity) <= 0 || Number(row.UnitPrice) <= 0)
            ? "non-positive quantity or price"
            : undefined,
    });
    expect(result.rowCount).toBe(541_909);
    expect(result.excludedCounts.cancellation).toBe(9_288);
    expect(result.transactions).toHaveLength(397_884);
    expect(new Set(result.transactions.map((t) => t.customerId)).size).toBe(4_338);
    expect(result.invalid.every((r) => r.issues[0]!.path === `row ${r.row}.customerId`)).toBe(true);
    expect(result.transactions.length + result.excluded.length + result.invalid.length).toBe(result.rowCount);
  });
});
