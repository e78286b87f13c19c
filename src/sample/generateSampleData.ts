import { utc } from "@date-fns/utc";
import { getDaysInMonth } from "date-fns/getDaysInMonth";
import type { Customer } from "../records/Customer.js";
import {
  DAY,
  type GenerateSampleDataOptions,
  PRODUCT_MIX_END,
  PRODUCT_MIX_START,
  PRODUCTS,
  REGIONS,
  round2,
  type SampleData,
  type Sampler,
  type SampleTransaction,
  sampler,
} from "./sampler.js";
import { addNotices, makeOperations, makeSurvey } from "./surveyAndOperations.js";

export type {
  GenerateSampleDataOptions,
  SampleData,
  SampleDelivery,
  SampleProduct,
  SampleTransaction,
} from "./sampler.js";

/**
 * A deterministic generator of realistic customer data: the built-in sample of the
 * demo, the examples and the benchmarks.
 *
 * What it builds, so that every analysis has something to find:
 * - heavy-tailed customer values (log-normal spend rates), so the 80/20 pattern appears;
 *   a few small, demanding customers lose money, so the whale curve peaks above 100%;
 * - seasonality (a fourth-quarter peak), new customers every month, churn, and win-backs
 *   after gaps of seven months or more; prospects who never buy;
 * - returns (negative amounts), profit and quantity on every row, a product per row;
 * - a few termination notices, one withdrawn; growing, stable and declining customers;
 * - two survey waves on a 1–10 scale over four indicators in which the valuable
 *   customers grow less satisfied while the plain average rises (a satisfaction trap);
 * - deliveries, activity costs and market totals for the scorecard, and product market data for BCG.
 *
 * The same options give byte-identical output on every platform and in every time zone.
 *
 * @param options - size, seed and start of the sample
 * @returns the sample data set
 * @throws {CustomerValueError} `INVALID_OPTION` for a size that is not a whole number >= 1
 * @example
 * const sample = generateSampleData({ customers: 50, months: 12, seed: 7 });
 * sample.customers.length; // => 50
 */
export function generateSampleData(options: GenerateSampleDataOptions = {}): SampleData {
  const g = sampler(options);
  const { customers, transactions, spendOf } = makeCustomers(g);
  transactions.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.invoiceId < b.invoiceId ? -1 : 1,
  );
  addNotices(g, customers, spendOf);
  const survey = makeSurvey(g, spendOf);
  const operations = makeOperations(g, transactions, customers);
  return {
    start: g.iso(g.startTime),
    asOf: g.iso(g.endTime),
    customers,
    transactions,
    survey,
    products: PRODUCTS.map((p) => ({ ...p })),
    ...operations,
  };
}

/** How one buying customer buys. */
interface Profile {
  readonly id: string;
  readonly spend: number;
  readonly joinMonth: number;
  readonly demanding: boolean;
  readonly buyProbability: number;
  readonly margin: number;
  readonly trend: number;
}

/** Every customer, with the buyers' transactions and their spend rates. */
function makeCustomers(g: Sampler) {
  const customers: Customer[] = [];
  const transactions: SampleTransaction[] = [];
  const spendOf = new Map<string, number>();
  const idWidth = Math.max(4, String(g.customerCount).length);
  const invoices = { count: 0 };
  for (let c = 0; c < g.customerCount; c++) {
    const id = `C${String(c + 1).padStart(idWidth, "0")}`;
    const region = REGIONS[Math.floor(g.random() * REGIONS.length)]!;
    const spend = Math.exp(4 + 1.15 * g.normal()); // log-normal monthly spend rate: heavy tail
    const segment = spend > 200 ? "enterprise" : spend > 60 ? "smb" : "consumer";
    const prospect = g.random() < 0.08;
    // 30% are customers when the history starts; the rest join month by month.
    const joinMonth = g.random() < 0.3 ? 0 : 1 + Math.floor(g.random() * Math.max(1, g.months - 1));
    const firstContact = g.monthStart(Math.max(0, joinMonth - 1)) + Math.floor(g.random() * 28) * DAY;
    const customer: Record<string, unknown> = {
      id,
      name: `Customer ${c + 1}`,
      region,
      segment,
      firstContactAt: g.iso(firstContact),
    };
    customers.push(customer as Customer);
    if (prospect) {
      customer.satisfaction = Math.round(5 + 2 * g.random());
      continue;
    }
    const value = buyingHistory(g, profileOf(g, id, spend, joinMonth), transactions, invoices);
    if (value === 0) continue; // joined too late to buy: a prospect after all
    spendOf.set(id, spend);
    customer.value = round2(value);
    customer.satisfaction = Math.min(10, Math.max(1, Math.round(7 + 1.5 * g.normal())));
  }
  return { customers, transactions, spendOf };
}

