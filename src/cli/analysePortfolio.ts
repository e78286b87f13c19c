/**
 * The customer portfolio (BCG) of the report, on windows that fit the data: with a year of
 * history, two back-to-back 12-month windows would leave the earlier one nearly empty and
 * nearly every customer "without earlier revenue". The window is half the history, in
 * whole months, at most 12; the customers the matrix cannot place are counted.
 */
import { bcgChart, type ChartLocale, type VegaLiteSpec } from "../charts/index.js";
import { type CustomerPlacement, customerPortfolio, portfolioSummary, type Transaction } from "../index.js";
import { addDuration, MS_PER_DAY, subDuration, toTime } from "../internal/dates.js";
import type { PortfolioResults } from "./results.js";
import { EmptySection } from "./sections.js";

/** Whole calendar months from `a` to `b` (UTC), as date-fns `differenceInMonths` counts them. */
export function wholeMonthsBetween(a: number, b: number): number {
  const from = new Date(a);
  const to = new Date(b);
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();
  const restFrom = a - Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1);
  const restTo = b - Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), 1);
  if (restTo < restFrom) months--;
  return Math.max(0, months);
}

/**
 * The portfolio's window: half the history, from 1 to 12 months. The history runs from the
 * start of the first purchase's day to the end of `asOf`, in calendar months with a part
 * month counted whole (1 December 2010 to 9 December 2011 is 13 months: windows of 6).
 */
export function portfolioWindowMonths(firstPurchase: number, asOf: number): number {
  const from = Math.floor(firstPurchase / MS_PER_DAY) * MS_PER_DAY;
  const to = asOf + 1;
  const whole = wholeMonthsBetween(from, to);
  const months = addDuration(from, { months: whole }) < to ? whole + 1 : whole;
  return Math.min(12, Math.max(1, Math.floor(months / 2)));
}

/** Counts of the customers the matrix places and those it cannot. */
export interface PortfolioCounts {
  /** Customers with a purchase up to `asOf`. */
  readonly customers: number;
  /** Customers with a purchase in either window: the portfolio. */
  readonly inWindows: number;
  /** Bought in both windows: placed with a finite growth rate and drawn. */
  readonly drawn: number;
  /** Bought in the last window only (new, or back after a gap): growth from nothing has no value; not drawn. */
  readonly noEarlierRevenue: number;
  /** Bought in the earlier window only: relative size 0, which a log scale cannot show; not drawn. */
  readonly noLastRevenue: number;
  /** Bought only before the earlier window: outside the portfolio. */
  readonly beforeWindows: number;
}

/**
 * The portfolio section: placements, counts, quadrant summary and the chart.
 *
 * @throws {EmptySection} `noPurchasesInWindows` when nobody bought in either window
 */
export function analysePortfolio(
  transactions: readonly Transaction[],
  asOf: number,
  locale: ChartLocale,
): { results: PortfolioResults; chart: VegaLiteSpec } {
  let firstPurchase = Number.POSITIVE_INFINITY;
  const buyers = new Set<string>();
  for (const t of transactions) {
    if (t.amount <= 0) continue;
    buyers.add(t.customerId);
    firstPurchase = Math.min(firstPurchase, toTime(t.date, "transactions.date", "INVALID_RECORD"));
  }
  const months = portfolioWindowMonths(firstPurchase, asOf);
  const window = { months };
  const split = subDuration(asOf, window);
  const start = subDuration(split, window);
  const windows = {
    months,
    earlier: { from: new Date(start).toISOString(), to: new Date(split).toISOString() },
    last: { from: new Date(split).toISOString(), to: new Date(asOf).toISOString() },
  };
  const portfolio: CustomerPlacement[] = customerPortfolio(transactions, { asOf: new Date(asOf), window });
  if (portfolio.length === 0) {
    throw new EmptySection("noPurchasesInWindows", {
      months,
      from: windows.earlier.from,
      to: windows.last.to,
    });
  }
  const noEarlier = portfolio.filter((p) => p.noEarlierRevenue).length;
  const noLast = portfolio.filter((p) => p.lastRevenue === 0).length;
  const counts: PortfolioCounts = {
    customers: buyers.size,
    inWindows: portfolio.length,
    drawn: portfolio.length - noEarlier - noLast,
    noEarlierRevenue: noEarlier,
    noLastRevenue: noLast,
    beforeWindows: buyers.size - portfolio.length,
  };
  let maxGrowth = 0;
  for (const p of portfolio) if (p.growth !== null) maxGrowth = Math.max(maxGrowth, p.growth);
  const growthScale: "linear" | "symlog" = maxGrowth > 3 ? "symlog" : "linear";
  const chart = bcgChart(portfolio, { locale, growthScale, labels: false });
  return {
    results: { windows, counts, growthScale, summary: portfolioSummary(portfolio), customers: portfolio },
    chart,
  };
}
