/**
 * The lifecycle rules of API.md "The seven-stage lifecycle", applied to one customer's
 * purchases. Internal: `classifyLifecycle`, `classifyLifecycles` and `lifecycleTimeline`
 * all go through `classifyPurchases`, so they agree by construction.
 */
import { median } from "simple-statistics";
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { assertFinite, assertInRange, assertInteger } from "../internal/assert.js";
import {
  assertDuration,
  assertTimeZone,
  type DateInput,
  describeValue,
  type Duration,
  isoString,
  parseDateInput,
  periodIndex,
  subDuration,
  toTime,
} from "../internal/dates.js";
import { CompensatedSum } from "../internal/sum.js";
import { type LifecyclePhase, type LifecycleStage, LIFECYCLE_STRATEGIES } from "./stages.js";

/** How `interruptionAfter` adapts to a customer's own purchase rhythm. */
export interface AdaptiveInterruptionOptions {
  /** The threshold is `multiple` × the customer's median gap between purchase days (default 3). */
  readonly multiple?: number;
  /** Fewest distinct purchase days needed to adapt; with fewer the fixed `interruptionAfter` applies (default 4, i.e. 3 gaps). */
  readonly minPurchaseDays?: number;
  /** The adaptive threshold is at least this many days (default 30). */
  readonly minDays?: number;
  /** The adaptive threshold is at most this many days (default 730). */
  readonly maxDays?: number;
}

/** Options of `classifyLifecycle` (and of `classifyLifecycles` and `lifecycleTimeline`). */
export interface ClassifyLifecycleOptions {
  /** The date at which the stage is determined; only purchases on or before it count (required). */
  readonly asOf: DateInput;
  /** Silence after the last purchase that makes an interruption, and the gap a recovery comes back from (default `{ months: 6 }`). */
  readonly interruptionAfter?: Duration;
  /** How recently a customer must have come back from such a gap to be in recovery (default `{ months: 3 }`). */
  readonly recoveryWindow?: Duration;
  /** How recent the first purchase must be for socialization (default `{ months: 3 }`). */
  readonly socializationWindow?: Duration;
  /** Length of the recent window `(s, asOf]` and of the window before it (default `{ months: 6 }`). */
  readonly trendWindow?: Duration;
  /** `change >= growthThreshold` is growth (default 0.1, i.e. +10%). */
  readonly growthThreshold?: number;
  /** `change <= -declineThreshold` is decline/endangerment (default 0.1, i.e. -10%). */
  readonly declineThreshold?: number;
  /** A satisfaction score below this marks decline/endangerment (default: none, the rule is off). */
  readonly dissatisfiedBelow?: number;
  /**
   * Adapt `interruptionAfter` to each customer's rhythm (default `false`: the fixed
   * `interruptionAfter` for everyone). `true` uses the default adaptive options.
   */
  readonly adaptiveInterruption?: boolean | AdaptiveInterruptionOptions;
  /** IANA time zone for the calendar math of windows (default: UTC). */
  readonly timeZone?: string;
}

/** Which rule of API.md decided the stage. */
export type LifecycleRule =
  | "no-purchase"
  | "termination-notice"
  | "interruption"
  | "dissatisfaction"
  | "recovery"
  | "socialization"
  | "trend";

/**
 * Why a customer is in its stage: the rule that fired and the numbers behind it. Dates are
 * ISO-8601 strings; a field of a rule that was not reached is `null`. The evidence is plain
 * JSON: when `vQ = 0` and `vR > 0` the rule treats the change as +Infinity, which is written
 * here as `change: null` with `changeIsInfinite: true`.
 */
