import type { TransactionInput } from "../table/TransactionTable.js";
import { assertOneOf, assertOptions } from "../internal/assert.js";
import {
  assertPeriod,
  assertTimeZone,
  type Period,
  periodEnd,
  periodKeyOf,
  periodStart,
} from "../internal/dates.js";
import { CompensatedSums } from "../internal/sum.js";
import type { TransactionColumns } from "../internal/transactions.js";
import { observedSpan } from "./periodActivity.js";
import { type CustomerPeriods, type PeriodIndexer, purchasePeriods } from "./purchasePeriods.js";

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

/**
 * Cohort retention (DOMAIN.md 4): customers grouped by the period of their first purchase
 * (`amount > 0`); cell `(c, k)` is the share of cohort `c` active (with a purchase) in period
 * `c + k` (classic) or in `c + k` or later (rolling). Beside it, revenue retention per cohort.
 *
 *     classic: retention[k] = |{i in c : i buys in c + k}| / |c|
 *     rolling: retention[k] = |{i in c : i buys in c + k or later}| / |c|
 *     revenueRetention[k] = revenue of c in c + k / revenue of c in c
 *
 * Each row runs from `k = 0` to the last period with any transaction in the input, so
 * later cohorts have shorter rows (a triangle). Only periods where someone first bought
 * give a cohort (no empty cohorts). Customers with no purchase (only returns or zero
 * amounts) belong to no cohort; a cohort member's amounts dated before their first
 * purchase are left out of `revenue`. An empty log gives `[]`. The data are observed from
 * the start of the earliest transaction's day to the end of the latest's: a cohort whose
 * period is not fully observed is `partial`, and when the last period of the data is not,
 * every row's last column is (`lastColumnPartial`).
 *
 * @param transactions - the transaction log: records `{ customerId, date, amount }` or a `TransactionTable`
 * @param options - `period`, `mode`, `timeZone`
 * @returns one {@link CohortRow} per cohort, oldest first
 * @throws {CustomerValueError} `INVALID_RECORD` for bad transactions (all listed);
 *   `INVALID_OPTION` for a bad period, mode or time zone
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

  const { columns, periodOf, purchases, dataHi } = purchasePeriods(transactions, fn, period, timeZone);
  if (dataHi === undefined) return [];
  const span = observedSpan(columns, timeZone);
  const isPartial = (p: number): boolean =>
    periodStart(p, period, timeZone) < span.start || periodEnd(p, period, timeZone) > span.end;
  const lastColumnPartial = isPartial(dataHi);
  // A customer without a purchase gets the cohort dataHi + 1, after every cohort.
  const cohortOf = new Int32Array(purchases.customers);
  const [cLo, cHi] = firstPeriods(purchases, cohortOf, dataHi + 1);
  if (cLo > cHi) return [];
  const width = dataHi - cLo + 1;
  // Cell (cohort c, column k) lives at (c - cLo) * width + k.
  const cells = (cHi - cLo + 1) * width;
  const counts = new Float64Array(cells + 1);
  const sizes = new Float64Array(cHi - cLo + 1);
  countCohorts(counts, sizes, purchases, cohortOf, cLo, width, dataHi, mode === "classic");
  const revenue = new CompensatedSums(cells);
  addCohortRevenue(revenue, columns, periodOf, cohortOf, cLo, width, dataHi);

  const rows: CohortRow[] = [];
  for (let cohort = cLo; cohort <= cHi; cohort++) {
    const size = sizes[cohort - cLo]!;
    if (size === 0) continue;
    const base = (cohort - cLo) * width;
    const length = dataHi - cohort + 1;
    const active: number[] = [];
    const revenueRow: number[] = [];
    let running = 0;
    for (let k = 0; k < length; k++) {
      running += counts[base + k]!;
      active.push(mode === "classic" ? counts[base + k]! : running);
      revenueRow.push(revenue.value(base + k));
    }
    const first = revenueRow[0]!;
    rows.push({
      cohort: periodKeyOf(cohort, period),
      size,
      active,
      retention: active.map((a) => a / size),
      revenue: revenueRow,
      revenueRetention: revenueRow.map((r) => (first > 0 ? r / first + 0 : null)),
      partial: isPartial(cohort),
      lastColumnPartial,
    });
  }
  return rows;
}

// Each pass over customers or rows is a function of its own, so that V8 optimises it while
// it runs without compiling the rest of cohortRetention, code which has not run yet and
// would throw the optimised code away when reached (see purchasePeriods.ts).

/**
 * Each customer's first purchase period into `cohortOf` (`none` for a customer without a
 * purchase), and the earliest and latest of them: [+inf, -inf] when nobody bought.
 */
function firstPeriods(
  purchases: CustomerPeriods,
  cohortOf: Int32Array,
  none: number,
): [lo: number, hi: number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < purchases.customers; c++) {
    const first = purchases.first(c, none);
    cohortOf[c] = first;
    if (first === none) continue;
    if (first < lo) lo = first;
    if (first > hi) hi = first;
  }
  return [lo, hi];
}

/**
 * Cohort sizes and, per cell (cohort - cLo) * width + k, the customers with a purchase in
 * column k (classic) or, rolling, a difference array of the customers active up to their
 * last purchase (summed when the rows are built). Customers without a purchase (cohort
 * after `dataHi`) count nowhere.
 */
function countCohorts(
  counts: Float64Array,
  sizes: Float64Array,
  purchases: CustomerPeriods,
  cohortOf: Int32Array,
  cLo: number,
  width: number,
  dataHi: number,
  classic: boolean,
): void {
  const periods = new Int32Array(purchases.maxPeriods);
  for (let c = 0; c < purchases.customers; c++) {
    const cohort = cohortOf[c]!;
    if (cohort > dataHi) continue;
    const k = purchases.read(c, periods);
    const base = (cohort - cLo) * width;
    sizes[cohort - cLo]!++;
    if (classic) {
      for (let j = 0; j < k; j++) counts[base + periods[j]! - cohort]!++;
    } else {
      // No decrement after the last period of the data: that cell is the next cohort's.
      const last = periods[k - 1]!;
      counts[base]!++;
      if (last < dataHi) counts[base + last - cohort + 1]!--;
    }
  }
}

/**
 * Adds every row's amount to its cell (cohort of its customer, its period - cohort); rows
 * of customers without a purchase (cohort `dataHi + 1`), and rows dated before their
 * customer's first purchase, are left out.
 */
function addCohortRevenue(
  revenue: CompensatedSums,
  columns: TransactionColumns,
  periodOf: PeriodIndexer,
  cohortOf: Int32Array,
  cLo: number,
  width: number,
  dataHi: number,
): void {
  const { length: n, customer, time, amount } = columns;
  for (let i = 0; i < n; i++) {
    const cohort = cohortOf[customer[i]!]!;
    const p = periodOf.index(time[i]!);
    if (cohort > dataHi || p < cohort) continue;
    revenue.add((cohort - cLo) * width + p - cohort, amount[i]!);
  }
}
