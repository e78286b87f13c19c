import { marketShare } from "../bcg/marketShare.js";
import { relativeMarketShare } from "../bcg/relativeMarketShare.js";
import { readTransactions, type TransactionColumns } from "../engine/columns.js";
import { IdDictionary } from "../engine/ids.js";
import { extent, periodIndexer } from "../engine/periods.js";
import { CompensatedSum, CompensatedSums, finiteSum } from "../engine/sum.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertFinite, assertOptions } from "../internal/assert.js";
import {
  assertPeriod,
  assertTimeZone,
  type DateInput,
  describeValue,
  type Period,
  parseDateInput,
  toTime,
} from "../internal/dates.js";
import type { SurveyResponse } from "../records/SurveyResponse.js";
import type { CustomerValues } from "../satisfaction/readSurvey.js";
import {
  type ValueWeightedSatisfactionOptions,
  valueWeightedSatisfaction,
} from "../satisfaction/valueWeightedSatisfaction.js";
import type { TransactionInput } from "../table/TransactionTable.js";
import { type ActivityCost, type ActivityUsage, allocateCostToServe } from "./allocateCostToServe.js";
import { customerProfitability } from "./customerProfitability.js";
import { type Delivery, onTimeDeliveryRate } from "./onTimeDeliveryRate.js";
import { periodActivity } from "./periodActivity.js";

/** The data a {@link customerScorecard} draws on; only `transactions` is required. */
export interface CustomerScorecardInput {
  /** The transaction log (`profit` on every row of the period enables `profitability`). */
  readonly transactions: TransactionInput;
  /** Market totals of the scorecard's period: all sales in the market (ours included), and the largest competitor's. */
  readonly market?: { readonly sales: number; readonly largestCompetitorSales?: number };
  /** Survey responses of the period, for value-weighted satisfaction. */
  readonly survey?: readonly SurveyResponse[];
  /**
   * Customer values `K_i` for the survey (default: each respondent's net revenue in the
   * period, floored at 0; a respondent without transactions in the period has value 0).
   */
  readonly surveyValues?: CustomerValues;
  /** Deliveries; those promised within the period count. */
  readonly deliveries?: readonly Delivery[];
  /** Cost to serve of the period: a total, or activity pools and usage for `allocateCostToServe`. */
  readonly costToServe?:
    | number
    | { readonly activities: readonly ActivityCost[]; readonly usage: readonly ActivityUsage[] };
}

/** Options of {@link customerScorecard}. */
export interface CustomerScorecardOptions {
  /** Length of the scorecard's period (default `"year"`). */
  readonly period?: Period;
  /** Any date in the scorecard's period (default: the date of the last transaction). */
  readonly at?: DateInput;
  /** IANA time zone in which periods are cut (default UTC). */
  readonly timeZone?: string;
  /** As in `periodActivity`: active = a purchase in this or the `activeWindow - 1` periods before (default 1). */
  readonly activeWindow?: number;
  /** Options passed to `valueWeightedSatisfaction` (default its own defaults). */
  readonly satisfaction?: ValueWeightedSatisfactionOptions;
}

/** The customer perspective of the balanced scorecard for one period. */
export interface CustomerScorecard {
  /** Period key, e.g. `"2024"`, and its bounds (ISO-8601, `end` exclusive). */
  readonly period: string;
  readonly start: string;
  readonly end: string;
  /** Sum of all amounts dated in the period (returns included). */
  readonly revenue: number;
  /** The period's `periodActivity` counts: customers active before, active now, new, retained, reactivated, churned. */
  readonly customers: {
    readonly previousActive: number;
    readonly active: number;
    readonly new: number;
    readonly retained: number;
    readonly reactivated: number;
    readonly churned: number;
  };
  /** `revenue / market.sales` (`marketShare` of the BCG module); `null` without market data. */
  readonly marketShare: number | null;
  /** `marketShare / (largestCompetitorSales / market.sales)`; `null` without the competitor's sales. */
  readonly relativeMarketShare: number | null;
  /** Retained / customers active in the previous period; `null` when there were none. */
  readonly retentionRate: number | null;
  /** Churned / customers active in the previous period; `null` when there were none. */
  readonly churnRate: number | null;
  /** New / customers active in the previous period (may exceed 1); `null` when there were none. */
  readonly acquisitionRate: number | null;
  /** Plain and value-weighted satisfaction index (`valueWeightedSatisfaction`); `null` without a survey. */
  readonly satisfaction: {
    readonly respondents: number;
    readonly unweighted: number | null;
    readonly weighted: number | null;
  } | null;
  /** On-time share of the deliveries promised in the period; `null` without any. */
  readonly onTimeDeliveryRate: number | null;
  /** `revenue - profit` of the period's transactions; `null` when a transaction has no `profit`. */
  readonly costOfGoods: number | null;
  /** Total cost to serve of the period (0 when not given). */
  readonly costToServe: number;
  /** `(revenue - costOfGoods - costToServe) / revenue`; `null` without profit data or with revenue <= 0. */
  readonly profitability: number | null;
}

