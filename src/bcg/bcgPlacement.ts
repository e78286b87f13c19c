/**
 * The BCG growth-share matrix: place products, business units or customers in the
 * four quadrants and read off the source's strategy for each.
 */
import { assertArray } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { RowIssues } from "./checks.js";
import {
  BCG_STRATEGY,
  type BcgQuadrant,
  type BcgStrategy,
  isHigh,
  quadrantOf,
  resolveBcgThresholds,
} from "./quadrant.js";

export type { BcgQuadrant, BcgStrategy } from "./quadrant.js";

/**
 * One thing to place: a product, a business unit or a customer. Give its relative share
 * either directly (`relativeShare`) or as `share` and `largestCompetitorShare`.
 */
export interface BcgItem {
  /** Unique id of the item. */
  readonly id: string;
  /** Market growth rate as a fraction per period (0.12 = 12% a year); any finite number. */
  readonly growth: number;
  /** Relative market share, >= 0 (own share / largest competitor's share). */
  readonly relativeShare?: number;
  /** Own market share (or sales), >= 0; used with `largestCompetitorShare`. */
  readonly share?: number;
  /** The largest competitor's share (or sales) in the unit of `share`, > 0; for the leader, the runner-up's. */
  readonly largestCompetitorShare?: number;
  /** Size of the bubble (revenue, sales), >= 0; optional. */
  readonly size?: number;
}

/** Options of {@link bcgPlacement}. */
export interface BcgPlacementOptions {
  /** Growth rate dividing low from high growth, any finite number (default 0.1, i.e. 10%). */
  readonly growthThreshold?: number;
  /** Relative share dividing low from high share, finite and > 0 (default 1). */
  readonly shareThreshold?: number;
}

/** Where one item lands in the matrix. */
export interface BcgPlacement {
  /** The item's id. */
  readonly id: string;
  /** `"star"` (high share, high growth), `"cashCow"` (high, low), `"questionMark"` (low, high) or `"dog"` (low, low). */
  readonly quadrant: BcgQuadrant;
  /** The source's strategy: star `"hold"`, cash cow `"harvest"`, question mark `"build"`, dog `"divest"`. */
  readonly strategy: BcgStrategy;
  /** Relative market share, >= 0 (given, or `share / largestCompetitorShare`). */
  readonly relativeShare: number;
  /** Market growth rate, as given. */
  readonly growth: number;
  /** The item's size, or `null` when it gave none. */
  readonly size: number | null;
}

/** Relative tolerance for `relativeShare` agreeing with `share / largestCompetitorShare`. */
const CONSISTENCY_TOLERANCE = 1e-9;

/**
 * Places items in the BCG growth-share matrix (Henderson, BCG 1970).
 *
 * Relative share = `share / largestCompetitorShare` (for the leader, divided by the
 * runner-up, so above 1), or `relativeShare` as given. Then, with `s` the share
 * threshold and `g` the growth threshold:
 *
 * | quadrant | relative share | growth | strategy |
 * |---|---|---|---|
 * | `star` | `>= s` | `>= g` | `hold` |
 * | `cashCow` | `>= s` | `< g` | `harvest` |
 * | `questionMark` | `< s` | `>= g` | `build` |
 * | `dog` | `< s` | `< g` | `divest` |
 *
 * A value on a threshold counts as high; so does a value less than a relative `1e-12`
 * below it, so that floating error (`0.3 / 0.1 = 2.9999999999999996`) cannot move a
 * point that is on a threshold in exact arithmetic.
 *
 * Edge cases: an empty list gives `[]`. Results keep the input order. An item may give
 * both `relativeShare` and `share`/`largestCompetitorShare` only if they agree (within a
 * relative 1e-9). `-0` is returned as 0.
 *
 * @param items - the things to place; ids must be unique
 * @param options - the two thresholds, see {@link BcgPlacementOptions}
 * @returns one placement per item, in input order
 * @throws {CustomerValueError} `INVALID_OPTION` for a threshold that is not finite (or a
 *   share threshold <= 0). For items, every problem is listed in `issues` and the code is
 *   that of the first: `NEGATIVE_VALUE` (a negative share or size), `DUPLICATE_ID`,
 *   `MISSING_VALUE` (no growth, or neither `relativeShare` nor both `share` and
 *   `largestCompetitorShare`), `INVALID_RECORD` (not an object, an empty id, a value that
 *   is not a finite number, a largest-competitor share of 0, disagreeing shares).
 *
 * @example
 * bcgPlacement([
 *   { id: "A", share: 0.45, largestCompetitorShare: 0.3, growth: 0.15 },
 *   { id: "B", relativeShare: 0.5, growth: 0.02, size: 120 },
 * ]);
 * // => [
 * //   { id: "A", quadrant: "star", strategy: "hold", relativeShare: 1.5, growth: 0.15, size: null },
 * //   { id: "B", quadrant: "dog", strategy: "divest", relativeShare: 0.5, growth: 0.02, size: 120 },
 * // ]
 */
