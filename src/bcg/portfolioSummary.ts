/**
 * The balance of a BCG portfolio: how many items and how much size sit in each
 * quadrant, and which cash cows can fund which question marks.
 */
import { compareIds } from "../engine/rank.js";
import { fsum } from "../engine/sum.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertArray } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { RowIssues } from "./checks.js";
import { BCG_QUADRANTS, type BcgQuadrant } from "./quadrant.js";

/** One placed item as `portfolioSummary` reads it: a `bcgPlacement` or `customerPortfolio` row. */
export interface PortfolioSummaryItem {
  readonly id: string;
  readonly quadrant: BcgQuadrant;
  /** Relative share, used to rank the question marks; finite and >= 0. */
  readonly relativeShare: number;
  /** Size (revenue, sales); `null` or absent counts as 0. */
  readonly size?: number | null;
}

/** Count and size of one quadrant. */
export interface QuadrantSummary {
  /** Number of items in the quadrant. */
  readonly count: number;
  /** `count` / all items; `null` when there are none. */
  readonly countShare: number | null;
  /** Sum of the sizes in the quadrant (missing sizes count 0). */
  readonly totalSize: number;
  /** `totalSize` / the portfolio's total size; `null` when that is 0. */
  readonly sizeShare: number | null;
  /** The items' ids, largest size first (ties by id ascending). */
  readonly ids: string[];
}

/**
 * How the portfolio's cash can flow, per the source: cash cows fund question marks.
 * - `"balanced"`: there are cash cows and question marks, and the cows are at least as
 *   big as the question marks together (`coverage >= 1`, or the question marks have no size);
 * - `"cashShort"`: question marks but no cash cow, or cows smaller than them (`coverage < 1`);
 * - `"noQuestionMarks"`: cash cows but nothing to build into a future star;
 * - `"empty"`: neither cash cows nor question marks.
 */
export type PortfolioBalance = "balanced" | "cashShort" | "noQuestionMarks" | "empty";

/** The cash logic of the portfolio, as data. */
export interface PortfolioFunding {
  /** Cash cows (harvest) — the sources of cash, largest size first (ties by id). */
  readonly sources: string[];
  /**
   * Question marks (build) — what the cash should go to, highest relative share first
   * (closest to becoming a star), ties by id. Every source can fund every target: cash is
   * pooled at portfolio level.
   */
  readonly targets: string[];
  /** Total size of the sources. */
  readonly sourceSize: number;
  /** Total size of the targets. */
  readonly targetSize: number;
  /** `sourceSize / targetSize`, a size-based proxy of how well the cows cover the question marks; `null` when `targetSize` is 0. */
  readonly coverage: number | null;
  /** See {@link PortfolioBalance}. */
  readonly balance: PortfolioBalance;
}

/** The result of {@link portfolioSummary}. */
export interface PortfolioSummary {
  /** Number of items. */
  readonly count: number;
  /** Sum of all sizes. */
  readonly totalSize: number;
  /** Count and size per quadrant; every quadrant is present, empty ones with count 0. */
  readonly quadrants: Readonly<Record<BcgQuadrant, QuadrantSummary>>;
  /** Which cash cows can fund which question marks. */
  readonly funding: PortfolioFunding;
}

/**
 * Summarises a BCG portfolio so that a planner can read its balance (the portfolio logic of
 * the matrix: cash from cows funds question marks into stars).
 *
 * Per quadrant: `count`, `totalSize` (compensated sum; a missing or `null` size counts 0),
 * their shares of the whole, and the ids. The cash logic: the cash cows are the `sources`
 * (harvest), the question marks the `targets` (build), ranked by relative share so the
 * ones nearest to becoming stars come first; stars hold (they roughly fund themselves)
 * and dogs divest. `coverage = sourceSize / targetSize` compares the cows' size with the
 * question marks' — a proxy (size is revenue, not cash need), useful as a first reading.
 *
 * Edge cases: an empty list gives counts 0, shares `null`, `coverage` `null` and
 * balance `"empty"`. `-0` is returned as 0. Sizes whose total, or a coverage, passes the
 * largest double (about 1.8e308) cannot be reported: that is an error, not `Infinity`.
 *
 * @param placements - rows of `bcgPlacement` or `customerPortfolio` (ids unique)
 * @returns counts, sizes and the funding logic
 * @throws {CustomerValueError} every problem listed in `issues`, the code that of the
 *   first: `INVALID_RECORD` (not an object, empty id, unknown quadrant, a relative share
 *   or size that is not a finite number, sizes whose total or coverage passes the largest
 *   double), `NEGATIVE_VALUE` (negative size or relative share), `DUPLICATE_ID`
 *
 * @example
 * const s = portfolioSummary([
 *   { id: "cow", quadrant: "cashCow", relativeShare: 2, size: 300 },
 *   { id: "qm1", quadrant: "questionMark", relativeShare: 0.8, size: 100 },
 *   { id: "qm2", quadrant: "questionMark", relativeShare: 0.3, size: 50 },
 *   { id: "dog", quadrant: "dog", relativeShare: 0.2, size: 50 },
 * ]);
 * s.quadrants.questionMark; // => { count: 2, countShare: 0.5, totalSize: 150, sizeShare: 0.3, ids: ["qm1", "qm2"] }
 * s.funding; // => { sources: ["cow"], targets: ["qm1", "qm2"], sourceSize: 300, targetSize: 150, coverage: 2, balance: "balanced" }
 */
