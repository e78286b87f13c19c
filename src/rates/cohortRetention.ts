import { readTransactions } from "../engine/columns.js";
import { assertPeriodSpan, cutPeriods, distinctPeriods, MAX_PERIODS } from "../engine/periods.js";
import { CompensatedSums, finiteSum } from "../engine/sum.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOneOf, assertOptions } from "../internal/assert.js";
import {
  assertPeriod,
  assertTimeZone,
  type Period,
  periodEnd,
  periodKeyOf,
  periodStart,
} from "../internal/dates.js";
import type { TransactionInput } from "../table/TransactionTable.js";
import { observedSpan } from "./periodActivity.js";

/** Options of {@link cohortRetention}. */
export interface CohortRetentionOptions {
  /** Calendar period of cohorts and columns (default `"month"`). */
  readonly period?: Period;
  /**
   * `"classic"` (default): `retention[k]` = share of the cohort with a purchase in period
   * `cohort + k`; `"rolling"`: with a purchase in `cohort + k` or any later period.
   */
  readonly mode?: "classic" | "rolling";
  /** IANA time zone in which periods are cut (default UTC). */
  readonly timeZone?: string;
}

/** One cohort of {@link cohortRetention}. */
export interface CohortRow {
  /** Key of the cohort's period (its customers' first purchase), e.g. `"2011-03"`. */
  readonly cohort: string;
  /** Customers whose first purchase falls in the cohort's period. */
  readonly size: number;
  /** `active[k]`: cohort customers counted in column `k` (per `mode`); `active[0] = size`. */
  readonly active: number[];
  /** `retention[k] = active[k] / size`; `retention[0] = 1`. */
  readonly retention: number[];
  /** `revenue[k]`: sum of the cohort's amounts (returns included) dated in period `cohort + k`. */
  readonly revenue: number[];
  /**
   * Revenue retention: `revenue[k] / revenue[0]`, the share of the cohort's first-period
   * revenue still coming in (can exceed 1); all `null` when `revenue[0] <= 0`. The same in both modes.
   */
  readonly revenueRetention: (number | null)[];
  /**
   * `true` when the cohort's own period is not fully covered by the data (the first or the
   * last period, see `observedSpan`): the cohort holds only the customers whose first
   * purchase fell in the days observed.
   */
  readonly partial: boolean;
  /**
   * `true` when the row's last column, the last period of the data, is not fully covered:
   * its retention counts purchases in part of a period only and understates the full one.
   */
  readonly lastColumnPartial: boolean;
}

/** The most cells (cohorts × their periods) a result may hold: 100 full rows of the longest span. */
const MAX_CELLS = 100 * MAX_PERIODS;

/**
 * Cohort retention: customers grouped by the period of their first purchase
 * (`amount > 0`); cell `(c, k)` is the share of cohort `c` active (with a purchase) in
 * period `c + k` (classic) or in `c + k` or later (rolling). Beside it, revenue retention.
 *
 *     classic: retention[k] = |{i in c : i buys in c + k}| / |c|
 *     rolling: retention[k] = |{i in c : i buys in c + k or later}| / |c|
 *     revenueRetention[k] = revenue of c in c + k / revenue of c in c
 *
 * Each row runs from `k = 0` to the last period with any transaction, so later cohorts
 * have shorter rows (a triangle). Only periods where someone first bought give a cohort;
 * customers with no purchase (only returns or zero amounts) belong to none, and a member's
 * amounts dated before their first purchase are left out of `revenue`. An empty log gives
 * `[]`. The data are observed from the start of the earliest transaction's day to the end
 * of the latest's: a cohort whose period is not fully observed is `partial`, and so is
 * every row's last column when the last period is not (`lastColumnPartial`). The dates may
 * span at most 100,000 periods and the triangle at most 10,000,000 cells.
 *
 * @param transactions - the transaction log: records `{ customerId, date, amount }` or a `TransactionTable`
 * @param options - `period`, `mode`, `timeZone`
 * @returns one {@link CohortRow} per cohort, oldest first
 * @throws {CustomerValueError} `INVALID_RECORD` for bad transactions (all listed) or a
 *   revenue beyond ±1.8e308; `INVALID_OPTION` for a bad period, mode or time zone, or dates
 *   too far apart for the period
 * @example
 * const log = [
 *   { customerId: "a", date: "2011-01-05", amount: 10 },
 *   { customerId: "b", date: "2011-01-20", amount: 10 },
 *   { customerId: "a", date: "2011-03-03", amount: 5 },
 * ];
 * cohortRetention(log)[0].retention; // => [1, 0, 0.5]
 * cohortRetention(log, { mode: "rolling" })[0].retention; // => [1, 0.5, 0.5]
 * cohortRetention(log)[0].revenueRetention; // => [1, 0, 0.25]
 */
