import { idOrderOf } from "../engine/ids.js";
import { CompensatedSums } from "../engine/sum.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOneOf } from "../internal/assert.js";
import { type DateInput, describeValue, periodKeyOf } from "../internal/dates.js";
import type { TransactionInput } from "../table/TransactionTable.js";
import {
  assertFiniteTotal,
  dayOfOption,
  periodOfDay,
  periodsToUnit,
  type DailyLog,
  type PeriodWindow,
  purchasePeriods,
  type RfmAggregate,
  type RfmUnit,
  readDailyLog,
  resolveSummaryOptions,
} from "./internal.js";
import type { RfmSummaryRow } from "./rfmSummary.js";

/** How `monetaryValueHoldout` averages: per holdout transaction (as `lifetimes`) or per purchase period. */
export type HoldoutMonetaryValue = "transaction" | "period";

/** Options of {@link calibrationAndHoldout}. */
export interface CalibrationAndHoldoutOptions {
  /** Last day of the calibration period, inclusive at day granularity (required). */
  readonly calibrationEnd: DateInput;
  /**
   * Last day of the holdout period, inclusive at day granularity; must be after
   * `calibrationEnd` (default: the day of the last transaction in the log).
   */
  readonly observationEnd?: DateInput;
  /** `"day"` (default) or `"week"` (ISO week): what counts as one purchase, as in `rfmSummary`. */
  readonly aggregate?: RfmAggregate;
  /** `"day"` or `"week"` (days / 7): the unit of `recency`, `T`, `durationHoldout` (default: `aggregate`). */
  readonly unit?: RfmUnit;
  /** IANA time zone in which calendar days and weeks are cut (default UTC). */
  readonly timeZone?: string;
  /**
   * `"transaction"`: `monetaryValueHoldout` is the mean amount of the holdout
   * transactions, as `lifetimes` computes it (default); `"period"`: the mean value of
   * the holdout purchase periods, the same convention as `monetaryValue`.
   */
  readonly holdoutMonetaryValue?: HoldoutMonetaryValue;
}

/** One customer's row of {@link calibrationAndHoldout}. */
export interface CalibrationAndHoldoutRow extends RfmSummaryRow {
  /** Number of distinct purchase periods (days or ISO weeks) in the holdout period. */
  readonly frequencyHoldout: number;
  /** Mean holdout value (see `holdoutMonetaryValue`); 0 without holdout purchases. */
  readonly monetaryValueHoldout: number;
  /** Length of the holdout period, in `unit`: observation end - calibration end. */
  readonly durationHoldout: number;
}

/**
 * Splits a transaction log at `calibrationEnd` for testing buy-till-you-die models,
 * as Python `lifetimes`' `calibration_and_holdout_data` does: the calibration part is
 * `rfmSummary` of the transactions up to `calibrationEnd` (with `T` measured to
 * `calibrationEnd`); the holdout part counts, per customer, the purchase periods in
 * `(calibrationEnd, observationEnd]` (`frequencyHoldout`), their mean value
 * (`monetaryValueHoldout`) and the holdout length (`durationHoldout`, the same for all).
 *
 * Edge cases: customers whose first purchase falls in the holdout period are left out
 * (the models cannot score them); customers without holdout purchases get
 * `frequencyHoldout` 0 and `monetaryValueHoldout` 0. Both ends are inclusive calendar
 * days (UTC or `timeZone`). With `aggregate: "week"`, holdout days in the ISO week of
 * `calibrationEnd` form a holdout purchase week of their own, and `durationHoldout` is
 * the number of ISO weeks between the two ends, as in `lifetimes`. Rows are sorted by
 * `customerId`.
 *
 * @param transactions - the transaction log (`customerId`, `date`, `amount`): records or a `TransactionTable`
 * @param options - see {@link CalibrationAndHoldoutOptions}
 * @returns one row per customer with a purchase up to `calibrationEnd`
 * @throws {CustomerValueError} `INVALID_RECORD` listing every bad transaction, or naming a
 *   customer whose amounts add up beyond the largest double (about 1.8e308);
 *   `INVALID_OPTION` for a missing or invalid date, `observationEnd` not after
 *   `calibrationEnd`, or an invalid `aggregate`, `unit`, `timeZone` or `holdoutMonetaryValue`
 *
 * @example
 * calibrationAndHoldout(
 *   [
 *     { customerId: "A", date: "2024-01-01", amount: 10 },
 *     { customerId: "A", date: "2024-01-05", amount: 30 },
 *     { customerId: "A", date: "2024-01-12", amount: 20 },
 *     { customerId: "A", date: "2024-01-12", amount: 40 },
 *   ],
 *   { calibrationEnd: "2024-01-10", observationEnd: "2024-01-20" },
 * );
 * // => [{ customerId: "A", frequency: 1, recency: 4, T: 9, monetaryValue: 30,
 * //       frequencyHoldout: 1, monetaryValueHoldout: 30, durationHoldout: 10 }]
 */
