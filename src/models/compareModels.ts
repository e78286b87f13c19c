import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOptions } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { type HoldoutEvaluation, holdoutEvaluation } from "./holdoutEvaluation.js";
import type { HoldoutRow } from "./internal/diagnostics.js";
import type { ModelCustomer } from "./internal/input.js";

/** What {@link compareModels} reads from a fitted model (any fit of this entry point has it). */
export interface ComparableModel {
  /** The model's kind: `"bg-nbd"`, `"pareto-nbd"`, `"mbg-nbd"`, `"bg-bb"`, `"sbg"`, `"gamma-gamma"`. */
  readonly model: string;
  readonly logLikelihood: number;
  /** One entry per parameter (the count is what AIC and BIC charge for). */
  readonly standardErrors: Readonly<Record<string, number | null>>;
  readonly customers: number;
}

/** Options of {@link compareModels}. */
export interface CompareModelsOptions {
  /**
   * Rows of `calibrationAndHoldout`: each purchase model (BG/NBD, Pareto/NBD, MBG/NBD)
   * is also scored on them with `holdoutEvaluation`.
   */
  readonly holdout?: readonly HoldoutRow[];
}

/** One model's row of {@link compareModels}. */
export interface ModelComparisonRow {
  /** The key the model was passed under. */
  readonly name: string;
  readonly model: string;
  /** Number of parameters k. */
  readonly parameters: number;
  readonly customers: number;
  readonly logLikelihood: number;
  /** AIC = 2k - 2 LL and BIC = k ln(n) - 2 LL (n = customers): lower is better. */
  readonly aic: number;
  readonly bic: number;
  /** AIC minus the smallest AIC in the table (0 for the best; above about 10, clearly worse). */
  readonly deltaAic: number;
  /** The holdout scores, or `null` without `options.holdout` or for a model that cannot predict them. */
  readonly holdout: HoldoutEvaluation | null;
}

const PURCHASE_MODELS = ["bg-nbd", "pareto-nbd", "mbg-nbd"];

/**
 * A comparison table of fitted models on the same data: log-likelihood, AIC, BIC and
 * (with `options.holdout`) the holdout errors of `holdoutEvaluation`, one row per model
 * in the order given. Information criteria compare models fitted to the same customers
 * only, so every model must report the same number of customers.
 *
 * @param models - fitted models by name, e.g. `{ "BG/NBD": bg, "Pareto/NBD": pn }`
 * @param options - `holdout` rows to score the purchase models on
 * @returns `[{ name, model, parameters, customers, logLikelihood, aic, bic, deltaAic, holdout }]`
 * @throws {CustomerValueError} `EMPTY_INPUT` for no models; `INVALID_OPTION` for a value
 *   that is not a fitted model, or models fitted on different numbers of customers
 *
 * @example
 * const table = compareModels({ "BG/NBD": fitBgNbd(cdnow), "MBG/NBD": fitMbgNbd(cdnow) });
 * table.map((row) => row.aic.toFixed(1)); // => ["19172.9", "19172.3"]
 */
export function compareModels(
  models: Readonly<Record<string, ComparableModel>>,
  options: CompareModelsOptions = {},
): ModelComparisonRow[] {
  const fn = "compareModels";
  assertOptions(options, fn);
  if (typeof models !== "object" || models === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: models must be an object of fitted models, got ${describeValue(models)}`,
    );
  }
  const entries = Object.entries(models);
  if (entries.length === 0)
    throw new CustomerValueError("EMPTY_INPUT", `${fn}: models must hold at least one fitted model`);
  for (const [name, m] of entries) {
    const fitted =
      typeof m === "object" &&
      m !== null &&
      Number.isFinite(m.logLikelihood) &&
      Number.isFinite(m.customers) &&
      typeof m.standardErrors === "object";
    if (!fitted) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: models.${name} must be a fitted model (with logLikelihood, standardErrors and customers)`,
      );
    }
  }
  const n = entries[0]![1].customers;
  const other = entries.find(([, m]) => m.customers !== n);
  if (other !== undefined) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: every model must be fitted on the same customers to compare likelihoods; ${entries[0]![0]} has ${n}, ${other[0]} has ${other[1].customers}`,
    );
  }
  const rows = entries.map(([name, m]) => {
    const k = Object.keys(m.standardErrors).length;
    const holdout =
      options.holdout !== undefined && PURCHASE_MODELS.includes(m.model)
        ? holdoutEvaluation(
            m as unknown as { conditionalExpectedPurchases(t: number, c: ModelCustomer): number },
            options.holdout,
          )
        : null;
    return {
      name,
      model: m.model,
      parameters: k,
      customers: n,
      logLikelihood: m.logLikelihood,
      aic: 2 * k - 2 * m.logLikelihood,
      bic: k * Math.log(n) - 2 * m.logLikelihood,
      holdout,
    };
  });
  const best = Math.min(...rows.map((r) => r.aic));
  return rows.map((r) => ({ ...r, deltaAic: r.aic - best }));
}
