/**
 * The analyses of the `customer-value report` command, as one pure function: records in,
 * plain results and chart specs out. No Node built-ins here (the file-system side lives
 * in `main.ts`), so the report can also be built in a browser or in Deno.
 */
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
} from "../charts/index.js";
import {
  abcClassify,
  type Customer,
  classifyLifecycles,
  cohortRetention,
  customerPortfolio,
  type DateInput,
  gini,
  lifecycleSummary,
  lorenzCurve,
  type Period,
  paretoSplit,
  periodActivity,
  portfolioSummary,
  type SurveyResponse,
  type Transaction,
  valueWeightedSatisfaction,
  whaleCurve,
} from "../index.js";
import { toTime } from "../internal/dates.js";

/** Inputs of {@link analyse}. */
export interface AnalyseInput {
  readonly transactions: readonly Transaction[];
  /** The customer list (default: every customer id of the transactions, with no other field). */
  readonly customers?: readonly Customer[];
  /** Survey responses for value-weighted satisfaction (default: none, the section is left out). */
  readonly survey?: readonly SurveyResponse[];
  /** The analysis date: transactions after it are left out. */
  readonly asOf: DateInput;
}

/** Options of {@link analyse}. */
export interface AnalyseOptions {
  /** Period of the activity table and cohorts (default `"month"`). */
  readonly period?: Period;
  /** Language of the charts (default `"en"`). */
  readonly locale?: ChartLocale;
  /** Called before each step, for progress output. */
  readonly onStep?: (step: string) => void;
}

/** One customer's totals up to `asOf`. */
export interface CustomerTotals {
  readonly customerId: string;
  /** Net revenue (returns included), floored at 0 for the concentration analyses. */
  readonly revenue: number;
  /** Net revenue as summed (may be negative). */
  readonly netRevenue: number;
  /** Summed profit, or `null` when no transaction has one. */
  readonly profit: number | null;
  readonly transactions: number;
}

/** Everything the report shows: results (plain JSON) and one chart spec per section. */
export interface Analysis {
  readonly results: Record<string, unknown>;
  readonly charts: Record<string, VegaLiteSpec>;
  /** Per-customer totals (for tables). */
  readonly customers: CustomerTotals[];
}

/**
 * Runs every analysis the report shows on one data set: concentration (Pareto split, ABC,
 * Gini, Lorenz, whale curve when there is profit), activity per period, cohort retention,
 * the customer portfolio (BCG), the lifecycle stages, and value-weighted satisfaction when
 * a survey is given. Transactions dated after `asOf` are left out first.
 *
 * @param input - transactions, optional customers and survey, and `asOf`
 * @param options - period, locale, progress callback
 * @returns the results and chart specs
 * @throws {CustomerValueError} from the analyses (e.g. `EMPTY_INPUT` when no transaction
 *   is dated on or before `asOf`)
 */