export function portfolioSummary(placements: readonly PortfolioSummaryItem[]): PortfolioSummary {
  const fn = "portfolioSummary";
  assertArray(placements, `${fn}: placements`);
  const issues = new RowIssues();
  const rows = placements.flatMap((item, i) => readRow(item, i, issues) ?? []);
  issues.throwIfAny(fn, "placement", "ids unique, a known quadrant, relative share and size finite and >= 0");
  const totalSize = representable(fsum(rows.map((r) => r.size)), "the total size", fn);
  const quadrants = {} as Record<BcgQuadrant, QuadrantSummary>;
  for (const q of BCG_QUADRANTS) {
    const members = rows
      .filter((r) => r.quadrant === q)
      .sort((a, b) => b.size - a.size || compareIds(a.id, b.id));
    const size = fsum(members.map((r) => r.size));
    quadrants[q] = {
      count: members.length,
      countShare: rows.length === 0 ? null : members.length / rows.length,
      totalSize: size,
      sizeShare: totalSize === 0 ? null : size / totalSize + 0,
      ids: members.map((r) => r.id),
    };
  }
  const { cashCow: cows, questionMark: marks } = quadrants;
  const targets = rows
    .filter((r) => r.quadrant === "questionMark")
    .sort((a, b) => b.relativeShare - a.relativeShare || compareIds(a.id, b.id))
    .map((r) => r.id);
  const coverage =
    marks.totalSize === 0
      ? null
      : representable(
          cows.totalSize / marks.totalSize + 0,
          "coverage (cash cows / question marks)",
          fn,
          "ratio",
        );
  return {
    count: rows.length,
    totalSize,
    quadrants,
    funding: {
      sources: cows.ids.slice(),
      targets,
      sourceSize: cows.totalSize,
      targetSize: marks.totalSize,
      coverage,
      balance: balanceOf(cows.count, marks.count, coverage),
    },
  };
}

/** See {@link PortfolioBalance}. */
function balanceOf(cows: number, marks: number, coverage: number | null): PortfolioBalance {
  if (marks === 0) return cows === 0 ? "empty" : "noQuestionMarks";
  return cows > 0 && (coverage === null || coverage >= 1) ? "balanced" : "cashShort";
}

/** `value` when finite; else `INVALID_RECORD`: sizes so large, or so far apart, that `what` passes the largest double. */
function representable(value: number, what: string, fn: string, kind: "total" | "ratio" = "total"): number {
  if (Number.isFinite(value)) return value;
  const advice =
    kind === "total"
      ? "divide the sizes by a power of ten first"
      : "the sizes lie too far apart; check the tiny ones (scaling all sizes does not change a ratio)";
  throw new CustomerValueError(
    "INVALID_RECORD",
    `${fn}: ${what} passes the largest number a double holds (about 1.8e308), so it cannot be reported; ${advice}`,
  );
}

interface Row {
  readonly id: string;
  readonly quadrant: BcgQuadrant;
  readonly relativeShare: number;
  readonly size: number;
}

const QUADRANT_SET: ReadonlySet<unknown> = new Set(BCG_QUADRANTS);

/** Checks one placement; records its problems in `issues` and returns it when it has none. */
function readRow(item: unknown, i: number, issues: RowIssues): Row | undefined {
  if (typeof item !== "object" || item === null) {
    issues.report(i, "", "INVALID_RECORD", `expected an object, got ${describeValue(item)}`);
    return undefined;
  }
  const before = issues.count;
  const { id, quadrant, relativeShare, size } = item as Partial<Record<keyof PortfolioSummaryItem, unknown>>;
  issues.checkId(i, id);
  if (!QUADRANT_SET.has(quadrant)) {
    const known = BCG_QUADRANTS.map((q) => `"${q}"`).join(", ");
    issues.report(
      i,
      "quadrant",
      "INVALID_RECORD",
      `expected one of ${known}, got ${describeValue(quadrant)}`,
    );
  }
  issues.checkNumber(i, "relativeShare", relativeShare, true);
  issues.checkNumber(i, "size", size ?? 0, true);
  if (issues.count > before) return undefined;
  return {
    id: id as string,
    quadrant: quadrant as BcgQuadrant,
    relativeShare: relativeShare as number,
    size: ((size ?? 0) as number) + 0,
  };
}