export function calibrationAndHoldout(
  transactions: TransactionInput,
  options: CalibrationAndHoldoutOptions,
): CalibrationAndHoldoutRow[] {
  const fn = "calibrationAndHoldout";
  if (typeof options !== "object" || options === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options must be an object with calibrationEnd, got ${describeValue(options)}`,
    );
  }
  const { aggregate, unit, timeZone } = resolveSummaryOptions(options, fn);
  const holdoutMonetaryValue = options.holdoutMonetaryValue ?? "transaction";
  assertOneOf(holdoutMonetaryValue, ["transaction", "period"], `${fn}: holdoutMonetaryValue`);
  const calibrationDay = dayOfOption(options.calibrationEnd, `${fn}: calibrationEnd`, timeZone);
  const explicitEnd =
    options.observationEnd === undefined
      ? undefined
      : dayOfOption(options.observationEnd, `${fn}: observationEnd`, timeZone);
  const daily = readDailyLog(transactions, fn, { timeZone, endDay: explicitEnd });
  const endDay = daily.endDay;
  if (!Number.isFinite(endDay)) return []; // an empty log and no observationEnd
  if (endDay <= calibrationDay) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: observationEnd must be a later day than calibrationEnd (${periodKeyOf(calibrationDay, "day")}), got ${periodKeyOf(endDay, "day")}`,
    );
  }
  const calibrationPeriod = periodOfDay(calibrationDay, aggregate);
  const durationHoldout = periodsToUnit(periodOfDay(endDay, aggregate) - calibrationPeriod, aggregate, unit);
  const calibration = purchasePeriods(daily, {
    fromDay: Number.NEGATIVE_INFINITY,
    toDay: calibrationDay,
    aggregate,
  });
  const holdout = holdoutPurchases(daily, { fromDay: calibrationDay + 1, toDay: endDay, aggregate });
  const ids = daily.log.customerIds;
  const rows: CalibrationAndHoldoutRow[] = [];
  for (const c of idOrderOf(ids)) {
    if (calibration.periods[c] === 0) continue;
    const frequency = calibration.periods[c]! - 1;
    const repeatValue = calibration.repeatValue.value(c);
    const holdoutValue = holdout.value.value(c);
    assertFiniteTotal(repeatValue, fn, ids[c]!);
    assertFiniteTotal(holdoutValue, fn, ids[c]!);
    const frequencyHoldout = holdout.periods[c]!;
    const holdoutCount = holdoutMonetaryValue === "transaction" ? holdout.rows[c]! : frequencyHoldout;
    rows.push({
      customerId: ids[c]!,
      frequency,
      recency: periodsToUnit(calibration.lastPeriod[c]! - calibration.firstPeriod[c]!, aggregate, unit),
      T: periodsToUnit(calibrationPeriod - calibration.firstPeriod[c]!, aggregate, unit),
      monetaryValue: frequency === 0 ? 0 : repeatValue / frequency + 0,
      frequencyHoldout,
      monetaryValueHoldout: frequencyHoldout === 0 ? 0 : holdoutValue / holdoutCount + 0,
      durationHoldout,
    });
  }
  return rows;
}

/**
 * Each customer's holdout purchases in `window`: the number of distinct purchase periods
 * and of rows, and the total of their amounts (indexed by the log's customer index).
 */
function holdoutPurchases(daily: DailyLog, window: PeriodWindow) {
  const { fromDay, toDay, aggregate } = window;
  const { log, day, dayOrder } = daily;
  const n = log.customerIds.length;
  const periods = new Int32Array(n);
  const lastPeriod = new Int32Array(n);
  const rows = new Int32Array(n);
  const value = new CompensatedSums(n);
  for (let k = 0; k < log.length; k++) {
    const row = dayOrder === undefined ? k : dayOrder[k]!;
    if (day[row]! < fromDay || day[row]! > toDay) continue;
    const c = log.customer[row]!;
    const period = periodOfDay(day[row]!, aggregate);
    rows[c]!++;
    value.add(c, log.amount[row]!);
    if (periods[c] === 0 || period !== lastPeriod[c]) periods[c]!++;
    lastPeriod[c] = period;
  }
  return { periods, rows, value };
}
