import type { TransactionInput } from "../table/TransactionTable.js";
import { marketShare } from "../bcg/marketShare.js";
import { relativeMarketShare } from "../bcg/relativeMarketShare.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertFinite, assertOptions } from "../internal/assert.js";
import {
  assertPeriod,
  assertTimeZone,
  type DateInput,
  describeValue,
  type Period,
  parseDateInput,
  periodIndex,
  toTime,
} from "../internal/dates.js";
import { readTransactions } from "../internal/transactions.js";
import { CompensatedSum } from "../internal/sum.js";
import type { SurveyResponse } from "../records/SurveyResponse.js";
import type { CustomerValues } from "../satisfaction/readSurvey.js";
import {
  type ValueWeightedSatisfactionOptions,
  valueWeightedSatisfaction,
} from "../satisfaction/valueWeightedSatisfaction.js";
import { type ActivityCost, type ActivityUsage, allocateCostToServe } from "./allocateCostToServe.js";
import { customerProfitability } from "./customerProfitability.js";
import { type Delivery, onTimeDeliveryRate } from "./onTimeDeliveryRate.js";
import { periodActivity } from "./periodActivity.js";
import { PeriodIndexer } from "./purchasePeriods.js";

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
 * The customer perspective of the balanced scorecard (DOMAIN.md 4) for one calendar
 * period, in one object: market share and relative market share, customer retention,
 * churn and acquisition rates (from `periodActivity`: the base is the customers active
 * in the previous period), value-weighted satisfaction (when a survey is given), the
 * on-time delivery rate (when deliveries are given), and customer profitability
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
 * @throws {CustomerValueError} `EMPTY_INPUT` without transactions and without `at`; the
 *   errors of the functions it calls (bad records, bad options, sales above the market total, …)
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
  const { period = "year", at, timeZone, activeWindow = 1, satisfaction: satisfactionOptions } = options;
  assertPeriod(period, fn);
  if (timeZone !== undefined) assertTimeZone(timeZone, fn);
  const columns = readTransactions(input.transactions, fn);
  let atTime: number;
  if (at !== undefined) {
    atTime = toTime(at, `${fn}: at`);
  } else if (columns.length > 0) {
    atTime = columns.time.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  } else {
    throw new CustomerValueError(
      "EMPTY_INPUT",
      `${fn}: no transactions, and no 'at' date to place the period`,
    );
  }
  const zone = timeZone === undefined ? {} : { timeZone };
  const [row] = periodActivity(input.transactions, {
    period,
    from: new Date(atTime),
    to: new Date(atTime),
    activeWindow,
    ...zone,
  });
  const activity = row!;
  const p = periodIndex(atTime, period, timeZone);
  const indexOf = new PeriodIndexer(period, timeZone);
  const inPeriod = (t: number) => indexOf.index(t) === p;

  // Revenue, profit and each customer's net revenue in the period.
  const profit = new CompensatedSum();
  let profitComplete = true;
  const netRevenue = new Map<string, CompensatedSum>();
  for (let i = 0; i < columns.length; i++) {
    if (!inPeriod(columns.time[i]!)) continue;
    const id = columns.customerIds[columns.customer[i]!]!;
    let sum = netRevenue.get(id);
    if (sum === undefined) netRevenue.set(id, (sum = new CompensatedSum()));
    sum.add(columns.amount[i]!);
    const x = columns.profit?.[i];
    if (x === undefined || Number.isNaN(x)) profitComplete = false;
    else profit.add(x);
  }
  const revenue = activity.revenue;

  let share: number | null = null;
  let relative: number | null = null;
  if (input.market !== undefined) {
    if (typeof input.market !== "object" || input.market === null) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: market must be an object { sales, largestCompetitorSales? }, got ${describeValue(input.market)}`,
      );
    }
    const { sales, largestCompetitorSales } = input.market;
    share = marketShare(revenue, sales);
    if (largestCompetitorSales !== undefined && share !== null) {
      relative = relativeMarketShare(share, marketShare(largestCompetitorSales, sales) ?? 0);
    }
  }

  let satisfaction: CustomerScorecard["satisfaction"] = null;
  if (input.survey !== undefined) {
    const values: CustomerValues =
      input.surveyValues ?? ((id: string) => Math.max(0, netRevenue.get(id)?.value ?? 0));
    const result = valueWeightedSatisfaction(input.survey, values, satisfactionOptions ?? {});
    satisfaction = {
      respondents: result.respondents,
      unweighted: result.index.unweighted,
      weighted: result.index.weighted,
    };
  }

  let onTime: number | null = null;
  if (input.deliveries !== undefined) {
    const due = input.deliveries.filter((d) => {
      const t = parseDateInput(d?.promisedAt);
      return t === undefined || inPeriod(t); // a bad date is kept so that onTimeDeliveryRate reports it
    });
    onTime = onTimeDeliveryRate(due, zone);
  }

  let costToServe = 0;
  const cts = input.costToServe;
  if (typeof cts === "number") {
    assertFinite(cts, `${fn}: costToServe`);
    costToServe = cts;
  } else if (cts !== undefined) {
    if (typeof cts !== "object" || cts === null) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: costToServe must be a number or { activities, usage }, got ${describeValue(cts)}`,
      );
    }
    const allocated = allocateCostToServe(cts.activities, cts.usage);
    const total = new CompensatedSum();
    for (const id in allocated) total.add(allocated[id]!);
    costToServe = total.value;
  }
  if (costToServe < 0) {
    throw new CustomerValueError("NEGATIVE_VALUE", `${fn}: costToServe must be >= 0, got ${costToServe}`);
  }

  const costOfGoods = profitComplete ? revenue - profit.value + 0 : null;
  let profitability: number | null = null;
  if (costOfGoods !== null && revenue > 0) {
    profitability =
      costOfGoods >= 0
        ? customerProfitability({ revenue, cost: costOfGoods, costToServe })
        : (revenue - costOfGoods - costToServe) / revenue;
  }

  return {
    period: activity.period,
    start: activity.start,
    end: activity.end,
    revenue,
    customers: {
      previousActive: activity.previousActive,
      active: activity.active,
      new: activity.new,
      retained: activity.retained,
      reactivated: activity.reactivated,
      churned: activity.churned,
    },
    marketShare: share,
    relativeMarketShare: relative,
    retentionRate: activity.retentionRate,
    churnRate: activity.churnRate,
    acquisitionRate: activity.acquisitionRate,
    satisfaction,
    onTimeDeliveryRate: onTime,
    costOfGoods,
    costToServe,
    profitability,
  };
}
