import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { type DateInput, describeValue, parseDateInput } from "../internal/dates.js";
import {
  type ClassifyLifecycleOptions,
  classifyPurchases,
  readHistoryFacts,
  type LifecycleResult,
  lifecycleCuts,
  resolveLifecycleOptions,
} from "./rules.js";

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
 * The lifecycle stage of one customer at `asOf` (DOMAIN.md 5, after Stauss 2000), with the
 * management task of the stage and the evidence behind it.
 *
 * Only purchases (`amount > 0`) dated on or before `asOf` count; returns and later
 * transactions are ignored. The rules of API.md are checked in order, first match wins
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
 *
 * @param history - the customer's transactions and, optionally, notice dates and satisfaction
 * @param options - `asOf` (required) and the thresholds; see {@link ClassifyLifecycleOptions}
 * @returns `{ stage, phase?, strategy, evidence }` (`phase` only for `decline`)
 * @throws {CustomerValueError} `INVALID_RECORD` listing every bad transaction or field;
 *   `INVALID_OPTION` for a bad option
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
  const cuts = lifecycleCuts(options.asOf, resolved, `${fn}: asOf`);
  if (typeof history !== "object" || history === null || !Array.isArray(history.transactions)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: history must be an object with a transactions array, got ${describeValue(history)}`,
    );
  }
  const issues: ValidationIssue[] = [];
  const facts = readHistoryFacts(history, undefined, issues);
  const rows = history.transactions;
  const kept: number[] = [];
  const times = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Partial<LifecycleTransaction> | null | undefined;
    if (typeof row !== "object" || row === null) {
      issues.push({ path: `transactions[${i}]`, message: `expected an object, got ${describeValue(row)}` });
      continue;
    }
    const t = parseDateInput(row.date);
    if (t === undefined) {
      issues.push({
        path: `transactions[${i}].date`,
        message: `expected a Date or ISO-8601 date string, got ${describeValue(row.date)}`,
      });
    }
    if (typeof row.amount !== "number" || !Number.isFinite(row.amount)) {
      issues.push({
        path: `transactions[${i}].amount`,
        message: `expected a finite number, got ${describeValue(row.amount)}`,
      });
    }
    if (t !== undefined && typeof row.amount === "number" && row.amount > 0 && t <= cuts.asOf) {
      times[i] = t;
      kept.push(i);
    }
  }
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: ${issues.length} problem${issues.length === 1 ? "" : "s"} in history`,
      {
        issues,
      },
    );
  }
  // Ascending time; ties keep input order (the sort is stable).
  kept.sort((a, b) => times[a]! - times[b]!);
  const time = new Float64Array(kept.length);
  const amount = new Float64Array(kept.length);
  for (let k = 0; k < kept.length; k++) {
    time[k] = times[kept[k]!]!;
    amount[k] = (rows[kept[k]!] as LifecycleTransaction).amount;
  }
  return classifyPurchases(time, amount, 0, kept.length, facts, resolved, cuts);
}
