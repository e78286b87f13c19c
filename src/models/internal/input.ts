/**
 * Reading the per-customer summary the models are fitted on: validation (every
 * problem at once) and grouping of identical rows. Not public.
 */
import { CustomerValueError, type ValidationIssue } from "../../errors/CustomerValueError.js";
import { assertArray, assertFinite } from "../../internal/assert.js";
import { describeValue } from "../../internal/dates.js";

/**
 * One customer as the models see it: the output row of `rfmSummary` (or any
 * object with these fields). Times are in one unit of your choice (days or weeks);
 * every time-dependent result of a model fitted on these rows is in that unit.
 */
export interface ModelCustomer {
  /** Optional id, carried into per-customer results. */
  readonly customerId?: string;
  /** Number of repeat purchases (periods with a purchase after the first); a whole number from 0 to 2^53 - 1. */
  readonly frequency: number;
  /** Time from the first to the last purchase; 0 when `frequency` is 0; at most `T`. */
  readonly recency: number;
  /**
   * Time from the first purchase to the end of observation; >= 0 (a customer whose
   * first purchase is at the end, T = 0, adds nothing to a likelihood, as in `lifetimes`).
   */
  readonly T: number;
  /** Mean value of the repeat purchases (Gamma-Gamma only); > 0 when `frequency` > 0. */
  readonly monetaryValue?: number;
}

/** One customer's history in the models' notation: x = frequency, tx = recency, T = age. */
export interface History {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
}

/** The summary as columns of unique (frequency, recency, T) rows with their counts. */
export interface SummaryColumns {
  /** Number of customers (the sum of the weights). */
  readonly n: number;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  /** The distinct frequencies, and each row's index into them (for per-frequency caching). */
  readonly levels: Float64Array;
  readonly level: Int32Array;
  /**
   * The distinct times among recency and T, and each row's two indices into them:
   * a likelihood computes `log(alpha + t)` once per distinct time instead of twice
   * per row (daily data holds a few thousand distinct times for any number of rows).
   */
  readonly times: Float64Array;
  readonly txTime: Int32Array;
  readonly TTime: Int32Array;
}

/** A purchase count: a whole number up to 2^53 - 1 (beyond it k + 1 === k, and a series over the purchases never ends). */
export const isPurchaseCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Checks one customer row; pushes every problem to `issues` under `path`. */
export function checkCustomer(
  row: unknown,
  path: string,
  issues: ValidationIssue[],
  needMonetary: boolean,
): void {
  if (typeof row !== "object" || row === null) {
    issues.push({
      path,
      message: `expected an object with frequency, recency and T, got ${describeValue(row)}`,
    });
    return;
  }
  const r = row as Record<string, unknown>;
  const { frequency, T } = r;
  const validF = isPurchaseCount(frequency);
  if (!validF) {
    issues.push({
      path: `${path}.frequency`,
      message: `expected a whole number from 0 to 2^53 - 1, got ${describeValue(frequency)}`,
    });
  }
  const validT = typeof T === "number" && Number.isFinite(T) && T >= 0;
  if (!validT)
    issues.push({ path: `${path}.T`, message: `expected a finite number >= 0, got ${describeValue(T)}` });
  checkRecency(r, path, issues, { validF, validT });
  if (needMonetary && validF && (frequency as number) > 0) {
    const m = r["monetaryValue"];
    if (typeof m !== "number" || !Number.isFinite(m) || m <= 0) {
      issues.push({
        path: `${path}.monetaryValue`,
        message: `expected a finite number > 0 for a repeat buyer, got ${describeValue(m)}`,
      });
    }
  }
}

/** The recency rules of {@link checkCustomer}: finite, >= 0, at most T, 0 without repeat purchases. */
function checkRecency(
  r: Record<string, unknown>,
  path: string,
  issues: ValidationIssue[],
  valid: { readonly validF: boolean; readonly validT: boolean },
): void {
  const { frequency, recency, T } = r;
  if (typeof recency !== "number" || !Number.isFinite(recency) || recency < 0) {
    issues.push({
      path: `${path}.recency`,
      message: `expected a finite number >= 0, got ${describeValue(recency)}`,
    });
  } else if (valid.validT && recency > (T as number)) {
    issues.push({
      path: `${path}.recency`,
      message: `must be at most T (${T}), got ${recency}; recency is the time from the first to the last purchase`,
    });
  } else if (valid.validF && frequency === 0 && recency !== 0) {
    issues.push({
      path: `${path}.recency`,
      message: `must be 0 when frequency is 0, got ${recency}; recency is the time from the first to the last purchase (as rfmSummary computes it), not the time since the last purchase`,
    });
  }
}

