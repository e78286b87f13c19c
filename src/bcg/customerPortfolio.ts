/**
 * The customer portfolio: the BCG growth-share matrix with customers in place of
 * products — growth of the business with each customer against its relative size.
 */
import { median } from "simple-statistics";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import {
  assertDuration,
  assertTimeZone,
  describeValue,
  type Duration,
  subDuration,
  toTime,
} from "../internal/dates.js";
import { CompensatedSums, fsum } from "../internal/sum.js";
import { compareIds } from "../internal/compare.js";
import { readTransactions } from "../internal/transactions.js";
import type { DateInput } from "../internal/dates.js";
import type { TransactionInput } from "../table/TransactionTable.js";
import type { BcgPlacementOptions } from "./bcgPlacement.js";
import {
  BCG_STRATEGY,
  type BcgQuadrant,
  type BcgStrategy,
  isHigh,
  quadrantOf,
  resolveBcgThresholds,
} from "./quadrant.js";

/** Options of {@link customerPortfolio}. */
export interface CustomerPortfolioOptions extends BcgPlacementOptions {
  /** The end of the last window (inclusive); required. */
  readonly asOf: DateInput;
  /** Length of each of the two windows, a date-fns Duration (default `{ months: 12 }`). */
  readonly window?: Duration;
  /**
   * The reference customer whose last-window revenue counts as relative size 1: `"mean"`
   * or `"median"` of the last-window revenue of the customers who bought in the last
   * window, or a revenue amount > 0 (default `"mean"`).
   */
  readonly relativeTo?: "mean" | "median" | number;
  /** IANA time zone in which the windows are measured (default UTC). */
  readonly timeZone?: string;
  // growthThreshold (default 0.1) and shareThreshold (default 1): see BcgPlacementOptions.
}

/** Where one customer lands in the customer portfolio. */
export interface CustomerPlacement {
  /** The customer id (as `bcgPlacement`'s `id`). */
  readonly id: string;
  /** The customer id again, under the name the other per-customer results use. */
  readonly customerId: string;
  /** The BCG quadrant; see `bcgPlacement`. */
  readonly quadrant: BcgQuadrant;
  /** The source's strategy for the quadrant: hold, harvest, build or divest. */
  readonly strategy: BcgStrategy;
  /** Relative size: `lastRevenue / reference`, >= 0. */
  readonly relativeShare: number;
  /**
   * Growth of the business with the customer: `(lastRevenue - earlierRevenue) / earlierRevenue`,
   * >= -1; `null` when the customer bought nothing in the earlier window (see `noEarlierRevenue`).
   */
  readonly growth: number | null;
  /** The bubble size: the last window's revenue (= `lastRevenue`). */
  readonly size: number;
  /** Purchase revenue in the last window `(sub(asOf, window), asOf]`. */
  readonly lastRevenue: number;
  /** Purchase revenue in the earlier window `(sub(sub(asOf, window), window), sub(asOf, window)]`. */
  readonly earlierRevenue: number;
  /**
   * True when the customer bought nothing in the earlier window (new, or back after a long
   * gap): growth from nothing is unbounded, so `growth` is `null` and the customer counts
   * as high growth (a star or a question mark).
   */
  readonly noEarlierRevenue: boolean;
}

/**
 * Places customers in the BCG growth-share matrix (DOMAIN.md section 3: "the same
 * placement applies to customers — growth of the business with the customer against the
 * customer's relative size; the reference for relative is an option").
 *
 * Two back-to-back windows end at `asOf`: with `s = sub(asOf, window)`, the last window
 * is `(s, asOf]` and the earlier one `(sub(s, window), s]` (start excluded, end included,
 * date-fns month-end clamping, in UTC or `timeZone`; the same convention as the
 * lifecycle trend windows). So with `asOf` 2024-12-31T00:00Z and 12 months, a purchase at
 * 2023-12-31T00:00Z is in the earlier window and one a millisecond later in the last.
 * For each customer:
 *
 * - `lastRevenue` `R` and `earlierRevenue` `Q` = sum of the *purchase* amounts
 *   (`amount > 0`) in each window. Returns and zero rows are ignored (they would make a
 *   window's revenue negative, where growth has no meaning); net them upstream if needed.
 * - growth = `(R - Q) / Q`; relative size `relativeShare` = `R / K`, where `K` is the
 *   reference (`relativeTo`).
 * - then the placement of `bcgPlacement`, with the same thresholds and on-threshold rule.
 *
 * Customers with nothing in the earlier window (`Q = 0 < R`): growth would be `+Infinity`,
 * which no chart can place, so `growth` is `null`, `noEarlierRevenue` is `true`, and the
 * placement treats the growth as high (from nothing to something is above any finite
 * threshold): a star if `R / K` reaches the share threshold, else a question mark ("build":
 * a young relationship to develop). Customers who bought in the earlier window but not in
 * the last (`R = 0`) have growth -1 and relative size 0: dogs.
 *
 * Edge cases: only customers with a purchase in one of the two windows are listed
 * (purchases after `asOf` or before the earlier window are ignored; an empty log gives
 * `[]`). `"mean"` and `"median"` are taken over the customers with `R > 0`; if there is
 * none, every listed customer has relative size 0. Rows are sorted by `lastRevenue`
 * descending, ties by id ascending. Totals use compensated summation.
 *
 * @param transactions - the transaction log (validated; see `Transaction`), or a `TransactionTable`
 * @param options - `asOf` (required), `window`, `relativeTo`, `timeZone`, thresholds
 * @returns one placement per customer who bought in either window
 * @throws {CustomerValueError} `INVALID_RECORD` for bad transactions (all listed);
 *   `INVALID_OPTION` for a missing or invalid `asOf`, a bad `window`, `relativeTo`,
 *   `timeZone` or threshold
 *
 * @example
 * customerPortfolio(
 *   [
 *     { customerId: "a", date: "2023-06-01", amount: 100 },
 *     { customerId: "a", date: "2024-06-01", amount: 150 },
 *     { customerId: "b", date: "2024-03-01", amount: 50 },
 *   ],
 *   { asOf: "2024-12-31" },
 * ).map((r) => [r.id, r.growth, r.relativeShare, r.quadrant]);
 * // mean of last-window revenue = (150 + 50) / 2 = 100
 * // => [["a", 0.5, 1.5, "star"], ["b", null, 0.5, "questionMark"]]
 */
