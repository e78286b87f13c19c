/**
 * The prediction methods the purchase models (BG/NBD, MBG/NBD, Pareto/NBD) share,
 * built from a model's formulas: input checks, and results that are never NaN.
 * Not public.
 */
import { CustomerValueError } from "../../errors/CustomerValueError.js";
import { describeValue } from "../../internal/dates.js";
import {
  finiteResult,
  type History,
  type ModelCustomer,
  isPurchaseCount,
  readCustomer,
  readSummary,
  readTime,
  type SummaryColumns,
} from "./input.js";

/** A purchase model's formulas on plain, checked numbers. */
export interface TransactionFormulas {
  expected(t: number): number;
  conditional(t: number, c: History): number;
  alive(c: History): number;
  probabilityOf(x: number, t: number): number;
  total(columns: SummaryColumns): number;
}

/** The prediction methods every purchase model offers. */
export interface TransactionMethods {
  /** E[X(t)]: expected purchases in `(0, t]` of a new customer (first purchase at 0). */
  expectedPurchases(t: number): number;
  /** E[Y(t) | x, tx, T]: expected purchases in the next `t` time units given the history. */
  conditionalExpectedPurchases(t: number, customer: ModelCustomer): number;
  /** P(alive | x, tx, T): the probability that the customer is still active at T. */
  probabilityAlive(customer: ModelCustomer): number;
  /**
   * P(X(t) = x): the probability that a new customer makes exactly `x` repeat
   * purchases in `(0, t]` (`x` a whole number from 0 to 2^53 - 1, `t >= 0`).
   */
  probabilityOfPurchases(x: number, t: number): number;
  /** The log-likelihood of a summary under these parameters (summed over customers). */
  logLikelihoodOf(summary: readonly ModelCustomer[]): number;
}

/** Builds the {@link TransactionMethods} of a model from its formulas. */
export function transactionMethods(f: TransactionFormulas): TransactionMethods {
  return {
    expectedPurchases(t) {
      return finiteResult(f.expected(readTime(t, "expectedPurchases: t")), "expectedPurchases");
    },
    conditionalExpectedPurchases(t, customer) {
      const time = readTime(t, "conditionalExpectedPurchases: t");
      readCustomer(customer, "conditionalExpectedPurchases");
      const c = { x: customer.frequency, tx: customer.recency, T: customer.T };
      return finiteResult(f.conditional(time, c), "conditionalExpectedPurchases");
    },
    probabilityAlive(customer) {
      readCustomer(customer, "probabilityAlive");
      const c = { x: customer.frequency, tx: customer.recency, T: customer.T };
      return finiteResult(f.alive(c), "probabilityAlive");
    },
    probabilityOfPurchases(x, t) {
      if (!isPurchaseCount(x)) {
        throw new CustomerValueError(
          "INVALID_OPTION",
          `probabilityOfPurchases: x must be a whole number from 0 to 2^53 - 1, got ${describeValue(x)}`,
        );
      }
      const time = readTime(t, "probabilityOfPurchases: t");
      if (time === 0) return x === 0 ? 1 : 0;
      return finiteResult(Math.min(1, Math.max(0, f.probabilityOf(x, time))), "probabilityOfPurchases");
    },
    logLikelihoodOf(summary) {
      return f.total(readSummary(summary, "logLikelihoodOf"));
    },
  };
}
