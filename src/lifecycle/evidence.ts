/**
 * The result of the lifecycle rules for one customer: its stage, the management task of the
 * stage and the evidence — the rule that fired, the numbers it found and a reason in words.
 */
import type { Duration } from "../internal/dates.js";
import { isoString, MS_PER_DAY } from "../internal/dates.js";
import { formatNumber } from "./formatNumber.js";
import { isoOrNull, type LifecycleWindows, percent } from "./options.js";
import {
  type Finding,
  type LifecycleDecision,
  type LifecycleRule,
  notRepresentable,
  type PurchaseHistory,
  RULE_NUMBERS,
  sumAmounts,
} from "./rules.js";
import { LIFECYCLE_STRATEGIES, type LifecyclePhase, type LifecycleStage } from "./stages.js";

/**
 * Why a customer is in its stage: the rule that fired and the numbers behind it. Dates are
 * ISO-8601 strings; a field of a rule that was not reached is `null`. The evidence is plain
 * JSON: when `vQ = 0` and `vR > 0` the rule treats the change as +Infinity, which is written
 * here as `change: null` with `changeIsInfinite: true`.
 */
export interface LifecycleEvidence {
  /** The rule that fired. */
  readonly rule: LifecycleRule;
  /** Its number in the order the rules are checked (1 = no purchase … 7 = trend). */
  readonly ruleNumber: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  /** The rule and its numbers, in words. */
  readonly reason: string;
  /** The `asOf` used. */
  readonly asOf: string;
  /** Purchases (`amount > 0`) on or before `asOf`. */
  readonly purchases: number;
  /** Their total amount. */
  readonly purchaseValue: number;
  /** First purchase, or `null`. */
  readonly firstPurchaseAt: string | null;
  /** Last purchase on or before `asOf`, or `null`. */
  readonly lastPurchaseAt: string | null;
  /** `(asOf - lastPurchaseAt)` in days (24 h), or `null`. */
  readonly daysSinceLastPurchase: number | null;
  /** The `interruptionAfter` applied to this customer (adaptive: `{ days: D }`). */
  readonly interruptionAfter: Duration;
  /** `"fixed"`, or `"adaptive"` when the customer's own rhythm set it. */
  readonly interruptionAfterSource: "fixed" | "adaptive";
  /** The customer's termination notice, if any. */
  readonly terminationNoticeAt: string | null;
  /** The withdrawal of the notice, if any. */
  readonly noticeWithdrawnAt: string | null;
  /** The customer's satisfaction, if any. */
  readonly satisfaction: number | null;
  /** Recovery: the purchase before the latest long gap. */
  readonly gapStartedAt: string | null;
  /** Recovery: the purchase that ended it. */
  readonly gapEndedAt: string | null;
  /** Trend: `s = sub(asOf, trendWindow)`; the recent window is `(s, asOf]`. */
  readonly trendWindowStart: string | null;
  /** Trend: `sub(s, trendWindow)`; the previous window is `(previousWindowStart, s]`. */
  readonly previousWindowStart: string | null;
  /** Trend: purchase amounts in the recent window. */
  readonly vR: number | null;
  /** Trend: purchase amounts in the previous window. */
  readonly vQ: number | null;
  /** Trend: `(vR - vQ) / vQ`; `0` when both are 0; `null` when infinite (see `changeIsInfinite`). */
  readonly change: number | null;
  /** Trend: `true` when `vQ = 0` and `vR > 0`, the change the rule treats as +Infinity. */
  readonly changeIsInfinite: boolean;
}

/** The stage of one customer: stage, decline phase (only for `decline`), task and evidence. */
export interface LifecycleResult {
  /** One of `LIFECYCLE_STAGES`. */
  readonly stage: LifecycleStage;
  /** Only for `decline`: `"endangerment"` or `"termination"`. */
  readonly phase?: LifecyclePhase;
  /** The management task of the stage (English; `lifecycleStrategy` gives Chinese). */
  readonly strategy: string;
  /** Why. */
  readonly evidence: LifecycleEvidence;
}

/**
 * The result of a decision: the stage, its phase (only for decline), the task of the stage
 * (of the termination phase after a notice) and the evidence.
 */
export function lifecycleResult(
  h: PurchaseHistory,
  w: LifecycleWindows,
  decision: LifecycleDecision,
): LifecycleResult {
  const { stage, phase } = decision.finding;
  const strategy = strategyOf(decision.finding);
  const evidence = evidenceOf(h, w, decision);
  return phase === undefined ? { stage, strategy, evidence } : { stage, phase, strategy, evidence };
}

