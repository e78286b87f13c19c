import {
  abcClassify,
  concentrationSummary,
  keyCustomers,
  lorenzCurve,
  type SampleData,
  whaleCurve,
} from "customer-value";
import { formatMoney, formatPercent, formatTable } from "./format.js";

/** The demo's pareto section: concentration of sales, ABC classes, whale curve, key customers. */
export function paretoSection(sample: SampleData): string {
  // One row per customer with a transaction: net sales and profit over the history.
  const totals = new Map<string, { customerId: string; sales: number; profit: number }>();
  for (const t of sample.transactions) {
    const row = totals.get(t.customerId) ?? { customerId: t.customerId, sales: 0, profit: 0 };
    row.sales += t.amount;
    row.profit += t.profit;
    totals.set(t.customerId, row);
  }
  const customers = [...totals.values()];
  const buyers = customers.filter((c) => c.sales > 0);
  if (buyers.length === 0) return "  no customer with positive sales";

  const summary = concentrationSummary(buyers, { value: "sales" });
  const abc = abcClassify(buyers, { value: "sales" });
  const lorenz = lorenzCurve(buyers.map((c) => c.sales));
  const whale = whaleCurve(customers, { profit: "profit" });
  const key = keyCustomers(customers, { sales: "sales", profit: "profit" });

  const classSales = { A: 0, B: 0, C: 0 };
  for (const x of abc.items) classSales[x.class] += x.value;
  const classRows = (["A", "B", "C"] as const).map((c) => [
    c,
    abc.counts[c],
    formatPercent(abc.counts[c] / buyers.length),
    formatMoney(classSales[c]),
    formatPercent(classSales[c] / summary.totalValue),
  ]);
  const atHalf = lorenz[Math.floor(buyers.length / 2)]!;
  const lines = [
    `  ${summary.text.en}`,
    `  ${summary.text.zh}`,
    "",
    formatTable(["class", "customers", "share", "sales", "share of sales"], classRows),
    "",
    `  Lorenz: the smaller half of the buyers bring ${formatPercent(atHalf.valueShare)} of sales.`,
    `  Whale curve: the ${whale.peak.customerCount} most profitable customers (${formatPercent(whale.peak.customerShare)})` +
      ` earn ${formatPercent(whale.peak.profitShare)} of total profit ${formatMoney(whale.totalProfit)};` +
      ` the other ${whale.customerCount - whale.peak.customerCount} give back ${formatMoney(whale.peak.profit - whale.totalProfit)}.`,
    `  Key customers (top 20% by sales and by profit): ${key.keyCount} of ${key.customerCount}` +
      ` (each head holds ${key.headCount}).`,
  ];
  return lines.join("\n");
}
