/**
 * Keeping and winning customers: growth accounting by month, cohort retention and the
 * customer perspective of the balanced scorecard.
 *
 *   npx tsx examples/rates.ts
 *
 * Part 1 reads the real UCI Online Retail log (../shared/data, when present) with
 * `parseTransactionsCsv`, cleaned as its README says: rows without a CustomerID and
 * cancellations (InvoiceNo "C...") are excluded and counted, as are rows with Quantity <= 0
 * or UnitPrice <= 0; CustomerID "17850.0" becomes "17850"; InvoiceDate has no zone and is
 * read as UTC; amount = Quantity * UnitPrice. The same numbers are checked against an
 * independent pandas script in test/reference/rates/uci_reference.py.
 * Part 2 builds a scorecard on the built-in sample.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import {
  allocateCostToServe,
  cohortRetention,
  customerScorecard,
  generateSampleData,
  onTimeDeliveryRate,
  parseTransactionsCsv,
  periodActivity,
  retentionRate,
  retentionRateFromCounts,
  type Transaction,
} from "customer-value";

const pct = (x: number | null) => (x === null ? "   n/a" : `${(x * 100).toFixed(1).padStart(5)}%`);

// ---------------------------------------------------------------------------
// Part 1: UCI Online Retail
const file = fileURLToPath(
  new URL("../../shared/data/uci_online_retail/online_retail.csv.gz", import.meta.url),
);
if (existsSync(file)) {
  const text = gunzipSync(readFileSync(file)).toString("utf8");
  const { transactions, excludedCounts, rowCount, invalid } = parseTransactionsCsv(text, {
    columns: {
      customerId: (row) => (row.CustomerID ?? "").replace(/\.0$/, ""),
      date: "InvoiceDate",
      amount: (row) => Number(row.Quantity) * Number(row.UnitPrice),
    },
    exclude: (row) => {
      if ((row.CustomerID ?? "") === "") return "no customer";
      if ((row.InvoiceNo ?? "").startsWith("C")) return "cancellation";
      if (!(Number(row.Quantity) > 0)) return "quantity <= 0";
      if (!(Number(row.UnitPrice) > 0)) return "unit price <= 0";
      return undefined;
    },
  });
  console.log(
    `UCI Online Retail: ${rowCount} rows read, ${transactions.length} kept, ${invalid.length} invalid`,
  );
  for (const [reason, n] of Object.entries(excludedCounts)) console.log(`  excluded (${reason}): ${n}`);
  // => cancellation 8905, no customer 135080, unit price <= 0 40: 397,884 rows kept

  console.log("\nMonthly growth accounting (UTC months; December 2011 ends on the 9th)");
  console.log("month    active  new retained react churned  retention  churn  acquis.  quick  revenue");
  for (const r of periodActivity(transactions, { period: "month" })) {
    console.log(
      `${r.period}  ${String(r.active).padStart(6)} ${String(r.new).padStart(4)} ${String(r.retained).padStart(8)}` +
        ` ${String(r.reactivated).padStart(5)} ${String(r.churned).padStart(7)}    ${pct(r.retentionRate)} ${pct(r.churnRate)}` +
        `  ${pct(r.acquisitionRate)}  ${r.quickRatio === null ? "  n/a" : r.quickRatio.toFixed(2)}  ${r.revenue.toFixed(2)}`,
    );
  }

  // Customers of this wholesaler do not buy every month: count them active for a quarter.
  const window3 = periodActivity(transactions, { period: "month", activeWindow: 3 });
  const last = window3.at(-2)!; // November 2011, the last full month
  console.log(
    `\nWith activeWindow 3, ${last.period}: ${last.active} active, retention ${pct(last.retentionRate)}, churn ${pct(last.churnRate)}`,
  );

  console.log("\nCohort retention, months 0-6 after the first purchase (first four cohorts)");
  for (const mode of ["classic", "rolling"] as const) {
    console.log(`  ${mode}`);
    for (const c of cohortRetention(transactions, { mode }).slice(0, 4)) {
      console.log(
        `  ${c.cohort} (${String(c.size).padStart(3)})  ${c.retention.slice(0, 7).map(pct).join(" ")}`,
      );
    }
  }
  const december = cohortRetention(transactions)[0]!;
  console.log(
    `  revenue retention of the ${december.cohort} cohort: ${december.revenueRetention.slice(0, 7).map(pct).join(" ")}`,
  );
} else {
  console.log(`UCI Online Retail not found at ${file}: skipping part 1`);
}

// ---------------------------------------------------------------------------
// Part 2: the balanced scorecard on the sample
const sample = generateSampleData({ customers: 400, months: 24, seed: 42 });
const transactions: Transaction[] = sample.transactions;

// Set-based and count-based retention for 2024 against 2023.
const buyersIn = (year: string) =>
  new Set(
    transactions.filter((t) => t.amount > 0 && String(t.date).startsWith(year)).map((t) => t.customerId),
  );
const start = buyersIn("2023");
const end = buyersIn("2024");
const acquired = [...end].filter(
  (id) => !transactions.some((t) => t.customerId === id && String(t.date) < "2024"),
);
console.log(
  `\nSample: ${start.size} customers bought in 2023, ${end.size} in 2024, ${acquired.length} of them new`,
);
console.log(`  retentionRate({ start, end })            = ${pct(retentionRate({ start, end }))}`);
console.log(
  `  retentionRateFromCounts (E - N) / S     = ${pct(retentionRateFromCounts({ start: start.size, end: end.size, acquired: acquired.length }))}`,
);

const cost = allocateCostToServe(sample.activities, sample.activityUsage);
const [topId, topCost] = Object.entries(cost).sort((a, b) => b[1] - a[1])[0]!;
console.log(`  cost to serve: highest is ${topId} with ${topCost.toFixed(2)}`);
console.log(`  on-time delivery rate (last 12 months)  = ${pct(onTimeDeliveryRate(sample.deliveries))}`);

const card = customerScorecard(
  {
    transactions,
    market: sample.market,
    survey: sample.survey.after,
    deliveries: sample.deliveries,
    costToServe: { activities: sample.activities, usage: sample.activityUsage },
  },
  { period: "year", at: sample.asOf },
);
console.log(`\nCustomer scorecard ${card.period}`);
console.log(
  `  market share           ${pct(card.marketShare)}   relative ${card.relativeMarketShare?.toFixed(2)}`,
);
console.log(`  retention / churn      ${pct(card.retentionRate)} / ${pct(card.churnRate)}`);
console.log(`  acquisition            ${pct(card.acquisitionRate)}`);
console.log(
  `  satisfaction (1-10)    plain ${card.satisfaction?.unweighted?.toFixed(2)}, value-weighted ${card.satisfaction?.weighted?.toFixed(2)}`,
);
console.log(`  on-time delivery       ${pct(card.onTimeDeliveryRate)}`);
console.log(
  `  profitability          ${pct(card.profitability)} after cost to serve ${card.costToServe.toFixed(2)}`,
);