/** Validates the summary (all problems at once) and groups identical rows. */
export function readSummary(summary: readonly ModelCustomer[], fnName: string): SummaryColumns {
  assertArray(summary, `${fnName}: summary`);
  if (summary.length === 0) {
    throw new CustomerValueError("EMPTY_INPUT", `${fnName}: summary must hold at least one customer, got 0`);
  }
  const issues: ValidationIssue[] = [];
  for (let i = 0; i < summary.length; i++) {
    if (!isValidRow(summary[i])) checkCustomer(summary[i], `[${i}]`, issues, false);
  }
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fnName}: invalid summary rows (${issues.length} issues)`,
      {
        issues,
      },
    );
  }
  return groupRows(summary);
}

/** The rules of {@link checkCustomer} without monetary value, as one test (the fast path). */
function isValidRow(row: unknown): boolean {
  if (typeof row !== "object" || row === null) return false;
  const { frequency, recency, T } = row as Record<string, unknown>;
  return (
    isPurchaseCount(frequency) &&
    typeof T === "number" &&
    Number.isFinite(T) &&
    typeof recency === "number" &&
    recency >= 0 &&
    recency <= T &&
    (frequency > 0 || recency === 0)
  );
}

/** Index of `value` in `values`, appended when new. */
function indexOf(map: Map<number, number>, values: number[], value: number): number {
  let k = map.get(value);
  if (k === undefined) {
    k = values.length;
    map.set(value, k);
    values.push(value);
  }
  return k;
}

/**
 * Groups identical (frequency, recency, T) rows. Frequencies and times are first
 * numbered by a Map each; a row is then keyed by the number
 * `(level * times + recency index) * times + T index` (exact below 2^53), and the
 * sorted keys give the groups and their counts, in key order.
 */
export function groupRows(summary: readonly ModelCustomer[]): SummaryColumns {
  const levelIndex = new Map<number, number>();
  const timeIndex = new Map<number, number>();
  const levels: number[] = [];
  const times: number[] = [];
  const rowLevel = new Int32Array(summary.length);
  const rowTx = new Int32Array(summary.length);
  const rowT = new Int32Array(summary.length);
  for (let i = 0; i < summary.length; i++) {
    const row = summary[i]!;
    rowLevel[i] = indexOf(levelIndex, levels, row.frequency);
    rowTx[i] = indexOf(timeIndex, times, row.recency);
    rowT[i] = indexOf(timeIndex, times, row.T);
  }
  const nt = times.length;
  const groups =
    levels.length * nt * nt < Number.MAX_SAFE_INTEGER
      ? groupByNumber(rowLevel, rowTx, rowT, nt)
      : groupByString(rowLevel, rowTx, rowT);
  const size = groups.weight.length;
  const x = new Float64Array(size);
  const tx = new Float64Array(size);
  const T = new Float64Array(size);
  for (let g = 0; g < size; g++) {
    x[g] = levels[groups.level[g]!]!;
    tx[g] = times[groups.txTime[g]!]!;
    T[g] = times[groups.TTime[g]!]!;
  }
  return {
    n: summary.length,
    x,
    tx,
    T,
    weight: groups.weight,
    levels: Float64Array.from(levels),
    level: groups.level,
    times: Float64Array.from(times),
    txTime: groups.txTime,
    TTime: groups.TTime,
  };
}

interface Groups {
  readonly level: Int32Array;
  readonly txTime: Int32Array;
  readonly TTime: Int32Array;
  readonly weight: Float64Array;
}

/** Groups by the numeric key: sort the keys, count the runs, decode each distinct key. */
function groupByNumber(rowLevel: Int32Array, rowTx: Int32Array, rowT: Int32Array, nt: number): Groups {
  const keys = new Float64Array(rowLevel.length);
  for (let i = 0; i < keys.length; i++) keys[i] = (rowLevel[i]! * nt + rowTx[i]!) * nt + rowT[i]!;
  keys.sort();
  let groups = 0;
  for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[i - 1]) groups++;
  const out = {
    level: new Int32Array(groups),
    txTime: new Int32Array(groups),
    TTime: new Int32Array(groups),
    weight: new Float64Array(groups),
  };
  for (let i = 0, g = -1; i < keys.length; i++) {
    const key = keys[i]!;
    if (i === 0 || key !== keys[i - 1]) {
      g++;
      out.level[g] = Math.floor(key / (nt * nt));
      out.txTime[g] = Math.floor(key / nt) % nt;
      out.TTime[g] = key % nt;
    }
    out.weight[g]!++;
  }
  return out;
}

/** Groups by a string key (when the numeric key could exceed 2^53), in first-seen order. */
function groupByString(rowLevel: Int32Array, rowTx: Int32Array, rowT: Int32Array): Groups {
  const index = new Map<string, number>();
  const first: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < rowLevel.length; i++) {
    const key = `${rowLevel[i]}|${rowTx[i]}|${rowT[i]}`;
    const k = index.get(key);
    if (k === undefined) {
      index.set(key, first.length);
      first.push(i);
      weight.push(1);
    } else {
      weight[k]!++;
    }
  }
  return {
    level: Int32Array.from(first, (i) => rowLevel[i]!),
    txTime: Int32Array.from(first, (i) => rowTx[i]!),
    TTime: Int32Array.from(first, (i) => rowT[i]!),
    weight: Float64Array.from(weight),
  };
}

/**
 * Every `every`-th distinct row with its weight times `every`: a systematic sample
 * whose weighted sums estimate those of all rows without bias (Horvitz-Thompson).
 * Shares the levels and times (some then unused) of `c`.
 */
export function sampleRows(c: SummaryColumns, every: number): SummaryColumns {
  const pick = <A extends Float64Array | Int32Array>(a: A): A => a.filter((_, i) => i % every === 0) as A;
  const weight = pick(c.weight).map((w) => w * every);
  return {
    ...c,
    n: weight.reduce((sum, w) => sum + w, 0),
    x: pick(c.x),
    tx: pick(c.tx),
    T: pick(c.T),
    weight,
    level: pick(c.level),
    txTime: pick(c.txTime),
    TTime: pick(c.TTime),
  };
}

/** Validates one customer passed to a prediction method. */
export function readCustomer(customer: ModelCustomer, where: string, needMonetary = false): void {
  const issues: ValidationIssue[] = [];
  checkCustomer(customer, "customer", issues, needMonetary);
  if (issues.length > 0) {
    throw new CustomerValueError("INVALID_RECORD", `${where}: invalid customer`, { issues });
  }
}

/** Validates a time argument `t >= 0` (in the unit of the data). */
export function readTime(t: unknown, where: string): number {
  assertFinite(t, where);
  if (t < 0) throw new CustomerValueError("INVALID_OPTION", `${where} must be >= 0, got ${t}`);
  return t;
}

/** Columns of the repeat buyers of a summary (frequency 0 rows are skipped). */
export function readRepeatBuyers(
  summary: readonly ModelCustomer[],
  fnName: string,
): { x: Float64Array; zbar: Float64Array } {
  if (!Array.isArray(summary)) {
    throw new CustomerValueError("INVALID_RECORD", `${fnName}: summary must be an array`);
  }
  const issues: ValidationIssue[] = [];
  for (let i = 0; i < summary.length; i++) checkCustomer(summary[i], `[${i}]`, issues, true);
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fnName}: invalid summary rows (${issues.length} issues)`,
      {
        issues,
      },
    );
  }
  const x: number[] = [];
  const zbar: number[] = [];
  for (const row of summary) {
    if (row.frequency > 0) {
      x.push(row.frequency);
      zbar.push(row.monetaryValue!);
    }
  }
  if (x.length === 0) {
    throw new CustomerValueError(
      "EMPTY_INPUT",
      `${fnName}: summary must hold at least one repeat buyer (frequency > 0), got ${summary.length} customers and none with a repeat purchase`,
    );
  }
  return { x: Float64Array.from(x), zbar: Float64Array.from(zbar) };
}

/**
 * Returns `value` (with -0 as 0) when finite; otherwise throws `NOT_CONVERGED`:
 * the hypergeometric series behind a prediction did not converge (its argument
 * was extremely close to 1: a very long horizon `t`, or a fitted `alpha` or
 * `beta` tiny next to the other). Never lets NaN out.
 */
export function finiteResult(value: number, where: string): number {
  if (Number.isFinite(value)) return value + 0;
  throw new CustomerValueError(
    "NOT_CONVERGED",
    `${where}: the hypergeometric series did not converge for these parameters and this horizon (argument too close to 1); try a shorter t`,
  );
}
