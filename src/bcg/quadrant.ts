/**
 * The BCG quadrants, their strategies and the on-threshold rule, shared by the bcg
 * module's functions (internal: not exported from the package root).
 */
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertFinite, assertOptions } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";

/** A BCG quadrant: high/low relative share × high/low market growth. */
export type BcgQuadrant = "star" | "cashCow" | "questionMark" | "dog";

/** The strategy the source gives each quadrant. */
export type BcgStrategy = "hold" | "harvest" | "build" | "divest";

/** The quadrants in reading order: star, cash cow, question mark, dog. */
export const BCG_QUADRANTS: readonly BcgQuadrant[] = ["star", "cashCow", "questionMark", "dog"];

/** The strategy of each quadrant: star hold, cash cow harvest, question mark build, dog divest. */
export const BCG_STRATEGY: Readonly<Record<BcgQuadrant, BcgStrategy>> = {
  star: "hold",
  cashCow: "harvest",
  questionMark: "build",
  dog: "divest",
};

/**
 * Relative tolerance of the on-threshold rule: a value within `1e-12 × |threshold|` below
 * a threshold counts as on it (so `0.3 / 0.1 = 2.9999999999999996` is "on" a threshold of 3).
 */
export const THRESHOLD_TOLERANCE = 1e-12;

/** True when `value` is on or above `threshold` (a value on a threshold counts as high). */
export function isHigh(value: number, threshold: number): boolean {
  return value >= threshold - THRESHOLD_TOLERANCE * Math.abs(threshold);
}

/** The quadrant of a point given which side of each threshold it is on. */
export function quadrantOf(highShare: boolean, highGrowth: boolean): BcgQuadrant {
  if (highShare) return highGrowth ? "star" : "cashCow";
  return highGrowth ? "questionMark" : "dog";
}

/**
 * Resolves and checks the two thresholds of the matrix (defaults 0.1 and 1): both finite,
 * the share threshold > 0. Throws `INVALID_OPTION` naming `fnName` otherwise.
 */
export function resolveBcgThresholds(
  options: { readonly growthThreshold?: number; readonly shareThreshold?: number },
  fnName: string,
): { growthThreshold: number; shareThreshold: number } {
  if (options !== undefined) assertOptions(options, fnName);
  const { growthThreshold = 0.1, shareThreshold = 1 } = options ?? {};
  assertFinite(growthThreshold, `${fnName}: growthThreshold`);
  assertFinite(shareThreshold, `${fnName}: shareThreshold`);
  if (shareThreshold <= 0) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fnName}: shareThreshold must be > 0 (relative shares are ratios), got ${describeValue(shareThreshold)}`,
    );
  }
  return { growthThreshold, shareThreshold };
}