/**
 * The customer perspective of the balanced scorecard for one calendar period, in one
 * object: market share and relative market share, customer retention, churn and
 * acquisition rates (from `periodActivity`: the base is the customers active in the
 * previous period), value-weighted satisfaction (when a survey is given), the on-time
 * delivery rate (when deliveries are given), and customer profitability
 *
 *     profitability = (revenue - costOfGoods - costToServe) / revenue,  costOfGoods = revenue - profit
 *
 * Each part is computed by the library's own function (`marketShare`,
 * `relativeMarketShare`, `periodActivity`, `valueWeightedSatisfaction`,
 * `onTimeDeliveryRate`, `allocateCostToServe`, `customerProfitability`); a part without its
 * data is `null`. The period is the calendar `period` containing `at`.
 *
 * @param input - `{ transactions, market?, survey?, surveyValues?, deliveries?, costToServe? }`
 * @param options - `period`, `at`, `timeZone`, `activeWindow`, `satisfaction`
 * @returns the {@link CustomerScorecard}
 * @throws {CustomerValueError} `EMPTY_INPUT` without transactions and without `at`;
 *   `INVALID_RECORD` when the period's revenue or profit lies beyond ±1.8e308; the errors
 *   of the functions it calls (bad records, bad options, sales above the market total, …)
 * @example
 * const card = customerScorecard(
 *   {
 *     transactions: [
 *       { customerId: "a", date: "2023-05-01", amount: 100, profit: 40 },
 *       { customerId: "b", date: "2023-06-01", amount: 100, profit: 40 },
 *       { customerId: "a", date: "2024-05-01", amount: 300, profit: 120 },
 *       { customerId: "c", date: "2024-06-01", amount: 100, profit: 40 },
 *     ],
 *     market: { sales: 4000, largestCompetitorSales: 800 },
 *     costToServe: 80,
 *   },
 *   { at: "2024-12-31" },
 * );
 * [card.marketShare, card.relativeMarketShare, card.retentionRate, card.acquisitionRate]; // => [0.1, 0.5, 0.5, 0.5]
 * card.profitability; // => 0.2  (400 - 240 - 80) / 400
 */
export function customerScorecard(
  input: CustomerScorecardInput,
  options: CustomerScorecardOptions = {},
): CustomerScorecard {
  const fn = "customerScorecard";
  assertOptions(options, fn);
  if (typeof input !== "object" || input === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: expected { transactions, ... }, got ${describeValue(input)}`,
    );
  }
  const { period = "year", at, timeZone, activeWindow = 1, satisfaction } = options;
  assertPeriod(period, fn);
  if (timeZone !== undefined) assertTimeZone(timeZone, fn);
  const log = readTransactions(input.transactions, fn, { profit: true });
  const atTime = at === undefined ? lastTime(log, fn) : toTime(at, `${fn}: at`);
  const indexOf = periodIndexer(period, timeZone);
  const inPeriod = (t: number) => indexOf(t) === indexOf(atTime);
  const totals = periodTotals(log, inPeriod, fn);
  const zone = timeZone === undefined ? {} : { timeZone };
  const [row] = periodActivity(input.transactions, {
    period,
    from: new Date(atTime),
    to: new Date(atTime),
    activeWindow,
    ...zone,
  });
  const activity = row!; // from and to in one period: one row
  const costToServe = totalCostToServe(input.costToServe, fn);
  return {
    period: activity.period,
    start: activity.start,
    end: activity.end,
    revenue: totals.revenue,
    customers: {
      previousActive: activity.previousActive,
      active: activity.active,
      new: activity.new,
      retained: activity.retained,
      reactivated: activity.reactivated,
      churned: activity.churned,
    },
    ...marketShares(input.market, totals.revenue, fn),
    retentionRate: activity.retentionRate,
    churnRate: activity.churnRate,
    acquisitionRate: activity.acquisitionRate,
    satisfaction: surveyIndex(input, totals, satisfaction),
    onTimeDeliveryRate:
      input.deliveries === undefined ? null : onTimeDeliveryRate(dueIn(input.deliveries, inPeriod), zone),
    ...profitability(totals, costToServe, fn),
  };
}

/** The time of the latest transaction, which places the period when `at` is not given. */
function lastTime(log: TransactionColumns, fn: string): number {
  if (log.length === 0) {
    throw new CustomerValueError(
      "EMPTY_INPUT",
      `${fn}: no transactions, and no 'at' date to place the period`,
    );
  }
  return extent(log.time)[1];
}

/** The period's revenue, its profit (`null` unless every transaction has one), and each customer's net revenue. */
interface PeriodTotals {
  readonly revenue: number;
  readonly profit: number | null;
  readonly customerIds: readonly string[];
  readonly netRevenue: CompensatedSums;
}

function periodTotals(log: TransactionColumns, inPeriod: (t: number) => boolean, fn: string): PeriodTotals {
  const revenue = new CompensatedSum();
  const profit = new CompensatedSum();
  const byCustomer = new CompensatedSums(log.customerIds.length);
  let profitComplete = true;
  for (let i = 0; i < log.length; i++) {
    if (!inPeriod(log.time[i]!)) continue;
    revenue.add(log.amount[i]!);
    byCustomer.add(log.customer[i]!, log.amount[i]!);
    const x = log.profit?.[i] ?? Number.NaN;
    if (Number.isNaN(x)) profitComplete = false;
    else profit.add(x);
  }
  return {
    revenue: finiteSum(revenue.value, `${fn}: the revenue of the period`),
    profit: profitComplete ? finiteSum(profit.value, `${fn}: the profit of the period`) : null,
    customerIds: log.customerIds,
    netRevenue: byCustomer,
  };
}

/** Market share and relative market share of the period's revenue; `null` without market data. */
function marketShares(
  market: CustomerScorecardInput["market"],
  revenue: number,
  fn: string,
): Pick<CustomerScorecard, "marketShare" | "relativeMarketShare"> {
  if (market === undefined) return { marketShare: null, relativeMarketShare: null };
  if (typeof market !== "object" || market === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: market must be an object { sales, largestCompetitorSales? }, got ${describeValue(market)}`,
    );
  }
  const { sales, largestCompetitorSales } = market;
  const share = marketShare(revenue, sales);
  const relative =
    largestCompetitorSales === undefined || share === null
      ? null
      : relativeMarketShare(share, marketShare(largestCompetitorSales, sales) ?? 0);
  return { marketShare: share, relativeMarketShare: relative };
}