/**
 * Buying rhythm: valuable customers buy more often; a few small ones order very often in
 * tiny amounts and cost more to serve than they bring (the whale curve's tail).
 */
function profileOf(g: Sampler, id: string, spend: number, joinMonth: number): Profile {
  const demanding = spend < 30 && g.random() < 0.25;
  const buyProbability = demanding
    ? 0.85
    : Math.min(0.9, 0.25 + 0.12 * Math.log1p(spend / 20) + 0.2 * g.random());
  const margin = demanding ? 0.18 : 0.25 + 0.2 * g.random();
  const trend = g.random() < 0.2 ? 0.04 : g.random() < 0.25 ? -0.05 : 0; // growing, declining or steady
  return { id, spend, joinMonth, demanding, buyProbability, margin, trend };
}

/** A customer's months from joining: churn, win-backs, orders; returns the total amount. */
function buyingHistory(
  g: Sampler,
  profile: Profile,
  out: SampleTransaction[],
  invoices: { count: number },
): number {
  const { joinMonth } = profile;
  let active = true;
  let returnMonth = -1;
  let value = 0;
  for (let m = joinMonth; m < g.months; m++) {
    if (!active && m !== returnMonth) continue;
    active = true;
    if (m > joinMonth && g.random() < 0.025) {
      active = false; // churn; a quarter come back after a gap of 7 to 12 months
      if (g.random() < 0.25) returnMonth = m + 7 + Math.floor(g.random() * 6);
      continue;
    }
    const monthDate = new Date(g.monthStart(m));
    const seasonal = monthDate.getUTCMonth() >= 9 ? 1.35 : monthDate.getUTCMonth() < 2 ? 0.85 : 1;
    if (m !== joinMonth && g.random() > Math.min(0.97, profile.buyProbability * seasonal)) continue;
    value += monthOrders(g, { profile, m, seasonal, monthDate }, out, invoices);
  }
  return value;
}

/** The orders of one month (and any partial return of them); returns their total amount. */
function monthOrders(
  g: Sampler,
  month: { profile: Profile; m: number; seasonal: number; monthDate: Date },
  out: SampleTransaction[],
  invoices: { count: number },
): number {
  const { profile, m, seasonal, monthDate } = month;
  const { demanding, spend, margin } = profile;
  const level = Math.max(0.05, 1 + profile.trend * (m - profile.joinMonth));
  const orders = demanding ? 2 + Math.floor(g.random() * 3) : 1 + (g.random() < 0.25 ? 1 : 0);
  const days = getDaysInMonth(monthDate, { in: utc });
  const t0 = g.monthStart(m);
  let value = 0;
  for (let o = 0; o < orders; o++) {
    const at =
      t0 +
      Math.floor(g.random() * days) * DAY +
      Math.floor(8 + g.random() * 12) * 3_600_000 +
      Math.floor(g.random() * 60) * 60_000;
    const amount = round2(
      demanding ? 8 + 15 * g.random() : (spend * level * seasonal * (0.6 + 0.8 * g.random())) / orders + 5,
    );
    const quantity = 1 + Math.floor(g.random() * (demanding ? 2 : 8));
    const productId = pickProduct(g, m / Math.max(1, g.months - 1));
    const invoiceId = `INV${String(++invoices.count).padStart(7, "0")}`;
    const customerId = profile.id;
    const profit = round2(amount * margin - (demanding ? 9 : 6));
    out.push({ customerId, date: g.iso(at), amount, profit, quantity, productId, invoiceId });
    value += amount;
    if (g.random() >= 0.03) continue;
    // A partial return some days later (if it still falls within the history).
    const back = at + (2 + Math.floor(g.random() * 10)) * DAY;
    if (back > g.endTime) continue;
    const refund = round2(-amount * (0.3 + 0.7 * g.random()));
    const refundProfit = round2(refund * margin);
    out.push({
      customerId,
      date: g.iso(back),
      amount: refund,
      profit: refundProfit,
      quantity: -1,
      productId,
      invoiceId: `C${invoiceId}`,
    });
    value += refund;
  }
  return value;
}

/** A product by the mix of the moment (`mix` from 0 at the start to 1 at the end). */
function pickProduct(g: Sampler, mix: number): string {
  let u = g.random();
  let p = 0;
  for (; p < PRODUCTS.length - 1; p++) {
    u -= PRODUCT_MIX_START[p]! * (1 - mix) + PRODUCT_MIX_END[p]! * mix;
    if (u < 0) break;
  }
  return PRODUCTS[p]!.id;
}
