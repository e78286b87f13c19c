import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertFinite } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";

/** The money of {@link customerProfitability}, for one customer or a group, over one period. */
export interface ProfitabilityInput {
  /** Revenue from the customer (>= 0). */
  readonly revenue: number;
  /** Cost of the goods or services sold to the customer (>= 0). */
  readonly cost: number;
  /** Cost to serve the customer (>= 0; default 0), e.g. from {@link allocateCostToServe}. */
  readonly costToServe?: number;
}

/**
 * Customer profitability (balanced scorecard): the share of the revenue
 * left after the cost of goods and the cost to serve,
 *
 *     customerProfitability = (revenue - cost - costToServe) / revenue
 *
 * It is at most 1 and can be negative (a loss-making customer). Revenue 0 has no base:
 * `null`.
 *
 * @param input - `{ revenue, cost, costToServe? }`, finite numbers >= 0
 * @returns the profit margin after cost to serve, or `null` when `revenue = 0`
 * @throws {CustomerValueError} `NEGATIVE_VALUE` for a negative amount; `INVALID_OPTION`
 *   for an amount that is not a finite number
 * @example
 * customerProfitability({ revenue: 1000, cost: 600, costToServe: 150 }); // => 0.25
 */
export function customerProfitability(input: ProfitabilityInput): number | null {
  const fn = "customerProfitability";
  const { revenue, cost, costToServe = 0 } = input ?? ({} as ProfitabilityInput);
  for (const [name, value] of [
    ["revenue", revenue],
    ["cost", cost],
    ["costToServe", costToServe],
  ] as const) {
    assertFinite(value, `${fn}: ${name}`);
    if (value < 0) {
      throw new CustomerValueError(
        "NEGATIVE_VALUE",
        `${fn}: ${name} must be >= 0, got ${describeValue(value)}`,
      );
    }
  }
  if (revenue === 0) return null;
  const margin = (revenue - cost - costToServe) / revenue + 0;
  if (!Number.isFinite(margin)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: (revenue - cost - costToServe) / revenue must be a finite number, got revenue ${describeValue(revenue)} (so close to 0 that the margin overflows)`,
    );
  }
  return margin;
}