export interface LifecycleEvidence {
  /** The rule that fired. */
  readonly rule: LifecycleRule;
  /** Its number in API.md's order (1 = no purchase … 7 = trend). */
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

/** Options with their defaults filled in. */
export interface ResolvedLifecycleOptions {
  readonly interruptionAfter: Duration;
  readonly recoveryWindow: Duration;
  readonly socializationWindow: Duration;
  readonly trendWindow: Duration;
  readonly growthThreshold: number;
  readonly declineThreshold: number;
  readonly dissatisfiedBelow: number | undefined;
  readonly adaptive: Required<AdaptiveInterruptionOptions> | undefined;
  readonly timeZone: string | undefined;
  /** The three windows in words ({@link formatDuration}), written once per call for the reasons. */
  readonly interruptionAfterText: string;
  readonly recoveryWindowText: string;
  readonly socializationWindowText: string;
  /** The reasons' tails for a trend rule ({@link formatChange}), written once per call. */
  readonly growthText: string;
  readonly declineText: string;
}

/** Reads and checks every option but `asOf` (read separately: a timeline has many). */
export function resolveLifecycleOptions(
  options: Omit<ClassifyLifecycleOptions, "asOf"> | undefined,
  fn: string,
): ResolvedLifecycleOptions {
  if (typeof options !== "object" || options === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options must be an object, got ${describeValue(options)}`,
    );
  }
  const {
    interruptionAfter = { months: 6 },
    recoveryWindow = { months: 3 },
    socializationWindow = { months: 3 },
    trendWindow = { months: 6 },
    growthThreshold = 0.1,
    declineThreshold = 0.1,
    dissatisfiedBelow,
    adaptiveInterruption = false,
    timeZone,
  } = options;
  assertDuration(interruptionAfter, `${fn}: interruptionAfter`);
  assertDuration(recoveryWindow, `${fn}: recoveryWindow`);
  assertDuration(socializationWindow, `${fn}: socializationWindow`);
  assertDuration(trendWindow, `${fn}: trendWindow`);
  assertInRange(growthThreshold, `${fn}: growthThreshold`, 0, Number.MAX_VALUE);
  assertInRange(declineThreshold, `${fn}: declineThreshold`, 0, Number.MAX_VALUE);
  if (dissatisfiedBelow !== undefined) assertFinite(dissatisfiedBelow, `${fn}: dissatisfiedBelow`);
  if (timeZone !== undefined) assertTimeZone(timeZone, fn);
  let adaptive: Required<AdaptiveInterruptionOptions> | undefined;
  if (adaptiveInterruption !== false) {
    if (
      adaptiveInterruption !== true &&
      (typeof adaptiveInterruption !== "object" || adaptiveInterruption === null)
    ) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: adaptiveInterruption must be a boolean or an object, got ${describeValue(adaptiveInterruption)}`,
      );
    }
    const a = adaptiveInterruption === true ? {} : adaptiveInterruption;
    const { multiple = 3, minPurchaseDays = 4, minDays = 30, maxDays = 730 } = a;
    assertInRange(multiple, `${fn}: adaptiveInterruption.multiple`, 0, Number.MAX_VALUE, { minOpen: true });
    assertInteger(minPurchaseDays, `${fn}: adaptiveInterruption.minPurchaseDays`, 2);
    assertInteger(minDays, `${fn}: adaptiveInterruption.minDays`, 1);
    assertInteger(maxDays, `${fn}: adaptiveInterruption.maxDays`, minDays);
    adaptive = { multiple, minPurchaseDays, minDays, maxDays };
  }
  // Copies, so that evidence never shares the caller's objects (and the texts describe the copies).
  const interruption = Object.freeze({ ...interruptionAfter });
  const recovery = Object.freeze({ ...recoveryWindow });
  const socialization = Object.freeze({ ...socializationWindow });
  return {
    interruptionAfter: interruption,
    interruptionAfterText: formatDuration(interruption),
    recoveryWindowText: formatDuration(recovery),
    socializationWindowText: formatDuration(socialization),
    growthText: ` >= growthThreshold ${formatChange(growthThreshold)}`,
    declineText: ` <= -declineThreshold ${formatChange(-declineThreshold)}`,
    recoveryWindow: recovery,
    socializationWindow: socialization,
    trendWindow: Object.freeze({ ...trendWindow }),
    growthThreshold,
    declineThreshold,
    dissatisfiedBelow,
    adaptive,
    timeZone,
  };
}

