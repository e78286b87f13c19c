import { bcgPlacement, customerPortfolio, portfolioSummary, type SampleData } from "customer-value";
import { formatMoney, formatPercent, formatTable } from "./format.js";

const LABEL = { star: "star", cashCow: "cash cow", questionMark: "question mark", dog: "dog" } as const;

/** The demo's bcg section: products and customers on the growth-share matrix, and the portfolio balance. */
export function bcgSection(sample: SampleData): string {
  // Products: market data from the sample, bubble size = our revenue by productId.
  const revenue = new Map<string, number>();
  for (const t of sample.transactions) revenue.set(t.productId, (revenue.get(t.productId) ?? 0) + t.amount);
  const names = new Map(sample.products.map((p) => [p.id, p.name]));
  const products = bcgPlacement(
    sample.products.map((p) => ({
      id: p.id,
      share: p.share,
      largestCompetitorShare: p.largestCompetitorShare,
      growth: p.growth,
      size: Math.max(0, revenue.get(p.id) ?? 0),
    })),
  );
  const productRows = products.map((p) => [
    `${p.id} ${names.get(p.id) ?? ""}`,
    p.relativeShare.toFixed(2),
    formatPercent(p.growth, 0),
    LABEL[p.quadrant],
    p.strategy,
  ]);
  const productFunding = portfolioSummary(products).funding;

  // Customers: the last 12 months against the 12 before, size relative to the mean customer.
  const customers = customerPortfolio(sample.transactions, { asOf: sample.asOf });
  const summary = portfolioSummary(customers);
  const quadrantRows = (["star", "cashCow", "questionMark", "dog"] as const).map((q) => {
    const s = summary.quadrants[q];
    return [LABEL[q], s.count, formatMoney(s.totalSize), formatPercent(s.sizeShare)];
  });
  const fresh = customers.filter((c) => c.noEarlierRevenue).length;
  const { funding } = summary;

  return [
    formatTable(["product", "rel. share", "growth", "quadrant", "strategy"], productRows),
    `  Cash cows ${productFunding.sources.join(", ") || "(none)"} fund question marks ` +
      `${productFunding.targets.join(", ") || "(none)"}.`,
    "",
    "  Customers: growth of the last 12 months over the 12 before, size relative to the mean customer.",
    `  ${summary.count} placed; ${fresh} bought nothing in the earlier window (growth null, counted as high).`,
    formatTable(["quadrant", "customers", "revenue", "share"], quadrantRows),
    `  ${funding.sources.length} cash-cow customers (${formatMoney(funding.sourceSize)}) against ` +
      `${funding.targets.length} question marks (${formatMoney(funding.targetSize)}): coverage ` +
      `${funding.coverage === null ? "n/a" : funding.coverage.toFixed(2)}, ${funding.balance}.`,
  ].join("\n");
}
