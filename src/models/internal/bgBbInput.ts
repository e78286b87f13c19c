/**
 * Reading BG/BB rows: validation (every problem at once) and grouping of identical
 * (frequency, recency, periods) rows with their weights. Not public.
 */
import { CustomerValueError, type ValidationIssue } from "../../errors/CustomerValueError.js";
import { assertArray } from "../../internal/assert.js";
import { describeValue } from "../../internal/dates.js";
import { isPurchaseCount } from "./input.js";
import type { BgBbColumns } from "./bgBbMath.js";

/** The most opportunities a BG/BB row may have (the likelihood sums over them). */
export const MAX_PERIODS = 10_000;

/**
 * One customer (or, with `weight`, a group of identical customers) as BG/BB sees
 * them: `frequency` transactions in `periods` discrete opportunities, the last at
 * opportunity `recency` (0 when there was none). Whole numbers with
 * `0 <= frequency <= recency <= periods`, `recency = 0` exactly when `frequency = 0`.
 */
export interface BgBbRow {
  /** Number of opportunities with a transaction (the first purchase not counted). */
  readonly frequency: number;
  /** The opportunity (1 .. periods) of the last transaction; 0 when frequency is 0. */
  readonly recency: number;
  /** Number of opportunities observed, 1 to 10,000. */
  readonly periods: number;
  /** How many customers share this row (default 1); a finite number > 0. */
  readonly weight?: number;
}

/** Counts (periods, purchases, opportunities): whole numbers up to 2^53 - 1. */
const isWhole = isPurchaseCount;

/** Checks one row; pushes every problem to `issues` under `path`. */
export function checkBgBbRow(row: unknown, path: string, issues: ValidationIssue[]): void {
  if (typeof row !== "object" || row === null) {
    issues.push({
      path,
      message: `expected an object with frequency, recency and periods, got ${describeValue(row)}`,
    });
    return;
  }
  const { frequency: x, recency: tx, periods: n, weight } = row as Record<string, unknown>;
  const bad = (field: string, message: string) => issues.push({ path: `${path}.${field}`, message });
  if (!isWhole(n) || n < 1 || n > MAX_PERIODS) {
    bad("periods", `expected a whole number in [1, ${MAX_PERIODS}], got ${describeValue(n)}`);
  }
  if (!isWhole(x)) bad("frequency", `expected a whole number from 0 to 2^53 - 1, got ${describeValue(x)}`);
  if (!isWhole(tx)) bad("recency", `expected a whole number from 0 to 2^53 - 1, got ${describeValue(tx)}`);
  else if (isWhole(n) && tx > n) bad("recency", `must be at most periods (${n}), got ${tx}`);
  else if (isWhole(x) && (x === 0) !== (tx === 0)) {
    bad(
      "recency",
      `must be 0 exactly when frequency is 0 (the opportunity of the last transaction), got ${tx} with frequency ${x}`,
    );
  } else if (isWhole(x) && x > tx) {
    bad(
      "frequency",
      `must be at most recency (${tx}): x transactions need at least x opportunities, got ${x}`,
    );
  }
  if (weight !== undefined && !(typeof weight === "number" && Number.isFinite(weight) && weight > 0)) {
    bad("weight", `expected a finite number > 0, got ${describeValue(weight)}`);
  }
}

/** Validates BG/BB rows (all problems at once) and groups identical ones. */
export function readBgBbRows(rows: readonly BgBbRow[], fnName: string): BgBbColumns {
  assertArray(rows, `${fnName}: rows`);
  if (rows.length === 0)
    throw new CustomerValueError("EMPTY_INPUT", `${fnName}: rows must hold at least one row, got 0`);
  const issues: ValidationIssue[] = [];
  for (let i = 0; i < rows.length; i++) checkBgBbRow(rows[i], `[${i}]`, issues);
  if (issues.length > 0) {
    throw new CustomerValueError("INVALID_RECORD", `${fnName}: invalid rows (${issues.length} issues)`, {
      issues,
    });
  }
  const index = new Map<number, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const n: number[] = [];
  const weight: number[] = [];
  let customers = 0;
  let maxPeriods = 0;
  for (const row of rows) {
    const w = row.weight ?? 1;
    const key = (row.frequency * (MAX_PERIODS + 1) + row.recency) * (MAX_PERIODS + 1) + row.periods;
    const k = index.get(key);
    if (k === undefined) {
      index.set(key, x.length);
      x.push(row.frequency);
      tx.push(row.recency);
      n.push(row.periods);
      weight.push(w);
    } else {
      weight[k]! += w;
    }
    customers += w;
    maxPeriods = Math.max(maxPeriods, row.periods);
  }
  return {
    x: Int32Array.from(x),
    tx: Int32Array.from(tx),
    n: Int32Array.from(n),
    weight: Float64Array.from(weight),
    customers,
    maxPeriods,
  };
}

/** Validates one row passed to a prediction method. */
export function readBgBbCustomer(row: BgBbRow, where: string): { x: number; tx: number; n: number } {
  const issues: ValidationIssue[] = [];
  checkBgBbRow(row, "customer", issues);
  if (issues.length > 0)
    throw new CustomerValueError("INVALID_RECORD", `${where}: invalid customer`, { issues });
  return { x: row.frequency, tx: row.recency, n: row.periods };
}
