/**
 * The shape of the command's results: what `--json` writes and what the report reads.
 * Every section is optional: it is missing when `sections` marks it empty.
 */
import type {
  AbcClass,
  CohortRow,
  ConcentrationSummary,
  CustomerPlacement,
  LifecycleStage,
  LifecycleSummary,
  ParetoSplitResult,
  PeriodActivityRow,
  PortfolioSummary,
  RfmScoresRow,
  ValueWeightedSatisfactionResult,
  WhaleCurveResult,
} from "../index.js";
import type { FitWarning, ModelLifetimeValueRow } from "../models/index.js";
import type { SectionId, SectionStatus } from "./sections.js";

export interface InputSummary {
  readonly transactions: number;
  readonly transactionsAfterAsOf: number;
  readonly customersWithTransactions: number;
  readonly customersWithNetReturns: number;
  /**
   * Customers with transactions but no purchase (amount > 0) up to `asOf`: outside RFM,
   * the portfolio and the models, which read purchases; prospects in the lifecycle.
   */
  readonly customersWithoutPurchase: number;
  /** Every amount up to `asOf`, summed with compensation. */
  readonly netRevenue: number;
  /** The earliest transaction up to `asOf`, ISO-8601, or `null` for none. */
  readonly firstTransaction: string | null;
}

export interface ParetoResults {
  readonly split: Omit<ParetoSplitResult<unknown>, "head" | "tail">;
  readonly gini: number;
  readonly summary: ConcentrationSummary;
  readonly abcCounts: Readonly<Record<AbcClass, number>>;
  readonly abc: readonly {
    id: string;
    rank: number;
    value: number;
    cumulativeShare: number;
    class: AbcClass;
  }[];
}

/** The portfolio windows (ISO-8601) and how many customers the matrix places. */
export interface PortfolioResults {
  readonly windows: {
    readonly months: number;
    readonly earlier: { readonly from: string; readonly to: string };
    readonly last: { readonly from: string; readonly to: string };
  };
  readonly counts: {
    readonly customers: number;
    readonly inWindows: number;
    readonly drawn: number;
    readonly noEarlierRevenue: number;
    readonly noLastRevenue: number;
    readonly beforeWindows: number;
  };
  readonly growthScale: "linear" | "symlog";
  readonly summary: PortfolioSummary;
  readonly customers: readonly CustomerPlacement[];
}

export interface LifecycleResults {
  readonly summary: LifecycleSummary;
  readonly customers: readonly {
    customerId: string;
    stage: LifecycleStage;
    phase: string | null;
    strategy: string;
    reason: string;
  }[];
}

export interface RfmSegmentSummary {
  readonly segment: string;
  readonly customers: number;
  readonly share: number | null;
  readonly revenue: number;
  readonly revenueShare: number | null;
  readonly meanRecencyDays: number | null;
  readonly meanFrequency: number | null;
}

export interface BgNbdResults {
  readonly timeUnit: "day";
  readonly params: { readonly r: number; readonly alpha: number; readonly a: number; readonly b: number };
  readonly logLikelihood: number;
  /** The fit's warnings (`[]` when none): signs that its estimates should not be trusted. */
  readonly warnings: readonly FitWarning[];
  readonly fittedOn: number;
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly horizonMonths: number;
  readonly expectedPurchases: number;
  readonly meanProbabilityAlive: number;
  readonly probablyActive: number;
  /** Customers with a repeat purchase and P(alive) >= 0.5 (the model takes the others as alive). */
  readonly probablyActiveRepeat: number;
  readonly histogram: readonly { from: number; to: number; customers: number }[];
  readonly perCustomer: readonly {
    customerId: string;
    frequency: number;
    recencyDays: number;
    ageDays: number;
    probabilityAlive: number;
    expectedPurchases: number;
  }[];
}

export interface LifetimeValueResults {
  readonly horizonMonths: number;
  readonly monthlyDiscountRate: number;
  readonly margin: number;
  readonly spendParams: { readonly p: number; readonly q: number; readonly v: number };
  /** The Gamma-Gamma spend fit's warnings (`[]` when none). */
  readonly spendWarnings: readonly FitWarning[];
  readonly customers: number;
  readonly leftOut: number;
  readonly total: number;
  readonly mean: number;
  readonly bySegment: readonly { segment: string; lifetimeValue: number }[];
  readonly top: readonly ModelLifetimeValueRow[];
  readonly perCustomer: readonly ModelLifetimeValueRow[];
}

/** The results of `analyse`, plus the account of the CSV rows that `main` adds. */
export interface ReportResults {
  asOf: string | null;
  asOfSource: "given" | "end of the last day with a transaction";
  input: InputSummary;
  sections: Partial<Record<SectionId, SectionStatus>>;
  pareto?: ParetoResults;
  whale?: Omit<WhaleCurveResult, "points">;
  activity?: PeriodActivityRow[];
  cohorts?: CohortRow[];
  portfolio?: PortfolioResults;
  lifecycle?: LifecycleResults;
  rfm?: { readonly segments: readonly RfmSegmentSummary[]; readonly customers: readonly RfmScoresRow[] };
  bgNbd?: BgNbdResults;
  lifetimeValue?: LifetimeValueResults;
  satisfaction?: ValueWeightedSatisfactionResult & {
    readonly valueSource: "customers.value" | "net revenue up to asOf";
  };
}
