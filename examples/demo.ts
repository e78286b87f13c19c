/**
 * The main demo: a readable report on the built-in sample data.
 * Run it with `npm run demo` (options: `--customers N --months N --seed N`).
 */
import { generateSampleData } from "customer-value";
import { bcgSection } from "./demo/bcg.js";
import { heading } from "./demo/format.js";
import { lifecycleSection } from "./demo/lifecycle.js";
import { modelsSection } from "./demo/models.js";
import { paretoSection } from "./demo/pareto.js";
import { ratesSection } from "./demo/rates.js";
import { satisfactionSection } from "./demo/satisfaction.js";
import { summarySection } from "./demo/summary.js";
import { valueSection } from "./demo/value.js";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number >= 1`);
  return value;
}

const sample = generateSampleData({
  customers: option("customers", 400),
  months: option("months", 24),
  seed: option("seed", 42),
});

const sections: [string, (s: typeof sample) => string][] = [
  ["The sample data", summarySection],
  ["Which customers carry the business (Pareto, ABC, Gini)", paretoSection],
  ["Are the customers who matter satisfied (value-weighted satisfaction)", satisfactionSection],
  ["Products and customers on the BCG growth-share matrix", bcgSection],
  ["Keeping and winning customers (retention, churn, acquisition)", ratesSection],
  ["Where each relationship stands (the seven-stage lifecycle)", lifecycleSection],
  ["Customer value (RFM, lifetime value, classes)", valueSection],
  ["Buy-till-you-die models (BG/NBD, Gamma-Gamma, model lifetime value)", modelsSection],
];

console.log(`customer-value demo — sample of ${sample.customers.length} customers, as of ${sample.asOf}`);
for (const [title, section] of sections) {
  const body = section(sample);
  if (body.trim() !== "") console.log(`${heading(title)}${body}`);
}