export function bcgPlacement(items: readonly BcgItem[], options: BcgPlacementOptions = {}): BcgPlacement[] {
  const { growthThreshold, shareThreshold } = resolveBcgThresholds(options, "bcgPlacement");
  assertArray(items, "bcgPlacement: items");
  const issues = new RowIssues();
  const placements: BcgPlacement[] = [];
  items.forEach((item: unknown, i) => {
    const point = readPoint(item, i, issues);
    if (point === undefined) return;
    const quadrant = quadrantOf(
      isHigh(point.relativeShare, shareThreshold),
      isHigh(point.growth, growthThreshold),
    );
    const { id, relativeShare, growth, size } = point;
    placements.push({ id, quadrant, strategy: BCG_STRATEGY[quadrant], relativeShare, growth, size });
  });
  issues.throwIfAny(
    "bcgPlacement",
    "item",
    "growth must be finite, shares and sizes finite and >= 0, the largest competitor's share > 0, ids unique",
  );
  return placements;
}

/** An item's checked point (`-0` as 0), or `undefined` when it has a problem (recorded in `issues`). */
function readPoint(
  item: unknown,
  i: number,
  issues: RowIssues,
): Omit<BcgPlacement, "quadrant" | "strategy"> | undefined {
  if (typeof item !== "object" || item === null) {
    issues.report(i, "", "INVALID_RECORD", `expected an object, got ${describeValue(item)}`);
    return undefined;
  }
  const before = issues.count;
  const fields = item as Partial<Record<keyof BcgItem, unknown>>;
  const { id, growth, size } = fields;
  issues.checkId(i, id);
  if (growth === undefined) issues.report(i, "growth", "MISSING_VALUE", "growth is required");
  else issues.checkNumber(i, "growth", growth, false);
  if (size !== undefined) issues.checkNumber(i, "size", size, true);
  const relativeShare = relativeShareOf(fields, i, issues);
  if (issues.count > before || relativeShare === undefined) return undefined;
  return {
    id: id as string,
    relativeShare: relativeShare + 0,
    growth: (growth as number) + 0,
    size: size === undefined ? null : (size as number) + 0,
  };
}

/**
 * The relative share an item gives: `relativeShare`, or `share / largestCompetitorShare`
 * (both given, the largest competitor's > 0, the ratio finite), or both when they agree
 * within a relative 1e-9. Problems are recorded in `issues`.
 */
function relativeShareOf(
  fields: Partial<Record<keyof BcgItem, unknown>>,
  i: number,
  issues: RowIssues,
): number | undefined {
  const { relativeShare, share, largestCompetitorShare } = fields;
  if (relativeShare === undefined && share === undefined && largestCompetitorShare === undefined) {
    issues.report(
      i,
      "relativeShare",
      "MISSING_VALUE",
      "give relativeShare, or share and largestCompetitorShare",
    );
    return undefined;
  }
  const ratio =
    share === undefined && largestCompetitorShare === undefined ? undefined : shareRatio(fields, i, issues);
  if (relativeShare === undefined || !issues.checkNumber(i, "relativeShare", relativeShare, true))
    return ratio;
  if (
    ratio !== undefined &&
    Math.abs(ratio - relativeShare) > CONSISTENCY_TOLERANCE * Math.max(ratio, relativeShare)
  ) {
    issues.report(
      i,
      "relativeShare",
      "INVALID_RECORD",
      `relativeShare ${describeValue(relativeShare)} disagrees with share / largestCompetitorShare = ${describeValue(ratio)}; give one or the other`,
    );
  }
  return relativeShare;
}

/** `share / largestCompetitorShare`, checked; problems are recorded in `issues`. */
function shareRatio(
  fields: Partial<Record<keyof BcgItem, unknown>>,
  i: number,
  issues: RowIssues,
): number | undefined {
  const { share, largestCompetitorShare } = fields;
  if (share === undefined || largestCompetitorShare === undefined) {
    const missing = share === undefined ? "share" : "largestCompetitorShare";
    issues.report(i, missing, "MISSING_VALUE", "share and largestCompetitorShare must be given together");
    return undefined;
  }
  if (!issues.checkNumber(i, "share", share, true)) return undefined;
  if (!issues.checkNumber(i, "largestCompetitorShare", largestCompetitorShare, true)) return undefined;
  const ratio = share / largestCompetitorShare;
  if (largestCompetitorShare === 0) {
    const why = "must be > 0 (a market without a competitor has no relative share), got 0";
    issues.report(i, "largestCompetitorShare", "INVALID_RECORD", why);
  } else if (!Number.isFinite(ratio)) {
    const why = `must be large enough that share / largestCompetitorShare is finite, got ${describeValue(share)} / ${describeValue(largestCompetitorShare)}`;
    issues.report(i, "largestCompetitorShare", "INVALID_RECORD", why);
  } else return ratio;
  return undefined;
}
