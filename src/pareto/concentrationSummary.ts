import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInRange } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { gini } from "./gini.js";
import {
  assertAccessor,
  byGroup,
  type GroupAccessor,
  type GroupedResult,
  headOf,
  type IdAccessor,
  type NumberAccessor,
  rankOf,
  readItems,
  reportedTotal,
} from "./internal.js";

/** Options of {@link concentrationSummary}. */
export interface ConcentrationSummaryOptions<T> {
  /** Each item's value (>= 0): a numeric field name or a function of the item. Required. */
  readonly value: NumberAccessor<T>;
  /** Each item's id, unique (default: the item's `id` field, else its `customerId` field). */
  readonly id?: IdAccessor<T>;
  /** Customer share of the head, in (0, 1] (default 0.2): "the top 20% of customers bring …". */
  readonly headShare?: number;
  /** Value share to reach, in (0, 1] (default 0.8): "… % of customers bring 80%". */
  readonly valueShare?: number;
  /** What the value is, for the sentences (default `{ en: "revenue", zh: "收入" }`). */
  readonly label?: { readonly en?: string; readonly zh?: string };
  /** Summarise each group separately (a field name or a function giving the group key); the result is then an array of `{ group, result }`. */
  readonly groupBy?: GroupAccessor<T>;
}

/** The result of {@link concentrationSummary}: the numbers, and the sentence in two languages. */
export interface ConcentrationSummary {
  /** Number of customers, `n`. */
  readonly customerCount: number;
  /** Total value (compensated sum, > 0). */
  readonly totalValue: number;
  /** Number of top customers in the head by customer share (`paretoSplit` with `headShare`). */
  readonly headCount: number;
  /** `headCount / n` (the requested `headShare` rounded up to whole customers). */
  readonly headCustomerShare: number;
  /** Share of the total value held by those `headCount` customers. */
  readonly headValueShare: number;
  /** The requested value share (default 0.8). */
  readonly valueShare: number;
  /** Number of top customers needed to reach `valueShare` of the total (`paretoSplit` with `valueShare`). */
  readonly valueCount: number;
  /** `valueCount / n`. */
  readonly valueCustomerShare: number;
  /** Share of the total value held by those `valueCount` customers (>= `valueShare`). */
  readonly valueValueShare: number;
  /** Gini coefficient, uncorrected (`ineq::Gini` default; see {@link gini}). */
  readonly gini: number;
  /** The summary as one sentence: `en` (English) and `zh` (Chinese). */
  readonly text: { readonly en: string; readonly zh: string };
}

/** {@link ConcentrationSummaryOptions} with `groupBy` given. */
export type ConcentrationSummaryGroupedOptions<T> = ConcentrationSummaryOptions<T> & {
  readonly groupBy: GroupAccessor<T>;
};

/**
 * How concentrated the business is, in one line a manager can read: "The top 20% of customers bring 68% of revenue; 31% of customers bring
 * 80%; Gini 0.61." The numbers are fields; `text.en` and `text.zh` hold the sentence.
 *
 * It combines {@link paretoSplit} by customer share (`headShare`), {@link paretoSplit}
 * by value share (`valueShare`) and the uncorrected {@link gini}, with the same ranking
 * (value descending, ties by id ascending), rounding of `headCount` (smallest whole
 * `k >= headShare * n`) and compensated sums. The sentence shows the actual customer
 * shares (3 of 11 customers is "27%", not "20%"), percentages as whole numbers (one
 * decimal below 10%, so a bank's "4%" head is not shown as "0%") and Gini to 2 decimals.
 *
 * @param items - one item per customer (never mutated)
 * @param options - see {@link ConcentrationSummaryOptions}
 * @returns the numbers and the sentence; with `groupBy`, one `{ group, result }` per group
 * @throws {CustomerValueError} as {@link paretoSplit}: `EMPTY_INPUT`, `INVALID_RECORD`,
 *   `DUPLICATE_ID`, `NEGATIVE_VALUE`, `ZERO_TOTAL`, `INVALID_OPTION`
 * @example
 * const r = concentrationSummary(
 *   [{ id: "a", v: 50 }, { id: "b", v: 30 }, { id: "c", v: 10 }, { id: "d", v: 6 }, { id: "e", v: 4 }],
 *   { value: "v" },
 * );
 * r.text.en; // => "The top 20% of customers bring 50% of revenue; 40% of customers bring 80%; Gini 0.46."
 * r.text.zh; // => "前20%的客户带来50%的收入；40%的客户带来80%的收入；基尼系数0.46。"
 */
