/**
 * The seven-stage customer relationship lifecycle on a real log: UCI Online Retail.
 *
 *   npx tsx examples/lifecycle.ts [path/to/online_retail.csv.gz]
 *
 * Default path: ../shared/data/uci_online_retail/online_retail.csv.gz (beside the
 * repository). Cleaning (the data README's cleaned subset; test/reference/lifecycle/
 * uci_lifecycle.py does the same in pandas):
 * - CustomerID present, InvoiceNo not starting with "C", Quantity > 0, UnitPrice > 0;
 * - customer id = CustomerID without its ".0" ("17850.0" -> "17850");
 * - InvoiceDate ("2010-12-01 08:26:00") has no zone and is read as UTC;
 * - amount = Quantity × UnitPrice;
 * - customers = the distinct CustomerIDs of the cleaned rows (4,338).
 * Stages at asOf = 2011-12-09T23:59:59Z with the default thresholds.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import {
  type Customer,
  classifyLifecycles,
  generateSampleData,
  lifecycleLabel,
  lifecycleSummary,
  lifecycleTimeline,
  parseTransactionsCsv,
  type Transaction,
} from "customer-value";

/** The `asOf` of the acceptance check: the last second of the data's last day. */
export const ONLINE_RETAIL_AS_OF = "2011-12-09T23:59:59Z";

/** The default location of the data, beside the repository. */
export const ONLINE_RETAIL_PATH = fileURLToPath(
  new URL("../../shared/data/uci_online_retail/online_retail.csv.gz", import.meta.url),
);

/** Reads and cleans UCI Online Retail (see the file comment; gzipped or plain CSV): its customers and purchases. */
export function loadOnlineRetail(path: string = ONLINE_RETAIL_PATH): {
  customers: Customer[];
  transactions: Transaction[];
} {
  const raw = readFileSync(path);
  const text = (path.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
  const { transactions } = parseTransactionsCsv(text, {
    columns: {
      customerId: (row) => (row.CustomerID ?? "").replace(/\.0$/, ""),
      date: "InvoiceDate",
      amount: (row) => Number(row.Quantity) * Number(row.UnitPrice),
    },
    exclude: (row) => {
      if (!row.CustomerID) return "no CustomerID";
      if (row.InvoiceNo?.startsWith("C")) return "cancellation (InvoiceNo starts with C)";
      if (!(Number(row.Quantity) > 0)) return "quantity <= 0";
      if (!(Number(row.UnitPrice) > 0)) return "unit price <= 0";
      return undefined;
    },
  });
  const ids = new Set(transactions.map((t) => t.customerId));
  return { customers: [...ids].map((id) => ({ id })), transactions };
}

function main(): void {
  const path = process.argv[2] ?? ONLINE_RETAIL_PATH;
  if (existsSync(path)) {
    const { customers, transactions } = loadOnlineRetail(path);
    const started = performance.now();
    const rows = classifyLifecycles(customers, transactions, { asOf: ONLINE_RETAIL_AS_OF });
    const seconds = (performance.now() - started) / 1000;
    const summary = lifecycleSummary(rows);
    console.log(`UCI Online Retail: ${transactions.length} purchases, ${customers.length} customers`);
    console.log(`stages at ${ONLINE_RETAIL_AS_OF} (classified in ${seconds.toFixed(2)} s):`);
    for (const s of summary.stages) {
      console.log(
        `  ${s.label.padEnd(14)}${lifecycleLabel(s.stage, "zh").padEnd(6, "　")} ${String(s.count).padStart(5)}  ` +
          `${((s.share ?? 0) * 100).toFixed(1).padStart(5)}%  value ${s.value.toFixed(2)}`,
      );
    }
    console.log(`  decline phases: ${JSON.stringify(summary.phases)}`);
    const example = rows.find((r) => r.stage === "recovery");
    if (example !== undefined)
      console.log(`why ${example.customerId} is in recovery: ${example.evidence.reason}`);

    // Month ends from June to November 2011 (December is incomplete in the data).
    const timeline = lifecycleTimeline(customers, transactions, {
      from: "2011-06-01",
      to: "2011-11-30",
      period: "month",
    });
    console.log("\nstage counts at the end of each month:");
    for (const p of timeline.periods) console.log(`  ${p.period}  ${JSON.stringify(p.counts)}`);
    console.log("\nmonthly moves between stages (rows: from, columns: to; customer-months):");
    console.log(`  ${"".padEnd(14)}${timeline.stages.map((s) => s.slice(0, 7).padStart(8)).join("")}`);
    timeline.transitions.forEach((row, i) => {
      console.log(`  ${timeline.stages[i]!.padEnd(14)}${row.map((x) => String(x).padStart(8)).join("")}`);
    });
  } else {
    console.log(`UCI Online Retail not found at ${path}; showing the sample data only.`);
  }

  const sample = generateSampleData();
  const rows = classifyLifecycles(sample.customers, sample.transactions, { asOf: sample.asOf });
  console.log(`\nsample data at ${sample.asOf}:`);
  for (const s of lifecycleSummary(rows).stages) console.log(`  ${s.label.padEnd(14)}${s.count}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
