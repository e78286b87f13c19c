import type { BgNbdParams } from "./bgNbdModel.js";
import { MBG_NBD } from "./internal/purchaseModels.js";
import { purchaseModel, type TransactionMethods } from "./internal/transactionModel.js";

/** The four MBG/NBD parameters, named and constrained as BG/NBD's. */
export interface MbgNbdParams extends BgNbdParams {}

/**
 * An MBG/NBD model with its predictions. Every time `t` is in the time unit of the
 * data the parameters were fitted on; nothing is converted.
 *
 * The predictions of {@link TransactionMethods}, here:
 * - `expectedPurchases`: E[X(t)] = b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b;
 *   t/(alpha+t))]: expected purchases in `(0, t]` of a new customer. `t >= 0` in the
 *   data's time unit.
 * - `conditionalExpectedPurchases`: E[Y(t) | x, tx, T] = (a+b+x)/(a-1) [1 -
 *   ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))] P(alive) (Wagner
 *   & Hoppe 2008).
 * - `probabilityAlive`: P(alive | x, tx, T) = 1 / (1 + a/(b+x)
 *   ((alpha+T)/(alpha+tx))^(r+x)); below 1 for a customer without repeat purchases too
 *   (they may have left right after buying).
 */
export interface MbgNbdModel extends MbgNbdParams, TransactionMethods {
  readonly model: "mbg-nbd";
}

/**
 * An MBG/NBD model from known parameters (e.g. published estimates), with the same
 * predictions as a fitted one.
 *
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison
 * of models for customer base analysis"): BG/NBD in which a customer may also drop
 * out right after the first purchase, with the same probability p ~ Beta(a, b) as
 * after every repeat purchase; so a customer who never bought again is not
 * necessarily alive.
 *
 * @param params - `{ r, alpha, a, b }`, all finite and > 0; `alpha` in the data's time unit.
 * @returns the model with `expectedPurchases`, `conditionalExpectedPurchases`,
 *   `probabilityAlive`, `probabilityOfPurchases` and `logLikelihoodOf`.
 * @throws CustomerValueError `INVALID_OPTION` when a parameter is not a finite number > 0.
 *
 * @example
 * const m = mbgNbdModel({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }); // CDNOW, weeks
 * m.probabilityAlive({ frequency: 0, recency: 0, T: 38.86 }); // => 0.39 (to 2 digits: 1 / (1 + 0.891/1.614 (45.043/6.183)^0.525))
 */
export function mbgNbdModel(params: MbgNbdParams): MbgNbdModel {
  return purchaseModel("mbgNbdModel", MBG_NBD, params);
}
