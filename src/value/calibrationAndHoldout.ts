import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOneOf } from "../internal/assert.js";
import { type DateInput, describeValue, periodKeyOf } from "../internal/dates.js";
import type { TransactionInput } from "../table/TransactionTable.js";
import {
  dayOfOption,
  inIdOrder,
  lastRowDay,
  periodOfDay,
  readLog,
  periodsToUnit,
  type RfmAggregate,
  type RfmUnit,
  resolveSummaryOptions,
  rowDays,
  summarisePeriods,
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
 * @throws {CustomerValueError} `INVALID_RECORD` listing every bad transaction;
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
  const columns = readLog(transactions, fn);
  const days = rowDays(columns, timeZone);
  const endDay = explicitEnd ?? lastRowDay(columns, days);
  if (!Number.isFinite(endDay)) return []; // an empty log and no observationEnd
  if (endDay <= calibrationDay) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: observationEnd must be a later day than calibrationEnd (${periodKeyOf(calibrationDay, "day")}), got ${periodKeyOf(endDay, "day")}`,
    );
  }
  const calibrationPeriod = periodOfDay(calibrationDay, aggregate);
  const durationHoldout = periodsToUnit(periodOfDay(endDay, aggregate) - calibrationPeriod, aggregate, unit);
  const holdout = new Map<number, { frequency: number; monetaryValue: number }>();
  for (const s of summarisePeriods(columns, days, calibrationDay + 1, endDay, aggregate).rows) {
    const count = holdoutMonetaryValue === "transaction" ? s.rows : s.periods;
    holdout.set(s.customer, { frequency: s.periods, monetaryValue: s.total / count + 0 });
  }
  const rows = summarisePeriods(
    columns,
    days,
    Number.NEGATIVE_INFINITY,
    calibrationDay,
    aggregate,
    (s): CalibrationAndHoldoutRow => {
      const frequency = s.periods - 1;
      const h = holdout.get(s.customer);
      return {
        customerId: columns.customerIds[s.customer]!,
        frequency,
        recency: periodsToUnit(s.lastPeriod - s.firstPeriod, aggregate, unit),
        T: periodsToUnit(calibrationPeriod - s.firstPeriod, aggregate, unit),
        monetaryValue: frequency === 0 ? 0 : s.repeatTotal / frequency + 0,
        frequencyHoldout: h?.frequency ?? 0,
        monetaryValueHoldout: h?.monetaryValue ?? 0,
        durationHoldout,
      };
    },
  );
  return inIdOrder(rows, columns.customerIds);
}
