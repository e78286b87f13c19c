import type { ModelCustomer } from "./internal/input.js";
import {
  type FrequencyRecencyMatrix,
  frequencyRecencyMatrix,
  type MatrixOptions,
} from "./internal/matrix.js";

/** Options of {@link probabilityAliveMatrix}. */
export interface ProbabilityAliveMatrixOptions extends MatrixOptions {}

/**
 * P(alive) over a grid of frequency x recency for customers of age `T` (Fader, Hardie
 * & Lee 2005, figure 6): how the model's belief that a customer is still active falls
 * as the last purchase recedes, faster for frequent buyers. `frequencyRecencyChart`
 * draws it.
 *
 * @param model - a purchase model with `probabilityAlive`
 * @param options - `T` (required, the model's unit), `maxFrequency` (default 20), `steps` (default 20)
 * @returns `{ quantity: "probabilityAlive", T, t: null, frequencies, recencies, cells }`
 * @throws {CustomerValueError} `INVALID_OPTION` for a bad option
 *
 * @example
 * const m = probabilityAliveMatrix(bgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }), { T: 39, maxFrequency: 2, steps: 1 });
 * m.cells.map((c) => c.value.toFixed(2)); // => ["1.00", "0.15", "0.75", "0.03", "0.81"]
 */
export function probabilityAliveMatrix(
  model: { probabilityAlive(customer: ModelCustomer): number },
  options: ProbabilityAliveMatrixOptions,
): FrequencyRecencyMatrix {
  return frequencyRecencyMatrix("probabilityAliveMatrix", options, "probabilityAlive", null, (c) =>
    model.probabilityAlive(c),
  );
}
