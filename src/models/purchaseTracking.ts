import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOneOf, assertOptions } from "../internal/assert.js";
import { type DateInput, MS_PER_DAY, periodIndex, periodKeyOf, toTime } from "../internal/dates.js";
import type { TransactionInput } from "../table/TransactionTable.js";
import { readTransactions } from "../engine/columns.js";
import { finiteResult } from "./internal/input.js";

/** Options of {@link purchaseTracking}. */
export interface PurchaseTrackingOptions {
  /** The time unit the model was fitted in: `"day"`, or `"week"` (7 days, as the CDNOW files). Required. */
  readonly unit: "day" | "week";
  /**
   * Last day of the calibration period, inclusive. Tracked are the customers whose first
   * purchase falls on or before it (the population the model describes); periods that
   * end after it are marked as holdout.
   */
  readonly calibrationEnd: DateInput;
  /** Last day tracked, inclusive (default: the day of the last transaction). */
  readonly observationEnd?: DateInput;
  /** Length of one tracking period: `"day"` or `"week"` (default `"week"`). */
  readonly period?: "day" | "week";
  /** IANA time zone in which calendar days are cut (default UTC). */
  readonly timeZone?: string;
}

/** One period of {@link purchaseTracking}. */
export interface PurchaseTrackingRow {
  /** 1, 2, …: the period's number from the first tracked day. */
  readonly period: number;
  /** First and last calendar day of the period (`YYYY-MM-DD`; the last period may be short). */
  readonly start: string;
  readonly end: string;
  /** Whether the period ends on or before `calibrationEnd`. */
  readonly calibration: boolean;
  /** Repeat purchases in the period: actual, and expected by the model. */
  readonly actual: number;
  readonly expected: number;
  /** Repeat purchases from the first tracked day to the period's end: actual, and expected. */
  readonly actualCumulative: number;
  readonly expectedCumulative: number;
}

/** The result of {@link purchaseTracking}. */
export interface PurchaseTracking {
  readonly unit: "day" | "week";
  readonly period: "day" | "week";
  /** The first tracked day (the earliest first purchase), the calibration end and the last day. */
  readonly start: string;
  readonly calibrationEnd: string;
  readonly observationEnd: string;
  /** Customers tracked (first purchase on or before `calibrationEnd`). */
  readonly customers: number;
  /** Calibration periods: the boundary lies after row `calibrationPeriods` (1-based). */
  readonly calibrationPeriods: number;
  readonly rows: PurchaseTrackingRow[];
}

// At most this many days are tracked (the expectation sums over first-purchase days x periods).
const MAX_DAYS = 10_000;

/**
 * The tracking diagnostic of a purchase model (Fader, Hardie & Lee 2005, figure 1):
 * repeat purchases per period, actual against expected, across the calibration and the
 * holdout period. The expected count to the end of a period is
 * `sum_i E[X(end - first_i)]` over the tracked customers, with `E[X(t)]` the model's
 * `expectedPurchases` of a customer `t` time units after the first purchase.
 *
 * Purchases are counted as `rfmSummary` counts them: a customer's transactions on one
 * calendar day make one purchase; the first purchase day is not a repeat purchase. A
 * purchase on day `d` happens at time `d` (whole days from the customer's first day, in
 * `unit`), so "to the end of a period" includes its last day. Periods run from the first
 * tracked day in steps of one day or 7 days; the last may be shorter.
 *
 * @param model - a fitted (or built) purchase model with `expectedPurchases`, in `unit`
 * @param transactions - the transaction log (`customerId`, `date`): records or a `TransactionTable`
 * @param options - `unit` and `calibrationEnd` (required), `observationEnd`, `period`, `timeZone`
 * @returns `{ unit, period, start, calibrationEnd, observationEnd, customers,
 *   calibrationPeriods, rows: [{ period, start, end, calibration, actual, expected,
 *   actualCumulative, expectedCumulative }] }`
 * @throws {CustomerValueError} `INVALID_RECORD` for bad transactions; `INVALID_OPTION` for
 *   a bad option, an observation end before the calibration end, or more than 10,000
 *   days to track; `EMPTY_INPUT` when no customer bought by `calibrationEnd`
 *
 * @example
 * const tracking = purchaseTracking(bgNbdFit, cdnowTransactions, {
 *   unit: "week", calibrationEnd: "1997-09-30", observationEnd: "1998-06-30",
 * });
 * [tracking.rows.length, tracking.calibrationPeriods]; // => [78, 39]
 */