/** The window bounds at one `asOf`, computed once for all customers. */
export interface LifecycleCuts {
  readonly asOf: number;
  readonly asOfIso: string;
  /** {@link trendStart} and {@link previousStart} as ISO strings, written once per call. */
  readonly trendStartIso: string;
  readonly previousStartIso: string;
  /** `sub(asOf, interruptionAfter)` (fixed threshold). */
  readonly interruptionCut: number;
  /** `sub(asOf, recoveryWindow)`. */
  readonly recoveryCut: number;
  /** `sub(asOf, socializationWindow)`. */
  readonly socializationCut: number;
  /** `s = sub(asOf, trendWindow)`. */
  readonly trendStart: number;
  /** `sub(s, trendWindow)`. */
  readonly previousStart: number;
}

/** Reads `asOf` and computes the window bounds at it. */
export function lifecycleCuts(
  asOfInput: unknown,
  resolved: ResolvedLifecycleOptions,
  where: string,
): LifecycleCuts {
  const asOf = toTime(asOfInput, where);
  const tz = resolved.timeZone;
  const trendStart = subDuration(asOf, resolved.trendWindow, tz);
  const previousStart = subDuration(trendStart, resolved.trendWindow, tz);
  return {
    asOf,
    asOfIso: new Date(asOf).toISOString(),
    trendStartIso: new Date(trendStart).toISOString(),
    previousStartIso: new Date(previousStart).toISOString(),
    interruptionCut: subDuration(asOf, resolved.interruptionAfter, tz),
    recoveryCut: subDuration(asOf, resolved.recoveryWindow, tz),
    socializationCut: subDuration(asOf, resolved.socializationWindow, tz),
    trendStart,
    previousStart,
  };
}

/** A customer's dates and satisfaction, as epoch ms (absent = `undefined`). */
export interface HistoryFacts {
  readonly terminationNoticeAt: number | undefined;
  readonly noticeWithdrawnAt: number | undefined;
  readonly satisfaction: number | undefined;
}

/** The facts of a record that gives none: one shared object. */
export const NO_FACTS: HistoryFacts = Object.freeze({
  terminationNoticeAt: undefined,
  noticeWithdrawnAt: undefined,
  satisfaction: undefined,
});

/**
 * Reads the dates and satisfaction of a history or customer record (epoch ms), collecting
 * issues; `index` is the record's position in a list (issue paths `[3].field`), or
 * `undefined` for a single record (`field`). A record with none of the four fields gives
 * {@link NO_FACTS}, and nothing is allocated on the way: `classifyLifecycles` reads a
 * million customers this way.
 */
export function readHistoryFacts(
  record: {
    readonly firstContactAt?: unknown;
    readonly terminationNoticeAt?: unknown;
    readonly noticeWithdrawnAt?: unknown;
    readonly satisfaction?: unknown;
  },
  index: number | undefined,
  issues: ValidationIssue[],
): HistoryFacts {
  const { firstContactAt, terminationNoticeAt, noticeWithdrawnAt, satisfaction } = record;
  if (
    firstContactAt === undefined &&
    terminationNoticeAt === undefined &&
    noticeWithdrawnAt === undefined &&
    satisfaction === undefined
  ) {
    return NO_FACTS;
  }
  readDate(firstContactAt, "firstContactAt", index, issues);
  const notice = readDate(terminationNoticeAt, "terminationNoticeAt", index, issues);
  const withdrawn = readDate(noticeWithdrawnAt, "noticeWithdrawnAt", index, issues);
  const valid = typeof satisfaction === "number" && Number.isFinite(satisfaction);
  if (satisfaction !== undefined && !valid) {
    issues.push({
      path: issuePath(index, "satisfaction"),
      message: `expected a finite number, got ${describeValue(satisfaction)}`,
    });
  }
  return {
    terminationNoticeAt: notice,
    noticeWithdrawnAt: withdrawn,
    satisfaction: valid ? satisfaction : undefined,
  };
}

