import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertFinite } from "../internal/assert.js";

/**
 * Satisfaction as a ratio (the second source; docs/satisfaction.md): what the customer
 * actually received divided by what the customer expected, `perceived / expected`.
 * Above 1 the customer is delighted, 1 exactly met, below 1 disappointed.
 *
 * Edge cases: an expectation of 0 is a rate with base 0 and gives `null` (never
 * `Infinity` or `NaN`); both inputs must be on the same non-negative scale.
 *
 * @param perceived - what the customer received (a score or an amount, >= 0)
 * @param expected - what the customer expected, on the same scale (>= 0)
 * @returns `perceived / expected`, or `null` when `expected` is 0
 * @throws {CustomerValueError} `INVALID_OPTION` if an input is not a finite number, or if the
 *   ratio overflows (an `expected` so close to 0, e.g. `5e-324`, that the ratio is not finite);
 *   `NEGATIVE_VALUE` if an input is negative
 * @example
 * expectationRatio(9, 8); // => 1.125
 */
export function expectationRatio(perceived: number, expected: number): number | null {
  assertFinite(perceived, "expectationRatio: perceived");
  assertFinite(expected, "expectationRatio: expected");
  for (const [name, x] of [
    ["perceived", perceived],
    ["expected", expected],
  ] as const) {
    if (x < 0) {
      throw new CustomerValueError("NEGATIVE_VALUE", `expectationRatio: ${name} must be >= 0, got ${x}`);
    }
  }
  if (expected === 0) return null;
  const ratio = perceived / expected + 0;
  if (!Number.isFinite(ratio)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `expectationRatio: perceived / expected must be a finite number, got ${perceived} / ${expected} (the ratio overflows)`,
    );
  }
  return ratio;
}
