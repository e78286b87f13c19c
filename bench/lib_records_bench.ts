/**
 * This library's side of the bench on arrays of records, the input the README teaches:
 * transactions as `validateTransactions` returns them (ISO-string dates) and per-customer
 * totals as `{ id, revenue }` objects. One process per size, apart from bench/lib_bench.ts
 * so that millions of live record objects do not weigh on that process's collector and
 * peak memory. Prints one JSON line like the other sides.
 *
 *   node --max-old-space-size=8192 --expose-gc --import tsx bench/lib_records_bench.ts <dir> <runs> <warmup>
 *
 * Untimed set-up: the CSV is read in chunks of 100,000 lines; each chunk becomes JSON text,
 * `JSON.parse` makes its records (as a caller's records from a file or an API), and
 * `validateTransactions` checks them; the validated records of all chunks go into one
 * array, which every timed call receives. Chunks keep the raw and the validated copies of
 * the whole log from being alive at once.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  classifyLifecycles,
  cohortRetention,
  gini,
  paretoSplit,
  periodActivity,
  rfmSummary,
  type Transaction,
  transactionTable,
  validateTransactions,
} from "customer-value";
import {
  activityCheck,
  cohortCheck,
  createTimer,
  paretoCheck,
  readCustomers,
  rfmCheck,
  stageCheck,
} from "./lib_common.js";

const dir = process.argv[2]!;
const runs = Number(process.argv[3] ?? 3);
const warmup = Number(process.argv[4] ?? 2);
const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as { asOf: string };
const { time, timings, all, first } = createTimer(runs, warmup);

const CHUNK_LINES = 100_000;

/** The validated transactions of `transactions.csv` (customerId,date,amount,profit,quantity). */
function readRecords(file: string): Transaction[] {
  const bytes = readFileSync(file);
  const records: Transaction[] = [];
  let at = bytes.indexOf(10) + 1; // after the header
  while (at < bytes.length) {
    let end = at;
    for (let k = 0; k < CHUNK_LINES && end < bytes.length; k++) {
      const next = bytes.indexOf(10, end);
      end = next === -1 ? bytes.length : next + 1;
    }
    const json: string[] = [];
    for (const line of bytes.toString("utf8", at, end).split("\n")) {
      if (line === "") continue;
      const [customerId, date, amount, profit, quantity] = line.split(",");
      json.push(
        `{"customerId":${JSON.stringify(customerId)},"date":${JSON.stringify(date)},"amount":${amount},"profit":${profit},"quantity":${quantity}}`,
      );
    }
    for (const record of validateTransactions(JSON.parse(`[${json.join(",")}]`))) records.push(record);
    at = end;
  }
  return records;
}

let records = readRecords(join(dir, "transactions.csv"));
const rows = records.length;

// Reading the records into the columnar table that the table rows of the bench use.
const customerCount = time("read records into a table", () => transactionTable(records)).customerIds.length;

const rfm = rfmCheck(time("rfmSummary (records)", () => rfmSummary(records, { observationEnd: meta.asOf })));
const activity = activityCheck(
  time("periodActivity (records)", () => periodActivity(records, { period: "month" })),
);
const cohorts = cohortCheck(
  time("cohortRetention (records)", () => cohortRetention(records, { period: "month" })),
);
const customers = readCustomers(dir);
const stages = stageCheck(
  time("classifyLifecycles (records)", () => classifyLifecycles(customers, records, { asOf: meta.asOf })),
);

// Per-customer totals as objects (untimed set-up), in the order customers first appear;
// the transaction records are dropped first.
const revenue = new Map<string, number>();
for (const r of records) revenue.set(r.customerId, (revenue.get(r.customerId) ?? 0) + r.amount);
records = [];
const items = Array.from(revenue, ([id, total]) => ({ id, revenue: total }));
revenue.clear();
const [split, g] = time(
  "paretoSplit+gini (records)",
  () => [paretoSplit(items, { value: "revenue" }), gini(items.map((c) => c.revenue))] as const,
);

const peakRssMB = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    engine: "records",
    timings,
    all,
    first,
    peakRssMB,
    check: {
      rows,
      customers: customerCount,
      ...rfm,
      ...activity,
      ...cohorts,
      ...paretoCheck(split, g),
      ...stages,
    },
  }),
);