export function purchaseTracking(
  model: { expectedPurchases(t: number): number },
  transactions: TransactionInput,
  options: PurchaseTrackingOptions,
): PurchaseTracking {
  const fn = "purchaseTracking";
  const span = readTrackingOptions(options, fn);
  const days = customerDays(transactions, fn, span);
  const { start, end, calibration } = days;
  const length = span.period === "week" ? 7 : 1;
  const perUnit = span.unit === "week" ? 7 : 1;
  const periods = Math.floor((end - start) / length) + 1;
  // E[X(lag)] for every whole-day lag, computed once.
  const expectedAt = Float64Array.from({ length: end - start + 1 }, (_, lag) =>
    lag === 0 ? 0 : finiteResult(model.expectedPurchases(lag / perUnit), `${fn}: expectedPurchases`),
  );
  const rows: PurchaseTrackingRow[] = [];
  let actualCumulative = 0;
  let before = 0;
  for (let k = 0; k < periods; k++) {
    const first = start + k * length;
    const last = Math.min(first + length - 1, end);
    let expectedCumulative = 0;
    for (const [birth, count] of days.births)
      if (birth <= last) expectedCumulative += count * expectedAt[last - birth]!;
    actualCumulative += days.repeats[k] ?? 0;
    rows.push({
      period: k + 1,
      start: periodKeyOf(first, "day"),
      end: periodKeyOf(last, "day"),
      calibration: last <= calibration,
      actual: days.repeats[k] ?? 0,
      expected: expectedCumulative - before,
      actualCumulative,
      expectedCumulative,
    });
    before = expectedCumulative;
  }
  return {
    unit: span.unit,
    period: span.period,
    start: periodKeyOf(start, "day"),
    calibrationEnd: periodKeyOf(calibration, "day"),
    observationEnd: periodKeyOf(end, "day"),
    customers: days.customers,
    calibrationPeriods: rows.filter((r) => r.calibration).length,
    rows,
  };
}

interface TrackingSpan {
  readonly unit: "day" | "week";
  readonly period: "day" | "week";
  readonly timeZone: string | undefined;
  readonly calibration: number;
  readonly end: number | undefined;
}

function readTrackingOptions(options: PurchaseTrackingOptions, fn: string): TrackingSpan {
  assertOptions(options, fn);
  assertOneOf(options.unit, ["day", "week"] as const, `${fn}: unit`);
  const period = options.period ?? "week";
  assertOneOf(period, ["day", "week"] as const, `${fn}: period`);
  const timeZone = options.timeZone;
  const day = (value: DateInput, where: string) =>
    periodIndex(toTime(value, `${fn}: ${where}`), "day", timeZone);
  const calibration = day(options.calibrationEnd, "calibrationEnd");
  const end =
    options.observationEnd === undefined ? undefined : day(options.observationEnd, "observationEnd");
  if (end !== undefined && end < calibration) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: observationEnd must not be before calibrationEnd (${periodKeyOf(calibration, "day")}), got ${periodKeyOf(end, "day")}`,
    );
  }
  return { unit: options.unit, period, timeZone, calibration, end };
}

/**
 * The tracked customers' first-purchase days (day -> customers) and their repeat
 * purchase days counted per tracking period.
 */
function customerDays(transactions: TransactionInput, fn: string, span: TrackingSpan) {
  const columns = readTransactions(transactions, fn);
  const dayOf = (i: number) =>
    span.timeZone === undefined
      ? Math.floor(columns.time[i]! / MS_PER_DAY)
      : periodIndex(columns.time[i]!, "day", span.timeZone);
  // Each customer's distinct purchase days up to the end, sorted.
  const perCustomer = new Map<number, Set<number>>();
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < columns.length; i++) {
    const d = dayOf(i);
    if (span.end !== undefined && d > span.end) continue;
    last = Math.max(last, d);
    const c = columns.customer[i]!;
    const set = perCustomer.get(c) ?? new Set<number>();
    set.add(d);
    perCustomer.set(c, set);
  }
  const firsts: [number, number[]][] = [];
  for (const set of perCustomer.values()) {
    const sorted = [...set].sort((a, b) => a - b);
    if (sorted[0]! <= span.calibration) firsts.push([sorted[0]!, sorted]);
  }
  if (firsts.length === 0) {
    throw new CustomerValueError("EMPTY_INPUT", `${fn}: no customer made a purchase by calibrationEnd`);
  }
  const start = firsts.reduce((min, [first]) => Math.min(min, first), Number.POSITIVE_INFINITY);
  const end = span.end ?? Math.max(last, span.calibration);
  if (end - start + 1 > MAX_DAYS) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: the tracked span from ${periodKeyOf(start, "day")} to ${periodKeyOf(end, "day")} is longer than ${MAX_DAYS} days; track a shorter span (observationEnd) or check the dates`,
    );
  }
  const length = span.period === "week" ? 7 : 1;
  const births = new Map<number, number>();
  const repeats: number[] = [];
  for (const [first, sorted] of firsts) {
    births.set(first, (births.get(first) ?? 0) + 1);
    for (let j = 1; j < sorted.length; j++) {
      const k = Math.floor((sorted[j]! - start) / length);
      repeats[k] = (repeats[k] ?? 0) + 1;
    }
  }
  return { start, end, calibration: span.calibration, births, repeats, customers: firsts.length };
}
