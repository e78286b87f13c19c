/**
 * The BCG growth-share matrix: place products, business units or customers in the
 * four quadrants and read off the source's strategy for each.
 */
import {
  type CustomerValueErrorCode,
  CustomerValueError,
  type ValidationIssue,
} from "../errors/CustomerValueError.js";
import { assertArray } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
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

interface Issue extends ValidationIssue {
  readonly code: CustomerValueErrorCode;
}

/**
 * Places items in the BCG growth-share matrix (DOMAIN.md section 3; Henderson, BCG 1970).
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

  const issues: Issue[] = [];
  const seen = new Set<string>();
  const placements: BcgPlacement[] = [];
  for (let i = 0; i < items.length; i++) {
    const before = issues.length;
    const item = items[i] as unknown;
    const report = (field: string, code: CustomerValueErrorCode, message: string) =>
      issues.push({ path: `[${i}]${field === "" ? "" : `.${field}`}`, code, message });

    if (typeof item !== "object" || item === null) {
      report("", "INVALID_RECORD", `expected an object, got ${describeValue(item)}`);
      continue;
    }
    const { id, growth, relativeShare, share, largestCompetitorShare, size } = item as Partial<
      Record<keyof BcgItem, unknown>
    >;
    if (typeof id !== "string" || id.length === 0) {
      report("id", "INVALID_RECORD", `expected a non-empty string, got ${describeValue(id)}`);
    } else if (seen.has(id)) {
      report("id", "DUPLICATE_ID", `duplicate id ${describeValue(id)}`);
    } else {
      seen.add(id);
    }
    if (growth === undefined) report("growth", "MISSING_VALUE", "growth is required");
    else checkNumber(growth, "growth", false, report);
    if (size !== undefined) checkNumber(size, "size", true, report);

    let relative: number | undefined;
    if (share !== undefined || largestCompetitorShare !== undefined) {
      if (share === undefined || largestCompetitorShare === undefined) {
        const missing = share === undefined ? "share" : "largestCompetitorShare";
        report(missing, "MISSING_VALUE", "share and largestCompetitorShare must be given together");
      } else if (
        checkNumber(share, "share", true, report) &&
        checkNumber(largestCompetitorShare, "largestCompetitorShare", true, report)
      ) {
        if (largestCompetitorShare === 0) {
          report(
            "largestCompetitorShare",
            "INVALID_RECORD",
            "must be > 0 (a market without a competitor has no relative share), got 0",
          );
        } else if (!Number.isFinite(share / largestCompetitorShare)) {
          report(
            "largestCompetitorShare",
            "INVALID_RECORD",
            `must be large enough that share / largestCompetitorShare is finite, got ${describeValue(share)} / ${describeValue(largestCompetitorShare)}`,
          );
        } else {
          relative = share / largestCompetitorShare;
        }
      }
    }
    if (relativeShare !== undefined && checkNumber(relativeShare, "relativeShare", true, report)) {
      if (
        relative !== undefined &&
        Math.abs(relative - relativeShare) > CONSISTENCY_TOLERANCE * Math.max(relative, relativeShare)
      ) {
        report(
          "relativeShare",
          "INVALID_RECORD",
          `relativeShare ${describeValue(relativeShare)} disagrees with share / largestCompetitorShare = ${describeValue(relative)}; give one or the other`,
        );
      }
      relative = relativeShare;
    }
    if (
      relativeShare === undefined &&
      share === undefined &&
      largestCompetitorShare === undefined &&
      issues.length === before
    ) {
      report("relativeShare", "MISSING_VALUE", "give relativeShare, or share and largestCompetitorShare");
    }
    if (issues.length > before || relative === undefined) continue;

    const g = (growth as number) + 0;
    const quadrant = quadrantOf(isHigh(relative, shareThreshold), isHigh(g, growthThreshold));
    placements.push({
      id: id as string,
      quadrant,
      strategy: BCG_STRATEGY[quadrant],
      relativeShare: relative + 0,
      growth: g,
      size: size === undefined ? null : (size as number) + 0,
    });
  }

  if (issues.length > 0) {
    const first = issues[0]!;
    throw new CustomerValueError(
      first.code,
      `bcgPlacement: ${issues.length} invalid item${issues.length === 1 ? "" : "s"} (growth must be finite, shares and sizes finite and >= 0, the largest competitor's share > 0, ids unique)`,
      { issues: issues.map(({ path, message }) => ({ path, message })) },
    );
  }
  return placements;
}

/**
 * Checks one numeric field: a finite number, and >= 0 when `nonNegative`. Reports the
 * problem and returns false when it is not.
 */
function checkNumber(
  value: unknown,
  field: string,
  nonNegative: boolean,
  report: (field: string, code: CustomerValueErrorCode, message: string) => void,
): value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    report(field, "INVALID_RECORD", `expected a finite number, got ${describeValue(value)}`);
    return false;
  }
  if (nonNegative && value < 0) {
    report(field, "NEGATIVE_VALUE", `must be >= 0, got ${describeValue(value)}`);
    return false;
  }
  return true;
}
