/**
 * The seven lifecycle rules, checked in order, first match wins (docs/lifecycle.md).
 * `classifyLifecycle`, `classifyLifecycles` and `lifecycleTimeline` all decide through
 * {@link decideLifecycle}, so they agree by construction.
 */
import { median } from "simple-statistics";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { CompensatedSum } from "../engine/sum.js";
import { periodIndex, subDuration } from "../internal/dates.js";
import type { HistoryFacts } from "./facts.js";
import { type InterruptionThreshold, interruptionThreshold, type LifecycleWindows } from "./options.js";
import type { LifecyclePhase, LifecycleStage } from "./stages.js";

export type { AdaptiveInterruptionOptions, ClassifyLifecycleOptions } from "./options.js";
export type { LifecycleEvidence, LifecycleResult } from "./evidence.js";

/** Which rule decided the stage. */
export type LifecycleRule =
  | "no-purchase"
  | "termination-notice"
  | "interruption"
  | "dissatisfaction"
  | "recovery"
  | "socialization"
  | "trend";

/** Each rule's number, in the order the rules are checked. */
export const RULE_NUMBERS = {
  "no-purchase": 1,
  "termination-notice": 2,
  interruption: 3,
  dissatisfaction: 4,
  recovery: 5,
  socialization: 6,
  trend: 7,
} as const satisfies Record<LifecycleRule, number>;

/**
 * One customer's purchases (`amount > 0`, on or before `asOf`) in ascending time, ties in
 * log order, and its facts. The arrays may hold many customers' purchases; this one's are
 * at `from .. to - 1`.
 */
export interface PurchaseHistory extends HistoryFacts {
  readonly time: Float64Array;
  readonly amount: Float64Array;
  readonly from: number;
  readonly to: number;
  /** The customer, for messages (`undefined` for a single history). */
  readonly customerId: string | undefined;
}

/** Rule 7's values: purchase value in the recent and the previous window, and the change. */
export interface TrendValues {
  readonly vR: number;
  readonly vQ: number;
  /** `(vR - vQ) / vQ`; `vQ = 0`: +Infinity when `vR > 0`, else 0. */
  readonly change: number;
}

/** What the rule that fired found. */
export interface Finding {
  readonly rule: LifecycleRule;
  readonly stage: LifecycleStage;
  readonly phase?: LifecyclePhase;
  /** Recovery: the position of the purchase that ended the latest long gap. */
  readonly gapEnd?: number;
  /** Trend: the values compared. */
  readonly trend?: TrendValues;
}

/** The decision for one customer: the finding and the `interruptionAfter` applied. */
export interface LifecycleDecision {
  readonly finding: Finding;
  readonly interruption: InterruptionThreshold;
}

/**
 * Applies the seven rules to one customer, first match wins.
 *
 * @throws {CustomerValueError} `INVALID_RECORD` when the trend's sums or their change are
 *   beyond the largest double (amounts near 1.8e308)
 */
export function decideLifecycle(h: PurchaseHistory, w: LifecycleWindows): LifecycleDecision {
  const interruption = adaptedThreshold(h, w) ?? w.interruption;
  const finding =
    noPurchase(h) ??
    terminationNotice(h, w) ??
    interrupted(h, interruption) ??
    dissatisfied(h, w) ??
    recovered(h, w, interruption) ??
    socializing(h, w) ??
    trend(h, w);
  return { finding, interruption };
}

const PROSPECTING: Finding = { rule: "no-purchase", stage: "prospecting" };
const TERMINATION: Finding = { rule: "termination-notice", stage: "decline", phase: "termination" };
const INTERRUPTION: Finding = { rule: "interruption", stage: "interruption" };
const DISSATISFACTION: Finding = { rule: "dissatisfaction", stage: "decline", phase: "endangerment" };
const SOCIALIZATION: Finding = { rule: "socialization", stage: "socialization" };

/** 1. No purchase on or before `asOf`: prospecting. */
const noPurchase = (h: PurchaseHistory) => (h.to === h.from ? PROSPECTING : undefined);

/** 2. A termination notice on or before `asOf`, not withdrawn (on or after the notice) by `asOf`. */
function terminationNotice(h: PurchaseHistory, w: LifecycleWindows): Finding | undefined {
  const notice = h.terminationNoticeAt;
  if (notice === undefined || notice > w.asOf) return undefined;
  const withdrawn = h.noticeWithdrawnAt;
  return withdrawn === undefined || withdrawn > w.asOf || withdrawn < notice ? TERMINATION : undefined;
}

/** 3. The last purchase at least `interruptionAfter` before `asOf`. */
const interrupted = (h: PurchaseHistory, interruption: InterruptionThreshold) =>
  h.time[h.to - 1]! <= interruption.cut ? INTERRUPTION : undefined;

/** 4. Satisfaction below `dissatisfiedBelow`. */
function dissatisfied(h: PurchaseHistory, w: LifecycleWindows): Finding | undefined {
  const below = w.options.dissatisfiedBelow;
  const score = h.satisfaction;
  return below !== undefined && score !== undefined && score < below ? DISSATISFACTION : undefined;
}