export function customerPortfolio(
  transactions: TransactionInput,
  options: CustomerPortfolioOptions,
): CustomerPlacement[] {
  const fn = "customerPortfolio";
  if (typeof options !== "object" || options === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options with asOf are required, got ${describeValue(options)}`,
    );
  }
  const { window = { months: 12 }, relativeTo = "mean", timeZone } = options;
  const asOf = toTime(options.asOf, `${fn}: asOf`);
  assertDuration(window, `${fn}: window`);
  if (timeZone !== undefined) assertTimeZone(timeZone, fn);
  if (
    !(
      relativeTo === "mean" ||
      relativeTo === "median" ||
      (typeof relativeTo === "number" && Number.isFinite(relativeTo) && relativeTo > 0)
    )
  ) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: relativeTo must be "mean", "median" or a finite number > 0, got ${describeValue(relativeTo)}`,
    );
  }
  const { growthThreshold, shareThreshold } = resolveBcgThresholds(options, fn);
  const split = subDuration(asOf, window, timeZone);
  const start = subDuration(split, window, timeZone);

  const columns = readTransactions(transactions, fn);
  const customers = columns.customerIds.length;
  const last = new CompensatedSums(customers);
  const earlier = new CompensatedSums(customers);
  const { customer, time, amount } = columns;
  for (let i = 0; i < columns.length; i++) {
    const t = time[i]!;
    const a = amount[i]!;
    if (a <= 0 || t <= start || t > asOf) continue;
    if (t > split) last.add(customer[i]!, a);
    else earlier.add(customer[i]!, a);
  }

  const listed: number[] = [];
  const activeRevenue: number[] = [];
  for (let c = 0; c < customers; c++) {
    const r = last.value(c);
    if (r > 0) activeRevenue.push(r);
    if (r > 0 || earlier.value(c) > 0) listed.push(c);
  }
  let reference: number;
  if (typeof relativeTo === "number") reference = relativeTo;
  else if (activeRevenue.length === 0)
    reference = Number.NaN; // unused: every R is 0
  else reference = relativeTo === "mean" ? fsum(activeRevenue) / activeRevenue.length : median(activeRevenue);

  const rows: CustomerPlacement[] = listed.map((c) => {
    const id = columns.customerIds[c]!;
    const r = last.value(c);
    const q = earlier.value(c);
    const relativeShare = r === 0 ? 0 : r / reference + 0;
    const growth = q > 0 ? (r - q) / q + 0 : null;
    if (!Number.isFinite(relativeShare) || (growth !== null && !Number.isFinite(growth))) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: relative size (revenue / reference) and growth must be finite numbers, got ${relativeShare} and ${growth} for customer ${describeValue(id)} (a reference or an earlier revenue so close to 0 that the ratio overflows)`,
      );
    }
    const quadrant = quadrantOf(
      isHigh(relativeShare, shareThreshold),
      growth === null || isHigh(growth, growthThreshold),
    );
    return {
      id,
      customerId: id,
      quadrant,
      strategy: BCG_STRATEGY[quadrant],
      relativeShare,
      growth,
      size: r,
      lastRevenue: r,
      earlierRevenue: q,
      noEarlierRevenue: q === 0,
    };
  });
  return rows.sort((a, b) => b.lastRevenue - a.lastRevenue || compareIds(a.id, b.id));
}
