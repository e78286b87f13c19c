/**
 * The analyses of the `customer-value report` command, as one pure function: records in,
 * plain results, chart specs and section states out. No Node built-ins here (the file
 * side lives in `main.ts`), so the report can also be built in a browser or in Deno.
 */
import {
  activityChart,
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
  concentrationSummary,
  type DateInput,
  gini,
  lifecycleSummary,
  lorenzCurve,
  type Period,
  paretoSplit,
  periodActivity,
  type SurveyResponse,
  type Transaction,
  valueWeightedSatisfaction,
  whaleCurve,
} from "../index.js";
import { MS_PER_DAY, periodIndex, toTime } from "../internal/dates.js";
import { CompensatedSum, CompensatedSums } from "../engine/sum.js";
import { analyseModels } from "./analyseModels.js";
import { analysePortfolio } from "./analysePortfolio.js";
import type { ReportResults } from "./results.js";
import { EmptySection, runSection, type SectionId, type SectionStatus } from "./sections.js";

/** Inputs of {@link analyse}. */
export interface AnalyseInput {
  readonly transactions: readonly Transaction[];
  /** The customer list (default: every customer id of the transactions, with no other field). */
  readonly customers?: readonly Customer[];
  /** Survey responses for value-weighted satisfaction (default: none, the section is left out). */
  readonly survey?: readonly SurveyResponse[];
  /** The analysis instant: later transactions are left out (default: the end of the last day with a transaction, UTC). */
  readonly asOf?: DateInput;
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

/** Everything the report shows: results (plain JSON), one chart spec per figure, and the sections' states. */
export interface Analysis {
  readonly results: ReportResults;
  readonly charts: Record<string, VegaLiteSpec>;
  /** Per-customer totals (for tables). */
  readonly customers: CustomerTotals[];
  /** Each section of the report: computed, or empty and why. */
  readonly sections: Readonly<Partial<Record<SectionId, SectionStatus>>>;
  readonly locale: ChartLocale;
}

/**
 * Per-customer totals with compensated sums (a customer's many small amounts, returns
 * among them, must add up to the same cents as the period table), and the log's total.
 */
function customerTotals(transactions: readonly Transaction[]): {
  customers: CustomerTotals[];
  total: number;
} {
  const index = new Map<string, number>();
  const ids: string[] = [];
  for (const t of transactions) {
    if (!index.has(t.customerId)) {
      index.set(t.customerId, ids.length);
      ids.push(t.customerId);
    }
  }
  const revenue = new CompensatedSums(ids.length);
  const profit = new CompensatedSums(ids.length);
  const hasProfit = new Uint8Array(ids.length);
  const count = new Float64Array(ids.length);
  const total = new CompensatedSum();
  for (const t of transactions) {
    const c = index.get(t.customerId)!;
    revenue.add(c, t.amount);
    total.add(t.amount);
    count[c]!++;
    if (t.profit !== undefined) {
      profit.add(c, t.profit);
      hasProfit[c] = 1;
    }
  }
  const customers = ids.map((customerId, c) => ({
    customerId,
    revenue: Math.max(0, revenue.value(c)),
    netRevenue: revenue.value(c),
    profit: hasProfit[c] === 1 ? profit.value(c) : null,
    transactions: count[c]!,
  }));
  return { customers, total: total.value };
}

/** The default analysis instant: the last millisecond of the day (UTC) of the latest transaction. */
export function endOfLastDay(transactions: readonly Transaction[]): number | undefined {
  let last = Number.NEGATIVE_INFINITY;
  for (const [i, t] of transactions.entries())
    last = Math.max(last, toTime(t.date, `transactions[${i}].date`, "INVALID_RECORD"));
  if (last === Number.NEGATIVE_INFINITY) return undefined;
  return (periodIndex(last, "day") + 1) * MS_PER_DAY - 1;
}

/**
 * Runs every analysis the report shows on one data set: concentration (Pareto split, ABC,
 * Gini, Lorenz, whale curve when there is profit), activity per period, cohort retention,
 * the customer portfolio (BCG), the lifecycle stages, RFM segments, the BG/NBD model with
 * P(alive), model-based lifetime value, and value-weighted satisfaction when a survey is
 * given. Transactions dated after `asOf` are left out first. A section the data cannot
 * fill is marked empty with its reason in `sections` (and in `results.sections`).
 *
 * @param input - transactions, optional customers and survey, and `asOf`
 * @param options - period, locale, progress callback
 * @returns the results, chart specs and section states
 * @throws {CustomerValueError} `INVALID_OPTION` for a bad `asOf`; `INVALID_RECORD` for bad records
 */
export function analyse(input: AnalyseInput, options: AnalyseOptions = {}): Analysis {
  const period = options.period ?? "month";
  const locale = options.locale ?? "en";
  const step = options.onStep ?? (() => {});
  const asOf =
    input.asOf === undefined
      ? (endOfLastDay(input.transactions) ?? Number.NaN)
      : toTime(input.asOf, "customer-value report: --as-of");
  const asOfDate = new Date(Number.isNaN(asOf) ? 0 : asOf);

  step("totals per customer");
  const transactions = input.transactions.filter(
    (t, i) => toTime(t.date, `transactions[${i}].date`, "INVALID_RECORD") <= asOf,
  );
  const { customers, total } = customerTotals(transactions);
  const buyers = new Set<string>();
  for (const t of transactions) if (t.amount > 0) buyers.add(t.customerId);
  const sections: Partial<Record<SectionId, SectionStatus>> = {};
  const results: ReportResults = {
    asOf: Number.isNaN(asOf) ? null : asOfDate.toISOString(),
    asOfSource: input.asOf === undefined ? "end of the last day with a transaction" : "given",
    input: {
      transactions: transactions.length,
      transactionsAfterAsOf: input.transactions.length - transactions.length,
      customersWithTransactions: customers.length,
      customersWithNetReturns: customers.filter((c) => c.netRevenue < 0).length,
      customersWithoutPurchase: customers.length - buyers.size,
      netRevenue: total,
      firstTransaction: firstDate(transactions),
    },
    sections,
  };
  const charts: Record<string, VegaLiteSpec> = {};
  const needPurchases = () => {
    if (buyers.size === 0) throw new EmptySection("noPurchases", { asOf: asOfDate.toISOString() });
  };

  step("concentration (Pareto, ABC, Gini, Lorenz)");
  runSection("concentration", sections, () => {
    if (!customers.some((c) => c.revenue > 0))
      throw new EmptySection("noRevenue", { asOf: asOfDate.toISOString() });
    const split = paretoSplit(customers, { value: "revenue", id: "customerId" });
    const { head, tail, ...splitSummary } = split;
    void head;
    void tail; // the customer rows themselves: left out of the JSON on purpose
    const abc = abcClassify(customers, { value: "revenue", id: "customerId" });
    const revenues = customers.map((c) => c.revenue);
    const summary = concentrationSummary(customers, { value: "revenue", id: "customerId" });
    results.pareto = {
      split: splitSummary,
      gini: gini(revenues),
      summary,
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
    if (customers.some((c) => c.profit !== null)) {
      const whale = whaleCurve(customers, { profit: (c) => c.profit ?? 0, id: "customerId" });
      const { points, ...whaleSummary } = whale;
      void points;
      results.whale = whaleSummary;
      charts["whale"] = whaleChart(whale, { locale });
    }
  });

  step(`activity per ${period}`);
  runSection("activity", sections, () => {
    needPurchases();
    const activity = periodActivity(transactions, { period, to: asOfDate });
    results.activity = activity;
    charts["activity"] = activityChart(activity, { locale });
  });

  step("cohort retention");
  runSection("cohorts", sections, () => {
    needPurchases();
    const cohorts = cohortRetention(transactions, { period });
    results.cohorts = cohorts;
    charts["cohorts"] = cohortHeatmap(cohorts, { locale });
  });

  step("customer portfolio (BCG)");
  runSection("portfolio", sections, () => {
    needPurchases();
    const portfolio = analysePortfolio(transactions, asOf, locale);
    results.portfolio = portfolio.results;
    charts["portfolio"] = portfolio.chart;
  });

  step("lifecycle stages");
  runSection("lifecycle", sections, () => {
    const customerList = input.customers ?? customers.map((c) => ({ id: c.customerId }));
    if (customerList.length === 0) throw new EmptySection("noPurchases", { asOf: asOfDate.toISOString() });
    const lifecycle = classifyLifecycles(customerList, transactions, {
      asOf: asOfDate,
      unknownCustomers: "report",
    });
    results.lifecycle = {
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
  });

  analyseModels({ transactions, asOf, locale, needPurchases, step, sections, results, charts });

  if (input.survey !== undefined && input.survey.length > 0) {
    step("value-weighted satisfaction");
    const survey = input.survey;
    runSection("satisfaction", sections, () => {
      // Customer values: the customer list's `value` when every respondent has one, else net revenue.
      const given = new Map<string, number>();
      for (const c of input.customers ?? []) if (c.value !== undefined) given.set(c.id, c.value);
      const useGiven = survey.every((r) => given.has(r.customerId));
      const values = useGiven ? given : new Map(customers.map((c) => [c.customerId, c.revenue]));
      const satisfaction = valueWeightedSatisfaction(survey, values, { missingValue: "skip" });
      const valueSource = useGiven ? "customers.value" : "net revenue up to asOf";
      results.satisfaction = { valueSource, ...satisfaction };
      charts["satisfaction"] = satisfactionChart(satisfaction, { locale });
    });
  }
  return { results, charts, customers, sections, locale };
}

function firstDate(transactions: readonly Transaction[]): string | null {
  let first = Number.POSITIVE_INFINITY;
  for (const t of transactions)
    first = Math.min(first, toTime(t.date, "transactions.date", "INVALID_RECORD"));
  return first === Number.POSITIVE_INFINITY ? null : new Date(first).toISOString();
}
