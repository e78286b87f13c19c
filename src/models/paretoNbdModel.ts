import { PARETO_NBD } from "./internal/purchaseModels.js";
import { purchaseModel, type TransactionMethods } from "./internal/transactionModel.js";

/** The four Pareto/NBD parameters: purchase rates ~ Gamma(r, alpha), drop-out rates ~ Gamma(s, beta). */
export interface ParetoNbdParams {
  /** Shape of the gamma distribution of purchase rates; > 0. */
  readonly r: number;
  /** Scale (in the data's time unit) of the gamma distribution of purchase rates; > 0. */
  readonly alpha: number;
  /** Shape of the gamma distribution of drop-out rates; > 0. */
  readonly s: number;
  /** Scale (in the data's time unit) of the gamma distribution of drop-out rates; > 0. */
  readonly beta: number;
}

/**
 * A Pareto/NBD model with its predictions. Every time `t` is in the time unit of
 * the data the parameters were fitted on; nothing is converted.
 *
 * The predictions of {@link TransactionMethods}, here:
 * - `expectedPurchases`: E[X(t)] = r beta / (alpha (s - 1)) * [1 - (beta / (beta +
 *   t))^(s - 1)] (its limit r beta / alpha * ln(1 + t / beta) at s = 1): expected
 *   purchases in `(0, t]` of a new customer. `t >= 0` in the data's time unit.
 * - `conditionalExpectedPurchases`: E[Y(t) | x, tx, T] = (r + x)(beta + T) / ((alpha +
 *   T)(s - 1)) * [1 - ((beta + T) / (beta + T + t))^(s - 1)] * P(alive): expected
 *   purchases in the next `t` time units (Fader & Hardie note, eq. 26). `t >= 0`, data's
 *   time unit.
 * - `probabilityAlive`: P(alive | x, tx, T) (Fader & Hardie note, eq. 24).
 * - `probabilityOfPurchases`: P(X(t) = x) for a new customer (from the definition, by
 *   numerical integration over the lifetime).
 */
export interface ParetoNbdModel extends ParetoNbdParams, TransactionMethods {
  readonly model: "pareto-nbd";
}

/**
 * A Pareto/NBD model from known parameters, with the same predictions as a fitted one.
 *
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987): while alive a customer buys
 * as a Poisson process with rate lambda ~ Gamma(r, alpha); the lifetime is
 * exponential with rate mu ~ Gamma(s, beta).
 *
 * @param params - `{ r, alpha, s, beta }`, all finite and > 0; `alpha`, `beta` in the data's time unit.
 * @returns the model with `expectedPurchases`, `conditionalExpectedPurchases`,
 *   `probabilityAlive`, `probabilityOfPurchases` and `logLikelihoodOf`.
 * @throws CustomerValueError `INVALID_OPTION` when a parameter is not a finite number > 0.
 *
 * @example
 * const m = paretoNbdModel({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }); // CDNOW, weeks
 * m.expectedPurchases(39); // => 1.2130 (to 4 digits)
 */
export function paretoNbdModel(params: ParetoNbdParams): ParetoNbdModel {
  return purchaseModel("paretoNbdModel", PARETO_NBD, params);
}
