/**
 * Relative market share: our share against the largest competitor's, the
 * horizontal axis of the BCG growth-share matrix.
 */
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertFinite } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";

/**
 * Relative market share = own share / largest competitor's share (the horizontal axis of
 * the BCG growth-share matrix; after Henderson, BCG 1970).
 *
 * "Largest competitor" means the largest firm *other than us*: for the market leader
 * that is the runner-up, so the leader's relative share is above 1 (1.5 = half as big
 * again as the next firm) and every other firm's is below 1. The BCG matrix divides the
 * axis at 1.0 by default (see `bcgPlacement`).
 *
 * The ratio is scale-free, so the two arguments may be shares (fractions), percentages
 * or sales amounts, as long as both are in the same unit.
 *
 * Edge cases: `ownShare = 0` gives 0. A largest-competitor share of 0 (no competitor)
 * has no meaningful ratio and is an error rather than `Infinity`. `-0` is returned as 0.
 *
 * @param ownShare - our market share (or sales), >= 0
 * @param largestCompetitorShare - the largest competitor's share (or sales) in the same
 *   unit, > 0
 * @returns `ownShare / largestCompetitorShare`, >= 0
 * @throws {CustomerValueError} `INVALID_OPTION` if an argument is not a finite number or
 *   `largestCompetitorShare` is 0; `NEGATIVE_VALUE` if an argument is negative
 *
 * @example
 * relativeMarketShare(0.1, 0.4); // => 0.25 (a follower)
 * relativeMarketShare(0.45, 0.3); // => 1.5 (the leader, against the runner-up)
 */
export function relativeMarketShare(ownShare: number, largestCompetitorShare: number): number {
  assertFinite(ownShare, "relativeMarketShare: ownShare");
  assertFinite(largestCompetitorShare, "relativeMarketShare: largestCompetitorShare");
  if (ownShare < 0 || largestCompetitorShare < 0) {
    const [name, value] =
      ownShare < 0 ? ["ownShare", ownShare] : ["largestCompetitorShare", largestCompetitorShare];
    throw new CustomerValueError(
      "NEGATIVE_VALUE",
      `relativeMarketShare: ${name} must be >= 0, got ${describeValue(value)}`,
    );
  }
  if (largestCompetitorShare === 0) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      "relativeMarketShare: largestCompetitorShare must be > 0 (a market without a competitor has no relative share), got 0",
    );
  }
  const relative = ownShare / largestCompetitorShare + 0;
  if (!Number.isFinite(relative)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `relativeMarketShare: ownShare / largestCompetitorShare must be a finite number, got ${describeValue(ownShare)} / ${describeValue(largestCompetitorShare)} (the ratio overflows)`,
    );
  }
  return relative;
}
