import { assertInRange } from "../internal/assert.js";
import type { ModelCustomer } from "./internal/input.js";
import {
  type FrequencyRecencyMatrix,
  frequencyRecencyMatrix,
  type MatrixOptions,
} from "./internal/matrix.js";

/** Options of {@link expectedPurchasesMatrix}. */
export interface ExpectedPurchasesMatrixOptions extends MatrixOptions {
  /** The horizon: purchases expected in the next `t` time units (the model's unit); >= 0. Required. */
  readonly t: number;
}

/**
 * Expected purchases in the next `t` time units over a grid of frequency x recency
 * for customers of age `T` (Fader, Hardie & Lee 2005, figure 5: the iso-value view of
 * the customer base). `frequencyRecencyChart` draws it.
 *
 * @param model - a purchase model with `conditionalExpectedPurchases`
 * @param options - `t` and `T` (required, the model's unit), `maxFrequency` (default 20), `steps` (default 20)
 * @returns `{ quantity: "expectedPurchases", T, t, frequencies, recencies, cells }`
 * @throws {CustomerValueError} `INVALID_OPTION` for a bad option
 *
 * @example
 * const m = expectedPurchasesMatrix(bgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }), { t: 39, T: 39, maxFrequency: 1, steps: 1 });
 * m.cells.length; // => 3 (frequency 0 at recency 0; frequency 1 at recency 0 and 39)
 */
export function expectedPurchasesMatrix(
  model: { conditionalExpectedPurchases(t: number, customer: ModelCustomer): number },
  options: ExpectedPurchasesMatrixOptions,
): FrequencyRecencyMatrix {
  const fn = "expectedPurchasesMatrix";
  assertInRange(options?.t, `${fn}: t`, 0, Number.MAX_VALUE);
  const { t } = options;
  return frequencyRecencyMatrix(fn, options, "expectedPurchases", t, (c) =>
    model.conditionalExpectedPurchases(t, c),
  );
}