export function cohortRetention(
  transactions: TransactionInput,
  options: CohortRetentionOptions = {},
): CohortRow[] {
  const fn = "cohortRetention";
  assertOptions(options, fn);
  const { period = "month", mode = "classic", timeZone } = options;
  assertPeriod(period, fn);
  assertOneOf(mode, ["classic", "rolling"], `${fn}: mode`);
  if (timeZone !== undefined) assertTimeZone(timeZone, fn);

  const log = readTransactions(transactions, fn);
  const cut = cutPeriods(log.time, period, timeZone);
  if (log.length === 0) return [];
  assertPeriodSpan(cut.lo, cut.hi, period, fn);
  const { offsets, periods } = distinctPeriods({
    customer: log.customer,
    customers: log.customerIds.length,
    periodOf: cut.periods,
    keep: log.amount, // purchases: amount > 0
    within: [cut.lo, cut.hi],
  });
  const [cohortOf, first] = numberCohorts(offsets, periods, cut.lo, cut.hi);
  const cells = first.reduce((sum, p) => sum + cut.hi - p + 1, 0);
  if (cells > MAX_CELLS) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: ${first.length} cohorts from ${periodKeyOf(cut.lo, period)} to ${periodKeyOf(cut.hi, period)} make ${cells} cells, more than the ${MAX_CELLS} a result may hold; choose a longer period or check the dates for a mistyped year`,
    );
  }
  // Cohort k's cells, one per period from first[k] to the last of the data, are cellStart[k] .. cellStart[k + 1].
  const cellStart = new Int32Array(first.length + 1);
  first.forEach((p, k) => {
    cellStart[k + 1] = cellStart[k]! + cut.hi - p + 1;
  });
  const members = countMembers(offsets, periods, cohortOf, first, cellStart, mode === "rolling");
  const revenue = cohortRevenue(log.customer, log.amount, cut.periods, cohortOf, first, cellStart);

  const span = observedSpan(cut, timeZone);
  const isPartial = (p: number) =>
    periodStart(p, period, timeZone) < span.start || periodEnd(p, period, timeZone) > span.end;
  const lastColumnPartial = isPartial(cut.hi);
  return Array.from(first, (cohortPeriod, k) => {
    const cohort = periodKeyOf(cohortPeriod, period);
    const row = Array.from({ length: cellStart[k + 1]! - cellStart[k]! }, (_, j) => cellStart[k]! + j);
    const active = row.map((cell) => members[cell]!);
    const size = active[0]!;
    const revenueRow = row.map((cell) =>
      finiteSum(revenue.value(cell), `${fn}: the revenue of cohort ${cohort}`),
    );
    const firstRevenue = revenueRow[0]!;
    return {
      cohort,
      size,
      active,
      retention: active.map((a) => a / size),
      revenue: revenueRow,
      revenueRetention: revenueRow.map((r) => (firstRevenue > 0 ? r / firstRevenue + 0 : null)),
      partial: isPartial(cohortPeriod),
      lastColumnPartial,
    };
  });
}

/**
 * Each customer's cohort number (-1 without a purchase) and each cohort's period, oldest
 * first: a customer's cohort is the period of their first purchase, and only periods where
 * someone first bought make a cohort.
 */
function numberCohorts(
  offsets: Int32Array,
  periods: Int32Array,
  lo: number,
  hi: number,
): [cohortOf: Int32Array, first: Int32Array] {
  const customers = offsets.length - 1;
  const numberOf = new Int32Array(hi - lo + 1).fill(-1); // by period; the span is at most MAX_PERIODS
  for (let c = 0; c < customers; c++) {
    if (offsets[c]! < offsets[c + 1]!) numberOf[periods[offsets[c]!]! - lo] = 0;
  }
  const first: number[] = [];
  for (let p = lo; p <= hi; p++) if (numberOf[p - lo] === 0) numberOf[p - lo] = first.push(p) - 1;
  const cohortOf = new Int32Array(customers).fill(-1);
  for (let c = 0; c < customers; c++) {
    if (offsets[c]! < offsets[c + 1]!) cohortOf[c] = numberOf[periods[offsets[c]!]! - lo]!;
  }
  return [cohortOf, Int32Array.from(first)];
}

/**
 * Per cell, the cohort members counted in it: classic, those with a purchase in its
 * period; rolling, those whose last purchase is in its period or later (a difference
 * array per row: +1 at the cohort's period, -1 after the member's last purchase).
 */
function countMembers(
  offsets: Int32Array,
  periods: Int32Array,
  cohortOf: Int32Array,
  first: Int32Array,
  cellStart: Int32Array,
  rolling: boolean,
): Int32Array {
  const counts = new Int32Array(cellStart[first.length]!);
  for (let c = 0; c < cohortOf.length; c++) {
    const k = cohortOf[c]!;
    if (k < 0) continue;
    const row = cellStart[k]! - first[k]!; // the cell of period p is row + p
    if (!rolling) {
      for (let j = offsets[c]!; j < offsets[c + 1]!; j++) counts[row + periods[j]!]!++;
    } else {
      const after = row + periods[offsets[c + 1]! - 1]! + 1;
      counts[cellStart[k]!]!++;
      if (after < cellStart[k + 1]!) counts[after]!--;
    }
  }
  for (let k = 0; rolling && k < first.length; k++) {
    for (let cell = cellStart[k]! + 1; cell < cellStart[k + 1]!; cell++) counts[cell]! += counts[cell - 1]!;
  }
  return counts;
}

/** Per cell, the sum of the members' amounts dated in its period (none before their first purchase). */
function cohortRevenue(
  customer: Int32Array,
  amount: Float64Array,
  periods: Int32Array,
  cohortOf: Int32Array,
  first: Int32Array,
  cellStart: Int32Array,
): CompensatedSums {
  const revenue = new CompensatedSums(cellStart[first.length]!);
  for (let i = 0; i < amount.length; i++) {
    const k = cohortOf[customer[i]!]!;
    if (k >= 0 && periods[i]! >= first[k]!) revenue.add(cellStart[k]! + periods[i]! - first[k]!, amount[i]!);
  }
  return revenue;
}