/** A fact's date as epoch ms (`undefined` when absent or invalid, with an issue when invalid). */
function readDate(
  value: unknown,
  field: string,
  index: number | undefined,
  issues: ValidationIssue[],
): number | undefined {
  if (value === undefined) return undefined;
  const t = parseDateInput(value);
  if (t === undefined) {
    issues.push({
      path: issuePath(index, field),
      message: `expected a Date or ISO-8601 date string, got ${describeValue(value)}`,
    });
  }
  return t;
}

const issuePath = (index: number | undefined, field: string) =>
  index === undefined ? field : `[${index}].${field}`;

/** First index in `[lo, hi)` whose time is `> x` (`hi` if none); `time` ascending. */
export function firstAfter(time: Float64Array, lo: number, hi: number, x: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (time[mid]! > x) b = mid;
    else a = mid + 1;
  }
  return a;
}

const MS_PER_DAY = 86_400_000;
const iso = isoString;
const isoOrNull = (t: number | undefined) => (t === undefined ? null : iso(t));

/** `{ months: 6 }` -> "6 months". */
export function formatDuration(d: Duration): string {
  const parts = Object.entries(d)
    .filter(([, v]) => typeof v === "number" && v > 0)
    .map(([k, v]) => `${v} ${v === 1 ? k.slice(0, -1) : k}`);
  return parts.join(" ");
}

/**
 * `String(Math.round(x * 100) / 100)`, written from the whole number of cents where that is
 * the same string (performance, issue 11: a trend reason has two of these, and converting
 * a fraction to text is the slow part). For |cents| < 10^15 the double nearest to
 * `cents / 100` has as its shortest round-trip text the decimal `cents / 100` itself (its
 * spacing is below 1/100, so no shorter decimal lands on it), which is what `String`
 * gives; beyond that, `String` itself.
 */
export function formatNumber(x: number): string {
  const cents = Math.round(x * 100);
  if (!(Math.abs(cents) < 1e15)) return String(cents / 100);
  const magnitude = Math.abs(cents);
  const whole = Math.floor(magnitude / 100);
  const fraction = magnitude - whole * 100;
  const sign = cents < 0 ? "-" : "";
  if (fraction === 0) return `${sign}${whole}`;
  if (fraction % 10 === 0) return `${sign}${whole}.${fraction / 10}`;
  return `${sign}${whole}.${fraction < 10 ? "0" : ""}${fraction}`;
}