/** The plain and value-weighted satisfaction index of the survey; `null` without one. */
function surveyIndex(
  input: CustomerScorecardInput,
  totals: PeriodTotals,
  options: ValueWeightedSatisfactionOptions | undefined,
): CustomerScorecard["satisfaction"] {
  if (input.survey === undefined) return null;
  // By default a respondent is worth their net revenue in the period, floored at 0.
  const ids = IdDictionary.of(totals.customerIds);
  const netRevenue = (id: string) => (ids.find(id) < 0 ? 0 : totals.netRevenue.value(ids.find(id)));
  const values: CustomerValues = input.surveyValues ?? ((id: string) => Math.max(0, netRevenue(id)));
  const result = valueWeightedSatisfaction(input.survey, values, options ?? {});
  return {
    respondents: result.respondents,
    unweighted: result.index.unweighted,
    weighted: result.index.weighted,
  };
}

/** The deliveries promised in the period; one with a bad date is kept, for `onTimeDeliveryRate` to report. */
function dueIn(deliveries: readonly Delivery[], inPeriod: (t: number) => boolean): readonly Delivery[] {
  return deliveries.filter((d) => {
    const t = parseDateInput(d?.promisedAt);
    return t === undefined || inPeriod(t);
  });
}

/** The period's cost to serve: the given total, or the total that `allocateCostToServe` shares out. */
function totalCostToServe(costToServe: CustomerScorecardInput["costToServe"], fn: string): number {
  let total = 0;
  if (typeof costToServe === "number") {
    assertFinite(costToServe, `${fn}: costToServe`);
    total = costToServe;
  } else if (costToServe !== undefined) {
    if (typeof costToServe !== "object" || costToServe === null) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: costToServe must be a number or { activities, usage }, got ${describeValue(costToServe)}`,
      );
    }
    const shares = allocateCostToServe(costToServe.activities, costToServe.usage);
    const sum = new CompensatedSum();
    for (const id in shares) sum.add(shares[id]!);
    total = sum.value;
  }
  if (total < 0) {
    throw new CustomerValueError("NEGATIVE_VALUE", `${fn}: costToServe must be >= 0, got ${total}`);
  }
  return total;
}

/**
 * `costOfGoods = revenue - profit` and `profitability = (revenue - costOfGoods - costToServe) / revenue`;
 * both `null` without profit on every transaction, profitability also when revenue <= 0.
 */
function profitability(
  totals: PeriodTotals,
  costToServe: number,
  fn: string,
): Pick<CustomerScorecard, "costOfGoods" | "costToServe" | "profitability"> {
  const { revenue, profit } = totals;
  if (profit === null) return { costOfGoods: null, costToServe, profitability: null };
  const costOfGoods = finiteSum(revenue - profit + 0, `${fn}: the cost of goods (revenue - profit)`);
  if (!(revenue > 0)) return { costOfGoods, costToServe, profitability: null };
  if (costOfGoods >= 0) {
    return {
      costOfGoods,
      costToServe,
      profitability: customerProfitability({ revenue, cost: costOfGoods, costToServe }),
    };
  }
  // Profit above revenue (a negative cost of goods) is outside customerProfitability's domain.
  const margin = (revenue - costOfGoods - costToServe) / revenue + 0;
  if (!Number.isFinite(margin)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: profitability must be a finite number, got profit ${profit} on revenue ${revenue} (so close to 0 that the margin overflows)`,
    );
  }
  return { costOfGoods, costToServe, profitability: margin };
}
