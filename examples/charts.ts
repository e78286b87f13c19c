/**
 * Charts: every analysis of the sample data as a Vega-Lite spec, rendered to SVG.
 *
 *   npx tsx examples/charts.ts                 # prints each chart's title and SVG size
 *   npx tsx examples/charts.ts --out docs/img  # also writes <name>.svg (add --specs for <name>.vl.json)
 *   npx tsx examples/charts.ts --locale zh     # Chinese titles and labels (files <name>.zh.svg)
 *   npx tsx examples/charts.ts --only bcg,lifecycle  # some of the charts
 *
 * Rendering needs the optional peer dependencies: `npm install vega vega-lite`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  abcClassify,
  classifyLifecycles,
  cohortRetention,
  customerPortfolio,
  generateSampleData,
  lorenzCurve,
  paretoSplit,
  periodActivity,
  valueWeightedSatisfaction,
  whaleCurve,
  bcgPlacement,
} from "customer-value";
import {
  activityChart,
  bcgChart,
  type ChartLocale,
  cohortHeatmap,
  lifecycleChart,
  lorenzChart,
  paretoChart,
  satisfactionChart,
  type VegaLiteSpec,
  whaleChart,
} from "customer-value/charts";
import { renderSvg } from "customer-value/render";

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const out = argument("out");
const locale = (argument("locale") ?? "en") as ChartLocale;
const suffix = locale === "en" ? "" : `.${locale}`;
const only = argument("only")?.split(",");
const specs = process.argv.includes("--specs");

// 1. The sample data, and one value per customer: net revenue and profit.
const sample = generateSampleData();
const perCustomer = new Map<string, { customerId: string; revenue: number; profit: number }>();
for (const t of sample.transactions) {
  const row = perCustomer.get(t.customerId) ?? { customerId: t.customerId, revenue: 0, profit: 0 };
  row.revenue += t.amount;
  row.profit += t.profit;
  perCustomer.set(t.customerId, row);
}
// Net returns can push a customer below zero; Pareto analysis needs values >= 0.
const customers = [...perCustomer.values()].map((c) => ({ ...c, revenue: Math.max(0, c.revenue) }));
const revenue = new Map(customers.map((c) => [c.customerId, c.revenue]));

// 2. The analyses, then one chart each.
const charts: Record<string, VegaLiteSpec> = {
  pareto: paretoChart(paretoSplit(customers, { value: "revenue" }), { value: "revenue", locale }),
  abc: paretoChart(abcClassify(customers, { value: "revenue" }), {
    locale,
    title: locale === "zh" ? "ABC 分类" : "ABC classes",
  }),
  lorenz: lorenzChart(lorenzCurve(customers.map((c) => c.revenue)), { locale }),
  whale: whaleChart(whaleCurve(customers, { profit: "profit" }), { locale }),
  bcg: bcgChart(bcgPlacement(sample.products.map((p) => ({ ...p, size: p.share * 100 }))), { locale }),
  customerPortfolio: bcgChart(customerPortfolio(sample.transactions, { asOf: sample.asOf }), {
    locale,
    title: locale === "zh" ? "客户组合（BCG 矩阵）" : "Customer portfolio (BCG matrix)",
  }),
  cohorts: cohortHeatmap(cohortRetention(sample.transactions, { period: "quarter" }), { locale }),
  activity: activityChart(periodActivity(sample.transactions, { period: "month" }), { locale }),
  lifecycle: lifecycleChart(
    classifyLifecycles(sample.customers, sample.transactions, { asOf: sample.asOf }),
    {
      locale,
    },
  ),
  satisfaction: satisfactionChart(
    valueWeightedSatisfaction(sample.survey.after, (id) => revenue.get(id) ?? 0, { missingValue: "skip" }),
    { locale, scale: [0, 10] },
  ),
};

// 3. Render each to SVG (and write it, with its spec, when --out is given).
if (out !== undefined) mkdirSync(out, { recursive: true });
for (const [name, spec] of Object.entries(charts)) {
  if (only !== undefined && !only.includes(name)) continue;
  const svg = await renderSvg(spec, { strict: true });
  console.log(`${name}: ${JSON.stringify(spec.title)} — ${svg.length} bytes of SVG`);
  if (out !== undefined) {
    writeFileSync(join(out, `${name}${suffix}.svg`), `${svg}\n`);
    if (specs) writeFileSync(join(out, `${name}${suffix}.vl.json`), `${JSON.stringify(spec, null, 2)}\n`);
  }
}
