import {
  compositeValueScore,
  customerClasses,
  lifetimeValue,
  rfmScores,
  rfmSummary,
  type SampleData,
} from "customer-value";
import { formatMoney, formatPercent, formatTable } from "./format.js";

/** The demo's value section: RFM summary and segments, lifetime value, a composite score, customer classes. */
export function valueSection(sample: SampleData): string {
  const asOf = sample.asOf;
  const purchases = sample.transactions.filter((t) => t.amount > 0);
  const summary = rfmSummary(purchases, { observationEnd: asOf, unit: "week" });
  if (summary.length === 0) return "  no purchases in the sample";
  const repeaters = summary.filter((r) => r.frequency > 0);
  const meanOf = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);

  const scores = rfmScores(sample.transactions, { asOf });
  const segments = new Map<string, { customers: number; monetary: number }>();
  for (const r of scores) {
    const name = r.segment ?? "none";
    const s = segments.get(name) ?? { customers: 0, monetary: 0 };
    s.customers++;
    s.monetary += r.monetary;
    segments.set(name, s);
  }
  const segmentRows = [...segments]
    .sort((a, b) => b[1].monetary - a[1].monetary)
    .map(([name, s]) => [
      name,
      s.customers,
      formatPercent(s.customers / scores.length),
      formatMoney(s.monetary),
    ]);

  const classes = customerClasses(sample.customers, sample.transactions, { asOf });
  const classCounts = new Map<string, number>();
  for (const r of classes) classCounts.set(r.class, (classCounts.get(r.class) ?? 0) + 1);
  const keyAtRisk = classes.filter((r) => r.class === "key" && r.reasons.includes("at-risk")).length;

  // Composite score: profit and sales over the history, returns as a penalty.
  const perCustomer = new Map<string, { id: string; profit: number; sales: number; returns: number }>();
  for (const t of sample.transactions) {
    const row = perCustomer.get(t.customerId) ?? { id: t.customerId, profit: 0, sales: 0, returns: 0 };
    row.profit += t.profit;
    row.sales += t.amount;
    if (t.amount < 0) row.returns++;
    perCustomer.set(t.customerId, row);
  }
  const top = compositeValueScore([...perCustomer.values()], {
    criteria: [
      { field: "profit", weight: 0.5 },
      { field: "sales", weight: 0.3 },
      { field: "returns", weight: 0.2, direction: "lower" },
    ],
  }).slice(0, 3);

  const clv = { margin: 120, retentionRate: 0.8, discountRate: 0.1 };
  const lines = [
    `  Buy-till-you-die summary (lifetimes conventions, weeks): ${summary.length} buyers,` +
      ` ${repeaters.length} with repeat purchase days; mean frequency ${meanOf(summary.map((r) => r.frequency)).toFixed(1)},` +
      ` mean age T ${meanOf(summary.map((r) => r.T)).toFixed(1)} weeks,` +
      ` mean repeat purchase ${formatMoney(meanOf(repeaters.map((r) => r.monetaryValue)))}.`,
    "",
    "  RFM segments (quintile scores; equal values share a score):",
    formatTable(["segment", "customers", "share", "net sales"], segmentRows),
    "",
    `  Lifetime value of a customer earning ${clv.margin} a year, 80% retention, 10% discount rate:` +
      ` ${formatMoney(lifetimeValue({ ...clv, periods: 5 }))} over 5 years,` +
      ` ${formatMoney(lifetimeValue(clv))} unbounded (m / (1 + d - r)).`,
    `  Composite value score (0.5 profit + 0.3 sales + 0.2 fewest returns, min-max): top ${top
      .map((r) => `${r.id} (${r.score.toFixed(3)})`)
      .join(", ")}.`,
    "",
    `  Customer classes: ${["key", "new", "potential", "at-risk", "regular"]
      .map((c) => `${c} ${classCounts.get(c) ?? 0}`)
      .join(", ")}; ${keyAtRisk} key customers are also at risk.`,
  ];
  return lines.join("\n");
}