/** The management task of a finding's stage (of the termination phase after a notice). */
export const strategyOf = ({ stage, phase }: Finding): string =>
  LIFECYCLE_STRATEGIES.en[phase === "termination" ? "termination" : stage];

/** The evidence of a decision, the reason written last from the evidence itself. */
export function evidenceOf(
  h: PurchaseHistory,
  w: LifecycleWindows,
  decision: LifecycleDecision,
): LifecycleEvidence {
  const { finding, interruption } = decision;
  const { time, from, to } = h;
  const last = to > from ? time[to - 1]! : undefined;
  const gapEnd = finding.gapEnd;
  const trend = finding.trend;
  const infinite = trend?.change === Number.POSITIVE_INFINITY;
  const evidence = {
    rule: finding.rule,
    ruleNumber: RULE_NUMBERS[finding.rule],
    reason: "",
    asOf: w.iso.asOf,
    purchases: to - from,
    purchaseValue: purchaseValue(h, w),
    firstPurchaseAt: to > from ? isoString(time[from]!) : null,
    lastPurchaseAt: isoOrNull(last),
    daysSinceLastPurchase: last === undefined ? null : (w.asOf - last) / MS_PER_DAY + 0,
    interruptionAfter: interruption.duration,
    interruptionAfterSource: interruption.source,
    terminationNoticeAt: isoOrNull(h.terminationNoticeAt),
    noticeWithdrawnAt: isoOrNull(h.noticeWithdrawnAt),
    satisfaction: h.satisfaction ?? null,
    gapStartedAt: gapEnd === undefined ? null : isoString(time[gapEnd - 1]!),
    gapEndedAt: gapEnd === undefined ? null : isoString(time[gapEnd]!),
    trendWindowStart: trend === undefined ? null : w.iso.trendStart,
    previousWindowStart: trend === undefined ? null : w.iso.previousStart,
    vR: trend?.vR ?? null,
    vQ: trend?.vQ ?? null,
    change: trend === undefined || infinite ? null : trend.change,
    changeIsInfinite: infinite,
  };
  evidence.reason = reasonOf(evidence, decision, w);
  return evidence;
}

/** The total of the customer's purchases; one beyond the largest double is an error. */
function purchaseValue(h: PurchaseHistory, w: LifecycleWindows): number {
  const total = sumAmounts(h, h.from, h.to);
  if (!Number.isFinite(total))
    throw notRepresentable(h, w, "the purchase value (the total of the purchases)");
  return total;
}

/**
 * The reason of a decision, in words, from its evidence. Joined, not a template: one flat
 * string instead of a rope of its parts, a third of the memory for each customer's result.
 */
function reasonOf(e: Omit<LifecycleEvidence, "reason">, d: LifecycleDecision, w: LifecycleWindows): string {
  const { options } = w;
  const interruption = d.interruption.text;
  switch (e.rule) {
    case "no-purchase":
      return "no purchase (amount > 0) on or before asOf";
    case "termination-notice":
      return ["termination notice given ", e.terminationNoticeAt, " and not withdrawn by asOf"].join("");
    case "interruption":
      return ["last purchase ", e.lastPurchaseAt, " is at least ", interruption, " before asOf"].join("");
    case "dissatisfaction":
      return `satisfaction ${e.satisfaction} is below dissatisfiedBelow ${options.dissatisfiedBelow}`;
    case "recovery":
      return [
        "bought again ",
        e.gapEndedAt,
        " after a gap of at least ",
        interruption,
        " (since ",
        e.gapStartedAt,
        "), less than ",
        options.recoveryWindowText,
        " before asOf",
      ].join("");
    case "socialization":
      return [
        "first purchase ",
        e.firstPurchaseAt,
        " is less than ",
        options.socializationWindowText,
        " before asOf",
      ].join("");
    case "trend":
      return trendReason(e, d.finding.stage, w);
  }
}

/** Rule 7's reason: vR and vQ in cents, the change in percent and the threshold crossed. */
function trendReason(
  e: Omit<LifecycleEvidence, "reason">,
  stage: LifecycleStage,
  w: LifecycleWindows,
): string {
  const change = e.changeIsInfinite ? "+Infinity (vQ = 0)" : percent(e.change!);
  const crossed =
    stage === "growth"
      ? w.options.growthText
      : stage === "decline"
        ? w.options.declineText
        : ", within the thresholds";
  return ["vR ", formatNumber(e.vR!), " vs vQ ", formatNumber(e.vQ!), ": change ", change, crossed].join("");
}