export function concentrationSummary<T>(
  items: readonly T[],
  options: ConcentrationSummaryGroupedOptions<T>,
): GroupedResult<ConcentrationSummary>[];
export function concentrationSummary<T>(
  items: readonly T[],
  options: ConcentrationSummaryOptions<T>,
): ConcentrationSummary;
export function concentrationSummary<T>(
  items: readonly T[],
  options: ConcentrationSummaryOptions<T>,
): ConcentrationSummary | GroupedResult<ConcentrationSummary>[] {
  const fn = "concentrationSummary";
  if (typeof options !== "object" || options === null) {
    throw new CustomerValueError("INVALID_OPTION", `${fn}: options must be an object with a value accessor`);
  }
  assertAccessor(options.value, `${fn}: options.value`);
  if (options.id !== undefined) assertAccessor(options.id, `${fn}: options.id`);
  const headShare = options.headShare ?? 0.2;
  assertInRange(headShare, `${fn}: options.headShare`, 0, 1, { minOpen: true });
  const valueShare = options.valueShare ?? 0.8;
  assertInRange(valueShare, `${fn}: options.valueShare`, 0, 1, { minOpen: true });
  const en = options.label?.en ?? "revenue";
  const zh = options.label?.zh ?? "收入";
  for (const [name, label] of [
    ["en", en],
    ["zh", zh],
  ] as const) {
    if (typeof label !== "string") {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: options.label.${name} must be a string, got ${describeValue(label)}`,
      );
    }
  }
  const settings: Settings = { headShare, valueShare, en, zh };
  const analyse = (group: readonly T[], where: string) => summarise(group, options, settings, where);
  return options.groupBy === undefined ? analyse(items, fn) : byGroup(items, options.groupBy, fn, analyse);
}

interface Settings {
  readonly headShare: number;
  readonly valueShare: number;
  readonly en: string;
  readonly zh: string;
}

function summarise<T>(
  items: readonly T[],
  options: ConcentrationSummaryOptions<T>,
  { headShare, valueShare, en, zh }: Settings,
  fn: string,
): ConcentrationSummary {
  const columns = readItems(items, options.value, options.id, { fn, name: "value", nonNegative: true });
  const { values } = columns;
  const n = values.length;
  const totalValue = reportedTotal(values, fn);
  const order = rankOf(columns);
  const byCount = headOf(values, order, { mode: "headShare", share: headShare }, totalValue);
  const byValue = headOf(values, order, { mode: "valueShare", share: valueShare }, totalValue);
  const headCustomerShare = byCount.headCount / n;
  const headValueShare = Math.min(1, byCount.headValue / totalValue);
  const valueCustomerShare = byValue.headCount / n;
  const g = gini(values);
  const [pHead, pHeadValue, pCustomers, pValue] = [
    headCustomerShare,
    headValueShare,
    valueCustomerShare,
    valueShare,
  ].map(percent);
  const giniText = g.toFixed(2);
  return {
    customerCount: n,
    totalValue,
    headCount: byCount.headCount,
    headCustomerShare,
    headValueShare,
    valueShare,
    valueCount: byValue.headCount,
    valueCustomerShare,
    valueValueShare: Math.min(1, byValue.headValue / totalValue),
    gini: g,
    text: {
      en: `The top ${pHead} of customers bring ${pHeadValue} of ${en}; ${pCustomers} of customers bring ${pValue}; Gini ${giniText}.`,
      zh: `前${pHead}的客户带来${pHeadValue}的${zh}；${pCustomers}的客户带来${pValue}的${zh}；基尼系数${giniText}。`,
    },
  };
}

/** A share as a percentage for the sentences: whole numbers, one decimal below 10% ("4.5%"), no "-0". */
function percent(share: number): string {
  const p = share * 100;
  const text = p < 10 ? p.toFixed(1).replace(/\.0$/, "") : p.toFixed(0);
  return `${text}%`;
}
