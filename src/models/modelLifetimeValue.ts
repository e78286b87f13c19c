import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { assertArray, assertInRange, assertInteger, assertOptions } from "../internal/assert.js";
import { withErrorPrefix } from "../internal/errors.js";
import { CompensatedSum, finiteSum } from "../engine/sum.js";
import type { GammaGammaModel } from "./gammaGammaModel.js";
import { checkCustomer, type ModelCustomer } from "./internal/input.js";

/** Anything that predicts a customer's future purchases: a BG/NBD or Pareto/NBD model. */
export interface TransactionModel {
  readonly model: string;
  conditionalExpectedPurchases(t: number, customer: ModelCustomer): number;
}

/** Options of {@link modelLifetimeValue}. */
export interface ModelLifetimeValueOptions {
  /** The purchase model (fitted with `fitBgNbd` / `fitParetoNbd`, or built from known parameters). */
  readonly transactionModel: TransactionModel;
  /** The spend model (`fitGammaGamma` / `gammaGammaModel`): the value of one future purchase. */
  readonly spendModel: Pick<GammaGammaModel, "conditionalExpectedAverageValue">;
  /**
   * The time unit of the data both models were fitted on (`"week"` for the CDNOW
   * summary, `"day"` for `rfmSummary` by default). Required and echoed in the
   * result so that the unit is always written down; nothing is converted.
   */
  readonly timeUnit: string;
  /** Length of one discounting period in `timeUnit` (e.g. 4 weeks, or 30 days); > 0. */
  readonly periodLength: number;
  /** Number of periods in the horizon; a whole number >= 1. */
  readonly periods: number;
  /** Discount rate per period (e.g. 0.01 per 4-week period); >= 0. */
  readonly discountRate: number;
  /** Share of the purchase value that is margin, in [0, 1]; default 1 (value = revenue). */
  readonly margin?: number;
}

/** One customer's model-based lifetime value. */
export interface ModelLifetimeValueRow {
  /** The customer's id, or `null` when the row had none. */
  readonly customerId: string | null;
  /** Expected purchases over the whole horizon (periods * periodLength time units). */
  readonly expectedPurchases: number;
  /** Expected value of one future purchase (spend model). */
  readonly expectedAverageValue: number;
  /** Present value of the expected margin over the horizon. */
  readonly lifetimeValue: number;
}

/** The result of {@link modelLifetimeValue}. */
export interface ModelLifetimeValueResult {
  readonly timeUnit: string;
  readonly periodLength: number;
  readonly periods: number;
  /** The horizon in `timeUnit`: periods * periodLength. */
  readonly horizon: number;
  readonly discountRate: number;
  readonly margin: number;
  /** One row per input customer, in input order. */
  readonly customers: ModelLifetimeValueRow[];
  /** Sum of `lifetimeValue` (compensated summation). */
  readonly totalLifetimeValue: number;
}

/** Most periods {@link modelLifetimeValue} sums (daily periods over 270 years). */
const MAX_PERIODS = 100_000;

/**
 * Model-based customer lifetime value: the discounted expected margin stream of
 * each customer over a finite horizon, from a purchase model (BG/NBD or
 * Pareto/NBD) and the Gamma-Gamma spend model.
 *
 * `CLV_i = sum_{k=1..K} margin * E[Z_i] * (E[Y_i(k L)] - E[Y_i((k-1) L)]) / (1 + d)^k`
 * with `L = periodLength`, `K = periods`, `d = discountRate` per period,
 * `E[Y_i(t)]` the conditional expected purchases in the next `t` time units and
 * `E[Z_i]` the conditional expected value of one purchase (Fader, Hardie & Lee
 * 2005, "RFM and CLV"; the discrete form of Python `lifetimes`'
 * `customer_lifetime_value`). Purchases in period k are discounted at its end.
 *
 * Time units: `periodLength` is in the unit of the data the models were fitted on
 * (`timeUnit`, stated by you); no day/week/month conversion happens anywhere. For
 * monthly discounting on weekly data pass e.g. `periodLength: 52 / 12`, with a
 * monthly `discountRate`.
 *
 * @param customers - rows `{ customerId?, frequency, recency, T, monetaryValue? }`
 *   (the `rfmSummary` output); `monetaryValue` > 0 needed for repeat buyers.
 *   Customers without repeat purchases get the spend model's population mean.
 * @param options - see {@link ModelLifetimeValueOptions}.
 * @returns per-customer rows (input order) and the total; an empty input gives no rows and total 0.
 * @throws CustomerValueError `INVALID_OPTION` for a bad option (`periods` at most 100000), `INVALID_RECORD`
 *   listing every bad customer row, or for a lifetime value beyond the largest double (about 1.8e308).
 *
 * @example
 * // CDNOW summary with spend (weeks): one year of 4-week periods, 1% per period
 * const clv = modelLifetimeValue(cdnow, {
 *   transactionModel: fitBgNbd(cdnow),
 *   spendModel: fitGammaGamma(cdnow),
 *   timeUnit: "week", periodLength: 4, periods: 13, discountRate: 0.01,
 * });
 * clv.customers[0].lifetimeValue; // => 36.04 (customer 1: x = 2, tx = 30.43, T = 38.86, zbar = 22.35)
 */
