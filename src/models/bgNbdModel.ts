import { BG_NBD } from "./internal/purchaseModels.js";
import { purchaseModel, type TransactionMethods } from "./internal/transactionModel.js";

/** The four BG/NBD parameters: purchase rates ~ Gamma(r, alpha), drop-out probabilities ~ Beta(a, b). */
export interface BgNbdParams {
  /** Shape of the gamma distribution of purchase rates; > 0. */
  readonly r: number;
  /** Scale (in the data's time unit) of the gamma distribution of purchase rates; > 0. */
  readonly alpha: number;
  /** First shape of the beta distribution of drop-out probabilities; > 0. */
  readonly a: number;
  /** Second shape of the beta distribution of drop-out probabilities; > 0. */
  readonly b: number;
}

/**
 * A BG/NBD model with its predictions. Every time `t` is in the time unit of the
 * data the parameters were fitted on (weeks for the CDNOW summary, days for
 * `rfmSummary` by default); nothing is converted.
 *
 * The predictions of {@link TransactionMethods}, here:
 * - `expectedPurchases`: E[X(t)]: expected number of purchases in `(0, t]` of a customer
 *   who made the first purchase at time 0 (FHL 2005 eq. 9). `t >= 0` in the data's time
 *   unit.
 * - `conditionalExpectedPurchases`: E[Y(t) | x, tx, T]: expected purchases in the next
 *   `t` time units of a customer with this history (FHL 2005 eq. 10). `t >= 0` in the
 *   data's time unit.
 * - `probabilityAlive`: P(alive | x, tx, T) (FHL 2005 eq. 12); 1 for a customer without
 *   repeat purchases.
 */
export interface BgNbdModel extends BgNbdParams, TransactionMethods {
  readonly model: "bg-nbd";
}

/**
 * A BG/NBD model from known parameters (e.g. published estimates), with the same
 * predictions as a fitted one.
 *
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"):
 * while alive a customer buys as a Poisson process with rate lambda ~
 * Gamma(r, alpha); after each purchase they drop out with probability p ~ Beta(a, b).
 *
 * @param params - `{ r, alpha, a, b }`, all finite and > 0; `alpha` in the data's time unit.
 * @returns the model with `expectedPurchases`, `conditionalExpectedPurchases`,
 *   `probabilityAlive`, `probabilityOfPurchases` and `logLikelihoodOf`.
 * @throws CustomerValueError `INVALID_OPTION` when a parameter is not a finite number > 0.
 *
 * @example
 * const m = bgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }); // CDNOW, weeks
 * m.probabilityAlive({ frequency: 2, recency: 30.43, T: 38.86 }); // => 0.7266 (to 4 digits)
 */
export function bgNbdModel(params: BgNbdParams): BgNbdModel {
  return purchaseModel("bgNbdModel", BG_NBD, params);
}
