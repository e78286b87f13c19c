/**
 * Market share: our sales as a fraction of the whole market's sales.
 */
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertFinite } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";

/**
 * Market share = own sales / total market sales (a balanced-scorecard measure; the
 * horizontal axis of the BCG matrix is built from it).
 *
 * Both amounts are in the same unit (money or units sold) over the same period. The
 * market total includes our own sales, so the share is a fraction in [0, 1].
 *
 * Edge cases: a market with no sales at all (`marketSales = 0`, hence `sales = 0`)
 * has no share: the result is `null` (a rate whose base is 0), never `NaN`. `-0` is
 * returned as 0.
 *
 * @param sales - our sales in the market, >= 0
 * @param marketSales - total sales of the market (ours included), >= `sales`
 * @returns `sales / marketSales` in [0, 1], or `null` when `marketSales` is 0
 * @throws {CustomerValueError} `INVALID_OPTION` if an argument is not a finite number
 *   or `sales > marketSales`; `NEGATIVE_VALUE` if an argument is negative
 *
 * @example
 * marketShare(250, 1000); // => 0.25
 * marketShare(0, 0); // => null
 */
export function marketShare(sales: number, marketSales: number): number | null {
  assertFinite(sales, "marketShare: sales");
  assertFinite(marketSales, "marketShare: marketSales");
  if (sales < 0 || marketSales < 0) {
    const [name, value] = sales < 0 ? ["sales", sales] : ["marketSales", marketSales];
    throw new CustomerValueError(
      "NEGATIVE_VALUE",
      `marketShare: ${name} must be >= 0, got ${describeValue(value)}`,
    );
  }
  if (sales > marketSales) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `marketShare: sales must not exceed marketSales (the market total includes our own sales), got sales ${describeValue(sales)} and marketSales ${describeValue(marketSales)}`,
    );
  }
  if (marketSales === 0) return null;
  return sales / marketSales + 0;
}