export function modelLifetimeValue(
  customers: readonly ModelCustomer[],
  options: ModelLifetimeValueOptions,
): ModelLifetimeValueResult {
  const fn = "modelLifetimeValue";
  assertArray(customers, `${fn}: customers`);
  assertOptions(options, fn);
  const { transactionModel, spendModel, timeUnit, periodLength, periods, discountRate } = options;
  const margin = options.margin ?? 1;
  if (typeof transactionModel?.conditionalExpectedPurchases !== "function") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options.transactionModel must be a BG/NBD or Pareto/NBD model (from fitBgNbd, fitParetoNbd, bgNbdModel or paretoNbdModel)`,
    );
  }
  if (typeof spendModel?.conditionalExpectedAverageValue !== "function") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options.spendModel must be a Gamma-Gamma model (from fitGammaGamma or gammaGammaModel)`,
    );
  }
  if (typeof timeUnit !== "string" || timeUnit.trim() === "") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options.timeUnit must name the time unit of the data the models were fitted on (e.g. "week"), got ${JSON.stringify(timeUnit)}`,
    );
  }
  assertInRange(periodLength, `${fn}: options.periodLength`, 0, Number.POSITIVE_INFINITY, { minOpen: true });
  assertInteger(periods, `${fn}: options.periods`, 1);
  if (periods > MAX_PERIODS) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options.periods must be at most ${MAX_PERIODS} (the sum runs period by period), got ${periods}; use a longer periodLength`,
    );
  }
  assertInRange(discountRate, `${fn}: options.discountRate`, 0, Number.POSITIVE_INFINITY);
  assertInRange(margin, `${fn}: options.margin`, 0, 1);

  const issues: ValidationIssue[] = [];
  for (let i = 0; i < customers.length; i++) checkCustomer(customers[i], `[${i}]`, issues, true);
  if (issues.length > 0) {
    throw new CustomerValueError("INVALID_RECORD", `${fn}: invalid customer rows (${issues.length} issues)`, {
      issues,
    });
  }

  const discount = Array.from({ length: periods }, (_, k) => (1 + discountRate) ** -(k + 1));
  const total = new CompensatedSum();
  const rows = customers.map((customer, i): ModelLifetimeValueRow => {
    // A model's refusal (e.g. an infinite expected spend) is said for this customer.
    const id = customer.customerId === undefined ? "" : ` (${customer.customerId})`;
    return withErrorPrefix(`${fn}: customer [${i}]${id}: `, () => {
      const value = spendModel.conditionalExpectedAverageValue(customer);
      let previous = 0;
      let discounted = 0;
      for (let k = 1; k <= periods; k++) {
        const cumulative = transactionModel.conditionalExpectedPurchases(k * periodLength, customer);
        discounted += (cumulative - previous) * discount[k - 1]!;
        previous = cumulative;
      }
      const lifetimeValue = finiteSum(margin * value * discounted + 0, "its lifetime value");
      total.add(lifetimeValue);
      return {
        customerId: customer.customerId ?? null,
        expectedPurchases: previous + 0,
        expectedAverageValue: value,
        lifetimeValue,
      };
    });
  });
  return {
    timeUnit,
    periodLength,
    periods,
    horizon: periods * periodLength,
    discountRate,
    margin,
    customers: rows,
    totalLifetimeValue: finiteSum(total.value, `${fn}: totalLifetimeValue`),
  };
}
