import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInRange } from "../internal/assert.js";
import { type ModelCustomer, readCustomer, readRepeatBuyers } from "./internal/input.js";
import { gammaGammaConditional, gammaGammaTotal } from "./internal/gammaGammaMath.js";

/** The three Gamma-Gamma parameters of the spend model. */
export interface GammaGammaParams {
  /** Shape of the gamma distribution of one transaction's value; > 0. */
  readonly p: number;
  /** Shape of the gamma distribution of the customers' scale nu; > 0. */
  readonly q: number;
  /** Scale (in money) of the gamma distribution of nu; > 0. */
  readonly v: number;
}

/** A Gamma-Gamma spend model with its predictions. */
export interface GammaGammaModel extends GammaGammaParams {
  readonly model: "gamma-gamma";
  /**
   * E[Z | x, zbar] = p (v + x zbar) / (p x + q - 1) (FHL 2005 "RFM and CLV" eq. 2):
   * the expected value of one future transaction of a customer whose `frequency`
   * repeat purchases averaged `monetaryValue`; a weighted mean of the population
   * mean `p v / (q - 1)` and the customer's own mean. A customer with frequency 0
   * gets the population mean. Throws `INVALID_OPTION` when that mean is infinite
   * (q <= 1) and the customer has no repeat purchase, or when the customer's own
   * posterior mean is infinite (p x + q <= 1).
   */
  conditionalExpectedAverageValue(customer: ModelCustomer): number;
  /** The population mean value of a transaction, p v / (q - 1); `null` when q <= 1 (infinite). */
  readonly expectedAverageValue: number | null;
  /** The log-likelihood of the repeat buyers of a summary under these parameters. */
  logLikelihoodOf(summary: readonly ModelCustomer[]): number;
}

/**
 * A Gamma-Gamma spend model from known parameters, with the same predictions as
 * a fitted one.
 *
 * Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and CLV"): a customer's transaction
 * values are Gamma(p, nu) with nu ~ Gamma(q, v) across customers, independent of
 * the purchase process.
 *
 * @param params - `{ p, q, v }`, all finite and > 0.
 * @returns the model with `conditionalExpectedAverageValue`, `expectedAverageValue`
 *   and `logLikelihoodOf`.
 * @throws CustomerValueError `INVALID_OPTION` when a parameter is not a finite number > 0, or when
 *   the population mean `p v / (q - 1)` is beyond the largest double.
 *
 * @example
 * const m = gammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 }); // CDNOW
 * m.conditionalExpectedAverageValue({ frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 }); // => 24.66 (= 375.875 / 15.24)
 */
export function gammaGammaModel(params: GammaGammaParams): GammaGammaModel {
  const fn = "gammaGammaModel";
  for (const name of ["p", "q", "v"] as const) {
    assertInRange(params?.[name], `${fn}: params.${name}`, 0, Number.POSITIVE_INFINITY, { minOpen: true });
  }
  const { p, q, v } = params;
  const populationMean = q > 1 ? (p * v) / (q - 1) : null;
  if (populationMean === Number.POSITIVE_INFINITY) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: the population mean p v / (q - 1) of these parameters is beyond the largest double (about 1.8e308), got p ${p}, q ${q}, v ${v}`,
    );
  }
  return {
    model: "gamma-gamma",
    p,
    q,
    v,
    expectedAverageValue: populationMean,
    conditionalExpectedAverageValue(customer) {
      readCustomer(customer, "conditionalExpectedAverageValue", true);
      if (customer.frequency === 0) {
        if (populationMean === null) {
          throw new CustomerValueError(
            "INVALID_OPTION",
            `conditionalExpectedAverageValue: the population mean spend p v / (q - 1) is infinite for q <= 1, got q = ${q}; a customer with frequency 0 has no value of their own to fall back on`,
          );
        }
        return populationMean;
      }
      if (p * customer.frequency + q <= 1) {
        throw new CustomerValueError(
          "INVALID_OPTION",
          `conditionalExpectedAverageValue: the expected spend p (v + x zbar) / (p x + q - 1) is infinite for p x + q <= 1, got p = ${p}, q = ${q}, x = ${customer.frequency}`,
        );
      }
      return gammaGammaConditional(p, q, v, customer.frequency, customer.monetaryValue!);
    },
    logLikelihoodOf(summary) {
      const { x, zbar } = readRepeatBuyers(summary, "logLikelihoodOf");
      return gammaGammaTotal([p, q, v], x, zbar);
    },
  };
}
