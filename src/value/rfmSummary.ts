import { idOrderOf } from "../engine/ids.js";
import type { DateInput } from "../internal/dates.js";
import type { TransactionInput } from "../table/TransactionTable.js";
import {
  assertFiniteTotal,
  dayOfOption,
  periodOfDay,
  periodsToUnit,
  purchasePeriods,
  type RfmAggregate,
  type RfmUnit,
  readDailyLog,
  resolveSummaryOptions,
} from "./internal.js";

/** Options of {@link rfmSummary}. */
export interface RfmSummaryOptions {
  /**
   * The end of observation, inclusive at day granularity: every transaction dated on
   * that calendar day (UTC, or in `timeZone`) counts, later ones do not
   * (default: the day of the last transaction in the log).
   */
  readonly observationEnd?: DateInput;
  /**
   * What counts as one purchase: `"day"` merges the transactions of a customer on the
   * same calendar day (default), `"week"` those in the same ISO week (Monday to Sunday).
   */
  readonly aggregate?: RfmAggregate;
  /**
   * The unit of `recency` and `T`: `"day"`, or `"week"` = days / 7 as in the CDNOW
   * summary files (default: the same as `aggregate`, as `lifetimes`' `freq` does).
   */
  readonly unit?: RfmUnit;
  /** IANA time zone in which calendar days and weeks are cut (default UTC). */
  readonly timeZone?: string;
}

/** One customer's row of {@link rfmSummary}: the sufficient statistics of BG/NBD and Pareto/NBD. */
export interface RfmSummaryRow {
  readonly customerId: string;
  /** Number of repeat purchase periods: distinct purchase days (or weeks) minus one. */
  readonly frequency: number;
  /** Time from the first to the last purchase period, in `unit` (0 when `frequency` is 0). */
  readonly recency: number;
  /** Time from the first purchase period to `observationEnd`, in `unit` (the customer's age). */
  readonly T: number;
  /** Mean value of the repeat purchase periods (each period's amounts summed); 0 when `frequency` is 0. */
  readonly monetaryValue: number;
}

/**
 * The per-customer summary of buy-till-you-die models (BG/NBD, Pareto/NBD, Gamma-Gamma),
 * with the conventions of Python `lifetimes`' `summary_data_from_transaction_data`
 * (Fader, Hardie & Lee 2005):
 *
 * - a customer's transactions in the same calendar day (or ISO week, with
 *   `aggregate: "week"`) merge into one purchase whose value is their sum;
 * - `frequency` = number of purchase periods - 1 (repeat purchases only);
 * - `recency` = last purchase period - first purchase period;
 * - `T` = observation end - first purchase period;
 * - `monetaryValue` = mean value of the repeat purchase periods; the first purchase is
 *   left out whatever the input order (0 when there is no repeat purchase).
 *
 * Times are whole calendar days between day starts (UTC, or `timeZone`), so the time of
 * day never matters; with `unit: "week"` they are divided by 7 (the CDNOW files'
 * convention: `recency` 30.43 = 213 days / 7). With `aggregate: "week"` they are whole
 * ISO weeks (the week index of the end minus that of the first purchase), as `lifetimes`
 * computes with `freq="W"`.
 *
 * Edge cases: only transactions dated on or before the observation-end day count; a
 * customer with none is left out (so an empty log gives `[]`). As in `lifetimes`, every
 * transaction counts whatever its amount — a $0 row is a purchase and a negative amount
 * lowers its period's value; filter the log first if returns should not count. Rows are
 * sorted by `customerId` (plain string comparison), as `lifetimes` indexes them.
 * One deliberate difference from `lifetimes` with weekly aggregation: a transaction after
 * the observation-end day but in the same ISO week does not count here (`lifetimes`
 * truncates at the start of that week's period and keeps it).
 *
 * @param transactions - the transaction log (`customerId`, `date`, `amount`): records or a `TransactionTable`
 * @param options - see {@link RfmSummaryOptions}
 * @returns one row per customer with a transaction up to the observation end
 * @throws {CustomerValueError} `INVALID_RECORD` listing every bad transaction, or naming a
 *   customer whose amounts add up beyond the largest double (about 1.8e308);
 *   `INVALID_OPTION` for an invalid `observationEnd`, `aggregate`, `unit` or `timeZone`
 *
 * @example
 * rfmSummary(
 *   [
 *     { customerId: "A", date: "2024-01-01", amount: 10 },
 *     { customerId: "A", date: "2024-01-01", amount: 5 }, // same day: one purchase of 15
 *     { customerId: "A", date: "2024-01-08", amount: 20 },
 *     { customerId: "A", date: "2024-01-15", amount: 40 },
 *   ],
 *   { observationEnd: "2024-01-29", unit: "week" },
 * );
 * // => [{ customerId: "A", frequency: 2, recency: 2, T: 4, monetaryValue: 30 }]
 */
export function rfmSummary(transactions: TransactionInput, options: RfmSummaryOptions = {}): RfmSummaryRow[] {
  const fn = "rfmSummary";
  const { aggregate, unit, timeZone } = resolveSummaryOptions(options, fn);
  const end = options.observationEnd;
  const endDay = end === undefined ? undefined : dayOfOption(end, `${fn}: observationEnd`, timeZone);
  const daily = readDailyLog(transactions, fn, { timeZone, endDay });
  const s = purchasePeriods(daily, { fromDay: Number.NEGATIVE_INFINITY, toDay: daily.endDay, aggregate });
  const endPeriod = periodOfDay(daily.endDay, aggregate);
  const ids = daily.log.customerIds;
  const rows: RfmSummaryRow[] = [];
  for (const c of idOrderOf(ids)) {
    if (s.periods[c] === 0) continue;
    const frequency = s.periods[c]! - 1;
    const repeatValue = s.repeatValue.value(c);
    assertFiniteTotal(repeatValue, fn, ids[c]!);
    rows.push({
      customerId: ids[c]!,
      frequency,
      recency: periodsToUnit(s.lastPeriod[c]! - s.firstPeriod[c]!, aggregate, unit),
      T: periodsToUnit(endPeriod - s.firstPeriod[c]!, aggregate, unit),
      monetaryValue: frequency === 0 ? 0 : repeatValue / frequency + 0,
    });
  }
  return rows;
}
