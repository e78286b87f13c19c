/**
 * The balance of a BCG portfolio: how many items and how much size sit in each
 * quadrant, and which cash cows can fund which question marks.
 */
import {
  type CustomerValueErrorCode,
  CustomerValueError,
  type ValidationIssue,
} from "../errors/CustomerValueError.js";
import { assertArray } from "../internal/assert.js";
import { compareIds } from "../internal/compare.js";
import { describeValue } from "../internal/dates.js";
import { CompensatedSum } from "../internal/sum.js";
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
 * Summarises a BCG portfolio so that a planner can read its balance (DOMAIN.md section 3,
 * "portfolio logic: cash from cows funds question marks into stars").
 *
 * Per quadrant: `count`, `totalSize` (compensated sum; a missing or `null` size counts 0),
 * their shares of the whole, and the ids. The cash logic: the cash cows are the `sources`
 * (harvest), the question marks the `targets` (build), ranked by relative share so the
 * ones nearest to becoming stars come first; stars hold (they roughly fund themselves)
 * and dogs divest. `coverage = sourceSize / targetSize` compares the cows' size with the
 * question marks' — a proxy (size is revenue, not cash need), useful as a first reading.
 *
 * Edge cases: an empty list gives counts 0, shares `null`, `coverage` `null` and
 * balance `"empty"`. `-0` is returned as 0.
 *
 * @param placements - rows of `bcgPlacement` or `customerPortfolio` (ids unique)
 * @returns counts, sizes and the funding logic
 * @throws {CustomerValueError} every problem listed in `issues`, the code that of the
 *   first: `INVALID_RECORD` (not an object, empty id, unknown quadrant, a relative share
 *   or size that is not a finite number), `NEGATIVE_VALUE` (negative size or relative
 *   share), `DUPLICATE_ID`
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
  assertArray(placements, "portfolioSummary: placements");
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (let i = 0; i < placements.length; i++) {
    const row = readRow(placements[i], i, seen, issues);
    if (row !== undefined) rows.push(row);
  }
  if (issues.length > 0) {
    throw new CustomerValueError(
      issues[0]!.code,
      `portfolioSummary: ${issues.length} invalid placement${issues.length === 1 ? "" : "s"} (ids unique, a known quadrant, relative share and size finite and >= 0)`,
      { issues: issues.map(({ path, message }) => ({ path, message })) },
    );
  }

  const bySizeDesc = (a: Row, b: Row) => b.size - a.size || compareIds(a.id, b.id);
  const total = new CompensatedSum();
  for (const r of rows) total.add(r.size);
  const totalSize = total.value;
  const n = rows.length;

  const quadrants = {} as Record<BcgQuadrant, QuadrantSummary>;
  for (const q of BCG_QUADRANTS) {
    const members = rows.filter((r) => r.quadrant === q).sort(bySizeDesc);
    const size = new CompensatedSum();
    for (const r of members) size.add(r.size);
    quadrants[q] = {
      count: members.length,
      countShare: n === 0 ? null : members.length / n,
      totalSize: size.value,
      sizeShare: totalSize === 0 ? null : size.value / totalSize + 0,
      ids: members.map((r) => r.id),
    };
  }

  const cows = quadrants.cashCow;
  const marks = quadrants.questionMark;
  const targets = rows
    .filter((r) => r.quadrant === "questionMark")
    .sort((a, b) => b.relativeShare - a.relativeShare || compareIds(a.id, b.id))
    .map((r) => r.id);
  const coverage = marks.totalSize === 0 ? null : cows.totalSize / marks.totalSize + 0;
  let balance: PortfolioBalance;
  if (marks.count === 0) balance = cows.count === 0 ? "empty" : "noQuestionMarks";
  else if (cows.count > 0 && (coverage === null || coverage >= 1)) balance = "balanced";
  else balance = "cashShort";

  return {
    count: n,
    totalSize,
    quadrants,
    funding: {
      sources: cows.ids.slice(),
      targets,
      sourceSize: cows.totalSize,
      targetSize: marks.totalSize,
      coverage,
      balance,
    },
  };
}

interface Row {
  readonly id: string;
  readonly quadrant: BcgQuadrant;
  readonly relativeShare: number;
  readonly size: number;
}

type Issue = ValidationIssue & { readonly code: CustomerValueErrorCode };

const QUADRANT_SET: ReadonlySet<unknown> = new Set(BCG_QUADRANTS);

/** Checks one placement; records its problems in `issues` and returns it when it has none. */
function readRow(item: unknown, i: number, seen: Set<string>, issues: Issue[]): Row | undefined {
  const before = issues.length;
  const report = (field: string, code: CustomerValueErrorCode, message: string) =>
    issues.push({ path: `[${i}]${field === "" ? "" : `.${field}`}`, code, message });
  if (typeof item !== "object" || item === null) {
    report("", "INVALID_RECORD", `expected an object, got ${describeValue(item)}`);
    return undefined;
  }
  const {
    id,
    quadrant,
    relativeShare,
    size = 0,
  } = item as Partial<Record<keyof PortfolioSummaryItem, unknown>>;
  if (typeof id !== "string" || id.length === 0) {
    report("id", "INVALID_RECORD", `expected a non-empty string, got ${describeValue(id)}`);
  } else if (seen.has(id)) {
    report("id", "DUPLICATE_ID", `duplicate id ${describeValue(id)}`);
  } else {
    seen.add(id);
  }
  if (!QUADRANT_SET.has(quadrant)) {
    report(
      "quadrant",
      "INVALID_RECORD",
      `expected one of ${BCG_QUADRANTS.map((q) => `"${q}"`).join(", ")}, got ${describeValue(quadrant)}`,
    );
  }
  checkAmount(relativeShare, "relativeShare", report);
  checkAmount(size ?? 0, "size", report);
  if (issues.length > before) return undefined;
  return {
    id: id as string,
    quadrant: quadrant as BcgQuadrant,
    relativeShare: relativeShare as number,
    size: ((size ?? 0) as number) + 0,
  };
}

/** Reports a value that is not a finite number >= 0. */
function checkAmount(
  value: unknown,
  field: string,
  report: (field: string, code: CustomerValueErrorCode, message: string) => void,
): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    report(field, "INVALID_RECORD", `expected a finite number, got ${describeValue(value)}`);
  } else if (value < 0) {
    report(field, "NEGATIVE_VALUE", `must be >= 0, got ${describeValue(value)}`);
  }
}