export function analyse(input: AnalyseInput, options: AnalyseOptions = {}): Analysis {
  const period = options.period ?? "month";
  const locale = options.locale ?? "en";
  const step = options.onStep ?? (() => {});
  const asOf = toTime(input.asOf, "customer-value report: --as-of");
  const asOfDate = new Date(asOf);

  step("totals per customer");
  const transactions = input.transactions.filter(
    (t, i) => toTime(t.date, `transactions[${i}].date`, "INVALID_RECORD") <= asOf,
  );
  const totals = new Map<string, { revenue: number; profit: number; hasProfit: boolean; n: number }>();
  for (const t of transactions) {
    const row = totals.get(t.customerId) ?? { revenue: 0, profit: 0, hasProfit: false, n: 0 };
    row.revenue += t.amount;
    if (t.profit !== undefined) {
      row.profit += t.profit;
      row.hasProfit = true;
    }
    row.n++;
    totals.set(t.customerId, row);
  }
  const customers: CustomerTotals[] = [...totals].map(([customerId, r]) => ({
    customerId,
    revenue: Math.max(0, r.revenue),
    netRevenue: r.revenue,
    profit: r.hasProfit ? r.profit : null,
    transactions: r.n,
  }));
  const anyProfit = customers.some((c) => c.profit !== null);
  const results: Record<string, unknown> = {
    asOf: asOfDate.toISOString(),
    input: {
      transactions: transactions.length,
      transactionsAfterAsOf: input.transactions.length - transactions.length,
      customersWithTransactions: customers.length,
      customersWithNetReturns: customers.filter((c) => c.netRevenue < 0).length,
    },
  };
  const charts: Record<string, VegaLiteSpec> = {};

  step("concentration (Pareto, ABC, Gini, Lorenz)");
  const split = paretoSplit(customers, { value: "revenue", id: "customerId" });
  const { head, tail, ...splitSummary } = split;
  const abc = abcClassify(customers, { value: "revenue", id: "customerId" });
  const revenues = customers.map((c) => c.revenue);
  results["pareto"] = {
    split: splitSummary,
    gini: gini(revenues),
    abcCounts: abc.counts,
    abc: abc.items.map(({ id, rank, value, cumulativeShare, class: c }) => ({
      id,
      rank,
      value,
      cumulativeShare,
      class: c,
    })),
  };
  charts["pareto"] = paretoChart(split, { value: "revenue", id: "customerId", locale });
  charts["lorenz"] = lorenzChart(lorenzCurve(revenues), { locale });
  if (anyProfit) {
    const whale = whaleCurve(customers, { profit: (c) => c.profit ?? 0, id: "customerId" });
    const { points, ...whaleSummary } = whale;
    results["whale"] = whaleSummary;
    charts["whale"] = whaleChart(whale, { locale });
  }

  step(`activity per ${period}`);
  const activity = periodActivity(transactions, { period, to: asOfDate });
  results["activity"] = activity;
  charts["activity"] = activityChart(activity, { locale });

  step("cohort retention");
  const cohorts = cohortRetention(transactions, { period });
  results["cohorts"] = cohorts;
  charts["cohorts"] = cohortHeatmap(cohorts, { locale });

  step("customer portfolio (BCG)");
  const portfolio = customerPortfolio(transactions, { asOf: asOfDate });
  results["portfolio"] = { summary: portfolioSummary(portfolio), customers: portfolio };
  charts["portfolio"] = bcgChart(portfolio, { locale });

  step("lifecycle stages");
  const customerList = input.customers ?? customers.map((c) => ({ id: c.customerId }));
  const lifecycle = classifyLifecycles(customerList, transactions, {
    asOf: asOfDate,
    unknownCustomers: "report",
  });
  results["lifecycle"] = {
    summary: lifecycleSummary(lifecycle),
    customers: lifecycle.map(({ customerId, stage, phase, strategy, evidence }) => ({
      customerId,
      stage,
      phase: phase ?? null,
      strategy,
      reason: evidence.reason,
    })),
  };
  charts["lifecycle"] = lifecycleChart(lifecycle, { locale });

  if (input.survey !== undefined && input.survey.length > 0) {
    step("value-weighted satisfaction");
    // Customer values: the customer list's `value` when every respondent has one, else net revenue.
    const given = new Map<string, number>();
    for (const c of input.customers ?? []) if (c.value !== undefined) given.set(c.id, c.value);
    const useGiven = input.survey.every((r) => given.has(r.customerId));
    const revenue = new Map(customers.map((c) => [c.customerId, c.revenue]));
    const values = useGiven ? given : revenue;
    const satisfaction = valueWeightedSatisfaction(input.survey, values, { missingValue: "skip" });
    results["satisfaction"] = {
      valueSource: useGiven ? "customers.value" : "net revenue up to asOf",
      ...satisfaction,
    };
    charts["satisfaction"] = satisfactionChart(satisfaction, { locale });
  }
  // `head` and `tail` are the customer rows themselves: left out of the JSON on purpose.
  void head;
  void tail;
  return { results, charts, customers };
}
