import type { SampleData } from "customer-value";
import { formatMoney, formatTable } from "./format.js";

/** The demo's opening section: what the sample holds. */
export function summarySection(sample: SampleData): string {
  const purchases = sample.transactions.filter((t) => t.amount > 0);
  const returns = sample.transactions.filter((t) => t.amount < 0);
  const buyers = new Set(purchases.map((t) => t.customerId));
  const revenue = sample.transactions.reduce((s, t) => s + t.amount, 0);
  const rows: [string, string][] = [
    ["history", `${sample.start.slice(0, 10)} to ${sample.asOf.slice(0, 10)}`],
    [
      "customers",
      `${sample.customers.length} (${buyers.size} bought, ${sample.customers.length - buyers.size} prospects)`,
    ],
    [
      "transactions",
      `${sample.transactions.length} (${purchases.length} purchases, ${returns.length} returns)`,
    ],
    ["revenue", formatMoney(revenue)],
    [
      "survey",
      `${sample.survey.before.length} + ${sample.survey.after.length} responses in two waves, ` +
        `${sample.survey.indicators.length} indicators on a ${sample.survey.scale[0]}-${sample.survey.scale[1]} scale`,
    ],
    ["products", `${sample.products.length} with market data`],
  ];
  return formatTable(["", ""], rows, { header: false });
}
