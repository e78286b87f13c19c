/**
 * Quick start: validate a small transaction log and look at it by calendar period.
 * Runs unchanged in Node (`npx tsx examples/quickstart.ts`) and Deno
 * (`deno run examples/quickstart.ts` with the package installed).
 */
import { CustomerValueError, generateSampleData, periodKey, validateTransactions } from "customer-value";

// 1. Untrusted input is validated once, with every problem reported at once.
try {
  validateTransactions([
    { customerId: "C1", date: "2011-03-04", amount: 12.5 },
    { customerId: "C2", date: "2011-02-30", amount: 8 },
    { customerId: "", date: "2011-03-05", amount: "12,5" },
  ]);
} catch (error) {
  if (!(error instanceof CustomerValueError)) throw error;
  console.log(`${error.code}:`);
  for (const issue of error.issues) console.log(`  ${issue.path}: ${issue.message}`);
}

// 2. Dates without a zone are UTC; calendar periods can be cut in any IANA zone.
const late = new Date("2011-01-01T00:30:00+08:00");
console.log(
  `month in UTC: ${periodKey(late, "month")}, in Shanghai: ${periodKey(late, "month", { timeZone: "Asia/Shanghai" })}`,
);

// 3. The built-in sample data: deterministic, realistic, heavy-tailed.
const sample = generateSampleData({ customers: 100, months: 12, seed: 1 });
const revenue = new Map<string, number>();
for (const t of sample.transactions) revenue.set(t.customerId, (revenue.get(t.customerId) ?? 0) + t.amount);
const top = [...revenue].sort((a, b) => b[1] - a[1]).slice(0, 3);
console.log(`sample: ${sample.transactions.length} transactions; top customers:`);
for (const [id, value] of top) console.log(`  ${id}  ${value.toFixed(2)}`);