const formatChange = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`;

function sumRange(amount: Float64Array, lo: number, hi: number): number {
  const s = new CompensatedSum();
  for (let i = lo; i < hi; i++) s.add(amount[i]!);
  return s.value;
}

/**
 * The adaptive threshold in days: `ceil(multiple × median gap between distinct purchase
 * days)`, clamped to `[minDays, maxDays]`; `undefined` with too few purchase days.
 */
function adaptiveDays(
  time: Float64Array,
  lo: number,
  hi: number,
  adaptive: Required<AdaptiveInterruptionOptions>,
  timeZone: string | undefined,
): number | undefined {
  const gaps: number[] = [];
  let previous = Number.NaN;
  for (let i = lo; i < hi; i++) {
    const day = periodIndex(time[i]!, "day", timeZone);
    if (day !== previous) {
      if (!Number.isNaN(previous)) gaps.push(day - previous);
      previous = day;
    }
  }
  if (gaps.length + 1 < adaptive.minPurchaseDays) return undefined;
  const days = Math.ceil(adaptive.multiple * median(gaps));
  return Math.min(adaptive.maxDays, Math.max(adaptive.minDays, days));
}

const HOUR = 3_600_000;
const boundsCache = new WeakMap<Duration, readonly [number, number]>();

/**
 * Milliseconds that a duration spans at the least and at the most, wherever it is applied
 * (months of 28..31 days, years of 365..366, days of 23..25 hours in a zone with DST), with
 * a day of slack on each side; only used to skip exact date-fns math when a gap is far
 * from the boundary.
 */
function durationBounds(d: Duration): readonly [number, number] {
  const cached = boundsCache.get(d);
  if (cached !== undefined) return cached;
  const { years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0 } = d;
  const fixed = (hours * 60 + minutes) * 60_000 + seconds * 1000;
  const dayCount = weeks * 7 + days;
  const shortest =
    (years * 365 + months * 28) * MS_PER_DAY + dayCount * (MS_PER_DAY - HOUR) + fixed - MS_PER_DAY;
  const longest =
    (years * 366 + months * 31) * MS_PER_DAY + dayCount * (MS_PER_DAY + HOUR) + fixed + MS_PER_DAY;
  const bounds = [shortest, longest] as const;
  boundsCache.set(d, bounds);
  return bounds;
}

/** The outcome of the rules for one customer, before the evidence is written out. */
export interface LifecycleDecision {
  readonly stage: LifecycleStage;
  readonly phase: LifecyclePhase | undefined;
  readonly rule: LifecycleRule;
  readonly ruleNumber: LifecycleEvidence["ruleNumber"];
  /** The `interruptionAfter` applied, and where it came from. */
  readonly interruptionAfter: Duration;
  readonly source: "fixed" | "adaptive";
  /** Recovery: index of the purchase that ended the latest long gap (else -1). */
  readonly gapEnd: number;
  /** Trend values (rule 7 only, else NaN). */
  readonly vR: number;
  readonly vQ: number;
  readonly change: number;
}

/** A {@link LifecycleDecision} (a function of its own, not a closure made per customer: issue 11). */
function makeDecision(
  stage: LifecycleStage,
  phase: LifecyclePhase | undefined,
  rule: LifecycleRule,
  ruleNumber: LifecycleEvidence["ruleNumber"],
  interruptionAfter: Duration,
  source: "fixed" | "adaptive",
  gapEnd = -1,
  vR = Number.NaN,
  vQ = Number.NaN,
  change = Number.NaN,
): LifecycleDecision {
  return { stage, phase, rule, ruleNumber, interruptionAfter, source, gapEnd, vR, vQ, change };
}

/**
 * Applies the seven rules, first match wins, to one customer's purchases
 * `time[lo..hi)` / `amount[lo..hi)`: purchases only (`amount > 0`), on or before `asOf`,
 * in ascending time (ties in input order).
 */
export function decideLifecycle(
  time: Float64Array,
  amount: Float64Array,
  lo: number,
  hi: number,
  facts: HistoryFacts,
  resolved: ResolvedLifecycleOptions,
  cuts: LifecycleCuts,
): LifecycleDecision {
  const { asOf } = cuts;
  const tz = resolved.timeZone;
  let interruptionAfter = resolved.interruptionAfter;
  let interruptionCut = cuts.interruptionCut;
  let source: "fixed" | "adaptive" = "fixed";
  if (resolved.adaptive !== undefined && hi > lo) {
    const days = adaptiveDays(time, lo, hi, resolved.adaptive, tz);
    if (days !== undefined) {
      interruptionAfter = { days };
      interruptionCut = subDuration(asOf, interruptionAfter, tz);
      source = "adaptive";
    }
  }
  // 1. No purchase up to asOf.
  if (hi <= lo) return makeDecision("prospecting", undefined, "no-purchase", 1, interruptionAfter, source);

  // 2. A termination notice on or before asOf, not withdrawn (on or after the notice) by asOf.
  const notice = facts.terminationNoticeAt;
  if (notice !== undefined && notice <= asOf) {
    const withdrawn = facts.noticeWithdrawnAt;
    if (withdrawn === undefined || withdrawn > asOf || withdrawn < notice) {
      return makeDecision("decline", "termination", "termination-notice", 2, interruptionAfter, source);
    }
  }

  // 3. Last purchase at least interruptionAfter before asOf.
  if (time[hi - 1]! <= interruptionCut)
    return makeDecision("interruption", undefined, "interruption", 3, interruptionAfter, source);

  // 4. Dissatisfied.
  const { satisfaction } = facts;
  if (
    resolved.dissatisfiedBelow !== undefined &&
    satisfaction !== undefined &&
    satisfaction < resolved.dissatisfiedBelow
  ) {
    return makeDecision("decline", "endangerment", "dissatisfaction", 4, interruptionAfter, source);
  }

  // 5. The latest gap of at least interruptionAfter ended less than recoveryWindow before asOf.
  // Gap ends are in time order, so only purchases after the recovery cut need checking,
  // latest first; the first long gap found is the latest one. Gaps clearly shorter or
  // longer than any calendar length of interruptionAfter skip the date-fns call.
  const [shortest, longest] = durationBounds(interruptionAfter);
  for (let i = hi - 1; i > lo && time[i]! > cuts.recoveryCut; i--) {
    const gap = time[i]! - time[i - 1]!;
    if (gap < shortest) continue;
    if (gap > longest || time[i - 1]! <= subDuration(time[i]!, interruptionAfter, tz)) {
      return makeDecision("recovery", undefined, "recovery", 5, interruptionAfter, source, i);
    }
  }

  // 6. First purchase less than socializationWindow before asOf.
  if (time[lo]! > cuts.socializationCut)
    return makeDecision("socialization", undefined, "socialization", 6, interruptionAfter, source);

  // 7. Trend: vR over (s, asOf], vQ over (sub(s, trendWindow), s].
  const recentFrom = firstAfter(time, lo, hi, cuts.trendStart);
  const previousFrom = firstAfter(time, lo, recentFrom, cuts.previousStart);
  const vR = sumRange(amount, recentFrom, hi);
  const vQ = sumRange(amount, previousFrom, recentFrom);
  const change = vQ === 0 ? (vR > 0 ? Number.POSITIVE_INFINITY : 0) : (vR - vQ) / vQ + 0;
  if (change >= resolved.growthThreshold)
    return makeDecision("growth", undefined, "trend", 7, interruptionAfter, source, -1, vR, vQ, change);
  if (change <= -resolved.declineThreshold)
    return makeDecision("decline", "endangerment", "trend", 7, interruptionAfter, source, -1, vR, vQ, change);
  return makeDecision("maturity", undefined, "trend", 7, interruptionAfter, source, -1, vR, vQ, change);
}

/**
 * The reason of a decision, in words. The dates are the evidence's own ISO strings,
 * `interruptionAfter` the resolved option's text unless it adapted.
 *
 * Performance (issue 11): a million customers' results are what the collector copies and
 * the system must find memory for, so a reason is one flat string, made by `join`: a
 * template literal leaves a tree of partial strings (measured on a trend reason: 244 bytes
 * kept against 87). (`join` writes null as "", a template as "null"; the date a rule names
 * is never null when that rule fires.)
 */
function reasonOf(
  d: LifecycleDecision,
  dates: {
    first: string | null;
    last: string | null;
    gapStart: string | null;
    gapEnd: string | null;
    notice: string | null;
  },
  facts: HistoryFacts,
  resolved: ResolvedLifecycleOptions,
): string {
  const interruptionAfter =
    d.interruptionAfter === resolved.interruptionAfter
      ? resolved.interruptionAfterText
      : formatDuration(d.interruptionAfter);
  switch (d.rule) {
    case "no-purchase":
      return "no purchase (amount > 0) on or before asOf";
    case "termination-notice":
      return ["termination notice given ", dates.notice, " and not withdrawn by asOf"].join("");
    case "interruption":
      return ["last purchase ", dates.last, " is at least ", interruptionAfter, " before asOf"].join("");
    case "dissatisfaction":
      return `satisfaction ${facts.satisfaction} is below dissatisfiedBelow ${resolved.dissatisfiedBelow}`;
    case "recovery":
      return [
        "bought again ",
        dates.gapEnd,
        " after a gap of at least ",
        interruptionAfter,
        " (since ",
        dates.gapStart,
        "), less than ",
        resolved.recoveryWindowText,
        " before asOf",
      ].join("");
    case "socialization":
      return [
        "first purchase ",
        dates.first,
        " is less than ",
        resolved.socializationWindowText,
        " before asOf",
      ].join("");
    case "trend":
      return [
        "vR ",
        formatNumber(d.vR),
        " vs vQ ",
        formatNumber(d.vQ),
        ": change ",
        d.change === Number.POSITIVE_INFINITY ? "+Infinity (vQ = 0)" : formatChange(d.change),
        d.stage === "growth"
          ? resolved.growthText
          : d.stage === "decline"
            ? resolved.declineText
            : ", within the thresholds",
      ].join("");
  }
}

/** {@link decideLifecycle} with the strategy and the evidence written out. */
export function classifyPurchases(
  time: Float64Array,
  amount: Float64Array,
  lo: number,
  hi: number,
  facts: HistoryFacts,
  resolved: ResolvedLifecycleOptions,
  cuts: LifecycleCuts,
): LifecycleResult {
  const d = decideLifecycle(time, amount, lo, hi, facts, resolved, cuts);
  const evidence = evidenceOf(d, time, amount, lo, hi, facts, resolved, cuts);
  const strategy = strategyOf(d);
  return d.phase === undefined
    ? { stage: d.stage, strategy, evidence }
    : { stage: d.stage, phase: d.phase, strategy, evidence };
}

/** The strategy of a decision's stage (of the termination phase for a termination). */
export function strategyOf(d: LifecycleDecision): string {
  return LIFECYCLE_STRATEGIES.en[d.phase === "termination" ? "termination" : d.stage];
}

/** The evidence of a decision on the purchases `time[lo..hi)` / `amount[lo..hi)`. */
export function evidenceOf(
  d: LifecycleDecision,
  time: Float64Array,
  amount: Float64Array,
  lo: number,
  hi: number,
  facts: HistoryFacts,
  resolved: ResolvedLifecycleOptions,
  cuts: LifecycleCuts,
): LifecycleEvidence {
  const n = hi - lo;
  const last = n > 0 ? time[hi - 1]! : undefined;
  const trend = d.rule === "trend";
  const infinite = d.change === Number.POSITIVE_INFINITY;
  const gap = d.gapEnd > lo;
  const dates = {
    first: n > 0 ? iso(time[lo]!) : null,
    last: isoOrNull(last),
    gapStart: gap ? iso(time[d.gapEnd - 1]!) : null,
    gapEnd: gap ? iso(time[d.gapEnd]!) : null,
    notice: isoOrNull(facts.terminationNoticeAt),
  };
  return {
    rule: d.rule,
    ruleNumber: d.ruleNumber,
    reason: reasonOf(d, dates, facts, resolved),
    asOf: cuts.asOfIso,
    purchases: n,
    purchaseValue: sumRange(amount, lo, hi),
    firstPurchaseAt: dates.first,
    lastPurchaseAt: dates.last,
    daysSinceLastPurchase: last === undefined ? null : (cuts.asOf - last) / MS_PER_DAY + 0,
    interruptionAfter: d.interruptionAfter,
    interruptionAfterSource: d.source,
    terminationNoticeAt: dates.notice,
    noticeWithdrawnAt: isoOrNull(facts.noticeWithdrawnAt),
    satisfaction: facts.satisfaction ?? null,
    gapStartedAt: dates.gapStart,
    gapEndedAt: dates.gapEnd,
    trendWindowStart: trend ? cuts.trendStartIso : null,
    previousWindowStart: trend ? cuts.previousStartIso : null,
    vR: trend ? d.vR : null,
    vQ: trend ? d.vQ : null,
    change: trend && !infinite ? d.change : null,
    changeIsInfinite: trend && infinite,
  };
}
