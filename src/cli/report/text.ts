/**
 * Everything the report writes in words, per language: headings, table headers, the
 * one-line definitions under each figure and table, the reasons of empty sections and
 * the opening summary's sentences. `en.ts` and `zh.ts` fill it in, the short labels from
 * `labels.ts`; a test checks that the Chinese report has no English left outside data values.
 */
import type { BcgQuadrant } from "../../bcg/quadrant.js";
import type { ChartLocale } from "../../charts/types.js";
import type { Period } from "../../internal/dates.js";
import type { LifecycleStage } from "../../lifecycle/stages.js";
import type { FitWarningCode } from "../../models/internal/warnings.js";
import type { EmptyReason, SectionId } from "../sections.js";
import { en } from "./en.js";
import { zh } from "./zh.js";

/** The figures and tables a definition line stands under. */
export type DefinedThing =
  | "pareto"
  | "lorenz"
  | "whale"
  | "concentrationTable"
  | "activity"
  | "activityTable"
  | "cohorts"
  | "cohortTable"
  | "portfolio"
  | "portfolioTable"
  | "lifecycle"
  | "lifecycleTable"
  | "rfm"
  | "rfmTable"
  | "bgNbd"
  | "bgNbdTable"
  | "lifetimeValue"
  | "lifetimeValueTotals"
  | "lifetimeValueTable"
  | "satisfaction"
  | "satisfactionTable";

/** Numbers a definition line or a sentence may quote, already formatted. */
export interface Facts {
  readonly [name: string]: string;
}

/** The words of one language. Functions take values already formatted for the language. */
export interface ReportText {
  readonly htmlLang: string;
  readonly defaultTitle: string;
  readonly asOf: (date: string) => string;
  readonly asOfDefault: string;
  readonly headline: (transactions: string, customers: string) => string;
  readonly currency: (code: string) => string;
  readonly noCurrency: string;
  readonly inputs: string;
  readonly rows: {
    readonly read: (n: string) => string;
    readonly kept: (n: string) => string;
    readonly excluded: (n: string) => string;
    readonly invalid: (n: string) => string;
    readonly afterAsOf: (n: string) => string;
    readonly withoutPurchase: (n: string) => string;
    readonly notEvaluated: (n: string) => string;
  };
  readonly summaryTitle: string;
  /** The plural of each period, for sentences ("the last 6 full months"). */
  readonly units: Readonly<Record<Period, string>>;
  readonly sections: Readonly<Record<SectionId, string>>;
  readonly define: (thing: DefinedThing, facts: Facts) => string;
  readonly emptyPrefix: string;
  readonly empty: (reason: EmptyReason, facts: Facts) => string;
  readonly moreRows: (more: string, total: string) => string;
  readonly partialDays: (days: string, of: string) => string;
  readonly quadrants: Readonly<Record<BcgQuadrant, string>>;
  readonly strategies: Readonly<Record<"hold" | "harvest" | "build" | "divest", string>>;
  readonly segments: Readonly<Record<string, string>>;
  readonly stages: Readonly<Record<LifecycleStage, string>>;
  /** What each model-fit warning means for the report's reader. */
  readonly fitWarnings: Readonly<Record<FitWarningCode, string>>;
  /** Short phrases inside table cells. */
  readonly phrases: {
    readonly headHolds: (customers: string, share: string) => string;
    readonly whalePeak: (profitShare: string, customerShare: string) => string;
    readonly probablyActive: (customers: string, share: string) => string;
    readonly valueSource: (source: "customers.value" | "net revenue") => string;
    readonly expectedNext: (months: string) => string;
    readonly meanPerCustomer: string;
    readonly customersValued: string;
    readonly repeatCustomers: string;
    readonly activeRepeat: string;
    readonly leftOutOfValue: string;
    readonly parameters: string;
  };
  /** Table headers by key. */
  readonly th: Readonly<Record<string, string>>;
  readonly sentences: {
    readonly retention: (facts: Facts) => string;
    readonly lifecycle: (facts: Facts) => string;
    readonly satisfaction: (facts: Facts & { readonly direction: "less" | "more" | "same" }) => string;
    readonly value: (facts: Facts) => string;
    readonly emptySections: (names: string) => string;
  };
  readonly footer: string;
}

/** The words of `locale`. */
export function reportText(locale: ChartLocale): ReportText {
  return locale === "zh" ? zh : en;
}
