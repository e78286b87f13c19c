import { groupColumns } from "../engine/group.js";
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { type DateInput, describeValue, parseDateInput } from "../internal/dates.js";
import { type LifecycleResult, lifecycleResult } from "./evidence.js";
import { readHistoryFacts } from "./facts.js";
import { type ClassifyLifecycleOptions, lifecycleWindows, resolveLifecycleOptions } from "./options.js";
import { decideLifecycle, type PurchaseHistory } from "./rules.js";

/** One purchase or return of a history; `customerId` is not needed (the history is one customer's). */
export interface LifecycleTransaction {
  readonly date: DateInput;
  readonly amount: number;
  readonly customerId?: string;
}

/** One customer's history, as `classifyLifecycle` reads it. */
export interface LifecycleHistory {
  /** The customer's transactions; only purchases (`amount > 0`) on or before `asOf` count. */
  readonly transactions: readonly LifecycleTransaction[];
  /** First contact; checked, but no rule uses it (a customer without purchases is a prospect whatever the date). */
  readonly firstContactAt?: DateInput;
  /** When the customer gave notice of termination. */
  readonly terminationNoticeAt?: DateInput;
  /** When the customer withdrew that notice (a withdrawal dated before the notice does not count). */
  readonly noticeWithdrawnAt?: DateInput;
  /** The latest satisfaction score, compared with `dissatisfiedBelow`. */
  readonly satisfaction?: number;
}

/**
 * The lifecycle stage of one customer at `asOf` (the relationship lifecycle of Stauss 2000),
 * with the management task of the stage and the evidence behind it.
 *
 * Only purchases (`amount > 0`) dated on or before `asOf` count; returns and later
 * transactions are ignored. The rules are checked in order, first match wins
 * ("`a` at least `d` before `b`" means `a <= sub(b, d)`, date-fns month-end clamping):
 * 1. no purchase → `prospecting`;
 * 2. `terminationNoticeAt <= asOf` and not withdrawn by `asOf` → `decline`/`termination`;
 * 3. last purchase at least `interruptionAfter` before `asOf` → `interruption`;
 * 4. `satisfaction < dissatisfiedBelow` → `decline`/`endangerment`;
 * 5. the latest gap of at least `interruptionAfter` between consecutive purchases ended
 *    less than `recoveryWindow` before `asOf` → `recovery`;
 * 6. first purchase less than `socializationWindow` before `asOf` → `socialization`;
 * 7. with `s = sub(asOf, trendWindow)`, `vR` = purchases in `(s, asOf]`, `vQ` in
 *    `(sub(s, trendWindow), s]`, change = `(vR - vQ) / vQ` (`vQ = 0`: +Infinity if `vR > 0`,
 *    else 0): change `>= growthThreshold` → `growth`; `<= -declineThreshold` →
 *    `decline`/`endangerment`; else `maturity`.
 *
 * Edge cases: a history without purchases is a prospect; purchases at the same instant
 * are a gap of 0; a withdrawal dated before the notice does not withdraw it. The evidence
 * is plain JSON: an infinite change is `change: null` with `changeIsInfinite: true`.
 * Amounts whose total is beyond the largest double (about 1.8e308) cannot be added up and
 * throw instead of giving `Infinity`.
 *
 * @param history - the customer's transactions and, optionally, notice dates and satisfaction
 * @param options - `asOf` (required) and the thresholds; see {@link ClassifyLifecycleOptions}
 * @returns `{ stage, phase?, strategy, evidence }` (`phase` only for `decline`)
 * @throws {CustomerValueError} `INVALID_RECORD` listing every bad transaction or field, or
 *   when the purchase total is beyond the largest double; `INVALID_OPTION` for a bad option
 * @example
 * classifyLifecycle(
 *   { transactions: [{ date: "2011-01-10", amount: 50 }, { date: "2011-02-01", amount: 20 }] },
 *   { asOf: "2011-12-31" },
 * ).stage; // => "interruption"
 */
export function classifyLifecycle(
  history: LifecycleHistory,
  options: ClassifyLifecycleOptions,
): LifecycleResult {
  const fn = "classifyLifecycle";
  const resolved = resolveLifecycleOptions(options, fn);
  const windows = lifecycleWindows(options.asOf, resolved, `${fn}: asOf`);
  const h = readHistory(history, windows.asOf, fn);
  return lifecycleResult(h, windows, decideLifecycle(h, windows));
}

/** Checks a history (every problem listed) and orders its purchases up to `asOf` in time, ties in input order. */
function readHistory(history: LifecycleHistory, asOf: number, fn: string): PurchaseHistory {
  if (typeof history !== "object" || history === null || !Array.isArray(history.transactions)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: history must be an object with a transactions array, got ${describeValue(history)}`,
    );
  }
  const issues: ValidationIssue[] = [];
  const facts = readHistoryFacts(history, "", issues);
  const rows = history.transactions;
  const time = new Float64Array(rows.length);
  const amount = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    time[i] = readDate(rows[i], `transactions[${i}]`, issues);
    amount[i] = readAmount(rows[i], `transactions[${i}]`, issues);
  }
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: ${issues.length} problem${issues.length === 1 ? "" : "s"} in history`,
      { issues },
    );
  }
  const purchases = groupColumns(new Int32Array(rows.length), 1, [time, amount], {
    keep: (row) => amount[row]! > 0 && time[row]! <= asOf,
    orderBy: time,
  });
  return {
    time: purchases.columns[0]!,
    amount: purchases.columns[1]!,
    from: 0,
    to: purchases.offsets[1]!,
    ...facts,
    customerId: undefined,
  };
}

/** A transaction's date (epoch ms); `NaN` with an issue when it is not a record or not a date. */
function readDate(row: unknown, path: string, issues: ValidationIssue[]): number {
  if (typeof row !== "object" || row === null) {
    issues.push({ path, message: `expected an object, got ${describeValue(row)}` });
    return Number.NaN;
  }
  const { date } = row as Partial<LifecycleTransaction>;
  const t = parseDateInput(date);
  if (t !== undefined) return t;
  issues.push({
    path: `${path}.date`,
    message: `expected a Date or ISO-8601 date string, got ${describeValue(date)}`,
  });
  return Number.NaN;
}

/** A transaction's amount; `NaN` with an issue when it is not a finite number (not for a non-record). */
function readAmount(row: unknown, path: string, issues: ValidationIssue[]): number {
  if (typeof row !== "object" || row === null) return Number.NaN;
  const { amount } = row as Partial<LifecycleTransaction>;
  if (typeof amount === "number" && Number.isFinite(amount)) return amount;
  issues.push({ path: `${path}.amount`, message: `expected a finite number, got ${describeValue(amount)}` });
  return Number.NaN;
}
