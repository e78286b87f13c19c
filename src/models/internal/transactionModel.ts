/**
 * What the purchase models (BG/NBD, MBG/NBD, Pareto/NBD) share: their declaration
 * ({@link PurchaseModelSpec}) and the model built from it, whose predictions check
 * their input and never return NaN. Not public.
 */
import { CustomerValueError } from "../../errors/CustomerValueError.js";
import { assertInRange } from "../../internal/assert.js";
import { describeValue } from "../../internal/dates.js";
import type { LogLikelihood } from "./fit.js";
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

/** The largest x of `probabilityOfPurchases`: its formulas sum x terms (10 million: about 0.1 s). */
const MAX_PURCHASES_ASKED = 10_000_000;
/** A model's parameters by name. */
export type Params<K extends string> = Readonly<Record<K, number>>;

/**
 * One purchase model: its tag, its parameters (in the order of the fit's vector
 * `theta`) and its formulas on plain, checked numbers.
 */
export interface PurchaseModelSpec<M extends string, K extends string> {
  readonly model: M;
  readonly names: readonly K[];
  /** The fit starts shapes at 1 and scales (in the data's time unit) at the data's time scale. */
  readonly shapes: readonly K[];
  readonly scales: readonly K[];
  expected(p: Params<K>, t: number): number;
  conditional(p: Params<K>, t: number, c: History): number;
  alive(p: Params<K>, c: History): number;
  probabilityOf(p: Params<K>, x: number, t: number): number;
  /** The total log-likelihood over a grouped summary as a function of `theta`, with its gradient. */
  likelihood(columns: SummaryColumns, checkTime?: () => void): LogLikelihood;
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

/** A purchase model: its tag, its parameters and its predictions. */
export type PurchaseModel<M extends string, K extends string> = { readonly model: M } & Params<K> &
  TransactionMethods;

/**
 * Builds a purchase model from its parameters, each checked to be a finite number > 0.
 * Every prediction checks its input and never returns NaN.
 */
export function purchaseModel<M extends string, K extends string>(
  fn: string,
  spec: PurchaseModelSpec<M, K>,
  params: Params<K>,
): PurchaseModel<M, K> {
  const p = {} as Record<K, number>;
  for (const name of spec.names) {
    assertInRange(params?.[name], `${fn}: params.${name}`, 0, Number.POSITIVE_INFINITY, { minOpen: true });
    p[name] = params[name];
  }
  const theta = spec.names.map((name) => p[name]);
  const historyOf = (customer: ModelCustomer, method: string): History => {
    readCustomer(customer, method);
    return { x: customer.frequency, tx: customer.recency, T: customer.T };
  };
  const methods: TransactionMethods = {
    expectedPurchases(t) {
      return finiteResult(spec.expected(p, readTime(t, "expectedPurchases: t")), "expectedPurchases");
    },
    conditionalExpectedPurchases(t, customer) {
      const time = readTime(t, "conditionalExpectedPurchases: t");
      const c = historyOf(customer, "conditionalExpectedPurchases");
      return finiteResult(spec.conditional(p, time, c), "conditionalExpectedPurchases");
    },
    probabilityAlive(customer) {
      return finiteResult(spec.alive(p, historyOf(customer, "probabilityAlive")), "probabilityAlive");
    },
    probabilityOfPurchases(x, t) {
      if (!isPurchaseCount(x) || x > MAX_PURCHASES_ASKED) {
        throw new CustomerValueError(
          "INVALID_OPTION",
          `probabilityOfPurchases: x must be a whole number from 0 to ${MAX_PURCHASES_ASKED}, got ${describeValue(x)}`,
        );
      }
      const time = readTime(t, "probabilityOfPurchases: t");
      if (time === 0) return x === 0 ? 1 : 0;
      const probability = Math.min(1, Math.max(0, spec.probabilityOf(p, x, time)));
      return finiteResult(probability, "probabilityOfPurchases");
    },
    logLikelihoodOf(summary) {
      return spec.likelihood(readSummary(summary, "logLikelihoodOf"))(theta, undefined);
    },
  };
  return { model: spec.model, ...p, ...methods };
}
