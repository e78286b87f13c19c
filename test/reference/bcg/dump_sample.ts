/**
 * Writes the library's deterministic sample transactions as CSV (to stdout), the input of
 * `customer_portfolio.py`. Run: `npx tsx test/reference/bcg/dump_sample.ts > /tmp/sample.csv`.
 */
import { generateSampleData } from "customer-value";

const sample = generateSampleData();
const lines = ["customerId,date,amount"];
for (const t of sample.transactions) lines.push(`${t.customerId},${t.date},${t.amount}`);
process.stdout.write(`${lines.join("\n")}\n`);