/**
 * 5. The latest gap of at least `interruptionAfter` ended less than `recoveryWindow` before
 * `asOf`. Gap ends are in time order, so the purchases after the recovery cut are checked
 * latest first, and the first long gap found is the latest one.
 */
function recovered(
  h: PurchaseHistory,
  w: LifecycleWindows,
  interruption: InterruptionThreshold,
): Finding | undefined {
  const { time } = h;
  for (let i = h.to - 1; i > h.from && time[i]! > w.recoveryCut; i--) {
    if (isLongGap(time[i - 1]!, time[i]!, interruption, w.options.timeZone)) {
      return { rule: "recovery", stage: "recovery", gapEnd: i };
    }
  }
  return undefined;
}

/** Whether `before` is at least the threshold before `after`; date-fns only near the boundary. */
function isLongGap(
  before: number,
  after: number,
  interruption: InterruptionThreshold,
  timeZone: string | undefined,
): boolean {
  const gap = after - before;
  if (gap < interruption.shortest) return false;
  return gap > interruption.longest || before <= subDuration(after, interruption.duration, timeZone);
}

/** 6. The first purchase less than `socializationWindow` before `asOf`. */
const socializing = (h: PurchaseHistory, w: LifecycleWindows) =>
  h.time[h.from]! > w.socializationCut ? SOCIALIZATION : undefined;

/**
 * 7. The change of purchase value from the previous window `(sub(s, trendWindow), s]` to
 * the recent one `(s, asOf]`: growth, decline/endangerment or maturity.
 */
function trend(h: PurchaseHistory, w: LifecycleWindows): Finding {
  const recentFrom = firstAfter(h.time, h.from, h.to, w.trendStart);
  const previousFrom = firstAfter(h.time, h.from, recentFrom, w.previousStart);
  const vR = sumAmounts(h, recentFrom, h.to);
  const vQ = sumAmounts(h, previousFrom, recentFrom);
  const change = vQ === 0 ? (vR > 0 ? Number.POSITIVE_INFINITY : 0) : (vR - vQ) / vQ + 0;
  if (!Number.isFinite(vR) || !Number.isFinite(vQ) || (vQ !== 0 && !Number.isFinite(change))) {
    throw notRepresentable(h, w, `the trend's change (vR - vQ) / vQ with vR ${vR} and vQ ${vQ}`);
  }
  const values = { vR, vQ, change };
  const { growthThreshold, declineThreshold } = w.options;
  if (change >= growthThreshold) return { rule: "trend", stage: "growth", trend: values };
  if (change <= -declineThreshold) {
    return { rule: "trend", stage: "decline", phase: "endangerment", trend: values };
  }
  return { rule: "trend", stage: "maturity", trend: values };
}

/**
 * The error for a value beyond the largest double, naming the function and the customer.
 */
export function notRepresentable(h: PurchaseHistory, w: LifecycleWindows, what: string): CustomerValueError {
  const customer = h.customerId === undefined ? "" : ` of customer ${JSON.stringify(h.customerId)}`;
  return new CustomerValueError(
    "INVALID_RECORD",
    `${w.options.fn}: ${what}${customer} is beyond the largest finite number; the amounts are too large to add up (scale them down)`,
  );
}

/** The first position in `from .. to - 1` whose time is after `t` (`to` if none); `time` ascending. */
export function firstAfter(time: Float64Array, from: number, to: number, t: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The compensated sum of the amounts at `from .. to - 1`. */
export function sumAmounts(h: PurchaseHistory, from: number, to: number): number {
  const sum = new CompensatedSum();
  for (let i = from; i < to; i++) sum.add(h.amount[i]!);
  return sum.value;
}

/**
 * The customer's own `interruptionAfter`, when adaptive: `ceil(multiple × median gap
 * between distinct purchase days)` days, clamped to `[minDays, maxDays]`; `undefined` when
 * the option is off or the customer has fewer than `minPurchaseDays` purchase days.
 */
function adaptedThreshold(h: PurchaseHistory, w: LifecycleWindows): InterruptionThreshold | undefined {
  const adaptive = w.options.adaptive;
  if (adaptive === undefined || h.to === h.from) return undefined;
  const tz = w.options.timeZone;
  const gaps: number[] = [];
  let previous = periodIndex(h.time[h.from]!, "day", tz);
  for (let i = h.from + 1; i < h.to; i++) {
    const day = periodIndex(h.time[i]!, "day", tz);
    if (day !== previous) gaps.push(day - previous);
    previous = day;
  }
  if (gaps.length + 1 < adaptive.minPurchaseDays) return undefined;
  const days = Math.ceil(adaptive.multiple * median(gaps));
  const clamped = Math.min(adaptive.maxDays, Math.max(adaptive.minDays, days));
  return interruptionThreshold({ days: clamped }, "adaptive", w.asOf, tz);
}
