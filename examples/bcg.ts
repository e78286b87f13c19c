/**
 * Products and customers on the BCG growth-share matrix, on the built-in sample.
 *
 *   npx tsx examples/bcg.ts
 *
 * Products carry their market data (our share, the largest competitor's share, market
 * growth); their bubble size is our revenue in the last twelve months, summed from the
 * transaction log by `productId`. Customers are placed by `customerPortfolio`: growth of
 * the business with each customer (last 12 months vs the 12 before) against its size
 * relative to the average customer.
 */
import {
  bcgPlacement,
  customerPortfolio,
  generateSampleData,
  marketShare,
  portfolioSummary,
  relativeMarketShare,
} from "customer-value";
import { UTCDate } from "@date-fns/utc";
import { subMonths } from "date-fns";

const sample = generateSampleData({ customers: 400, months: 24, seed: 42 });
const asOf = Date.parse(sample.asOf);
const yearAgo = subMonths(new UTCDate(asOf), 12).getTime(); // the last window is (yearAgo, asOf]

// 1. Our place in the whole market (last twelve months).
let sales = 0;
const productRevenue = new Map<string, number>();
for (const t of sample.transactions) {
  const time = Date.parse(t.date);
  if (time <= yearAgo || time > asOf) continue;
  sales += t.amount;
  productRevenue.set(t.productId, (productRevenue.get(t.productId) ?? 0) + t.amount);
}
const share = marketShare(sales, sample.market.sales);
console.log(`market share: ${((share ?? 0) * 100).toFixed(1)}% of ${sample.market.sales.toFixed(0)}`);
console.log(
  `relative market share against the largest competitor: ${relativeMarketShare(sales, sample.market.largestCompetitorSales).toFixed(2)}`,
);

// 2. Products: share given as share / largestCompetitorShare, size = revenue.
const products = bcgPlacement(
  sample.products.map((p) => ({
    id: p.id,
    share: p.share,
    largestCompetitorShare: p.largestCompetitorShare,
    growth: p.growth,
    size: Math.max(0, productRevenue.get(p.id) ?? 0),
  })),
);
const names = new Map(sample.products.map((p) => [p.id, p.name]));
console.log("\nproducts:");
for (const p of products) {
  console.log(
    `  ${p.id} ${names.get(p.id)!.padEnd(20)} relative share ${p.relativeShare.toFixed(2).padStart(5)}` +
      `  growth ${(p.growth * 100).toFixed(0).padStart(4)}%  ${p.quadrant.padEnd(12)} ${p.strategy}`,
  );
}
const productBalance = portfolioSummary(products);
console.log(
  `  cash cows ${productBalance.funding.sources.join(", ")} can fund question marks ` +
    `${productBalance.funding.targets.join(", ")} (balance: ${productBalance.funding.balance})`,
);

// 3. Customers: last 12 months vs the 12 before, size relative to the mean customer.
const customers = customerPortfolio(sample.transactions, { asOf: sample.asOf });
const summary = portfolioSummary(customers);
console.log(`\ncustomers placed: ${summary.count} (reference: the mean customer of the last 12 months)`);
for (const q of ["star", "cashCow", "questionMark", "dog"] as const) {
  const s = summary.quadrants[q];
  console.log(
    `  ${q.padEnd(12)} ${String(s.count).padStart(4)} customers  ${((s.sizeShare ?? 0) * 100).toFixed(1).padStart(5)}% of revenue`,
  );
}
const fresh = customers.filter((c) => c.noEarlierRevenue);
console.log(`  ${fresh.length} bought nothing in the earlier window: growth null, placed as high growth`);
console.log(`  top three stars: ${summary.quadrants.star.ids.slice(0, 3).join(", ")}`);
console.log(
  `  funding: ${summary.funding.sources.length} cash cows (${summary.funding.sourceSize.toFixed(0)}) for ` +
    `${summary.funding.targets.length} question marks (${summary.funding.targetSize.toFixed(0)}), ` +
    `coverage ${summary.funding.coverage?.toFixed(2) ?? "n/a"}: ${summary.funding.balance}`,
);
