/**
 * The options of the lifecycle classifier, checked once per call, and the window bounds
 * they give at one `asOf`: every customer is then judged against the same instants.
 */
import type { Duration } from "../internal/dates.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertFinite, assertInRange, assertInteger } from "../internal/assert.js";
import {
  assertDuration,
  assertTimeZone,
  type DateInput,
  describeValue,
  isoString,
  MS_PER_DAY,
  subDuration,
  toTime,
} from "../internal/dates.js";

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

/** The options with their defaults filled in; the durations are copies, never the caller's objects. */
export interface ResolvedLifecycleOptions {
  readonly fn: string;
  readonly interruptionAfter: Duration;
  readonly recoveryWindow: Duration;
  readonly socializationWindow: Duration;
  readonly trendWindow: Duration;
  readonly growthThreshold: number;
  readonly declineThreshold: number;
  readonly dissatisfiedBelow: number | undefined;
  readonly adaptive: Required<AdaptiveInterruptionOptions> | undefined;
  readonly timeZone: string | undefined;
  /** The two windows and the thresholds crossed in words, for the reasons. */
  readonly recoveryWindowText: string;
  readonly socializationWindowText: string;
  readonly growthText: string;
  readonly declineText: string;
}

/**
 * Checks every option but `asOf` (a timeline has many) and fills in the defaults.
 *
 * @throws {CustomerValueError} `INVALID_OPTION` naming `fn` and the option
 */
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
  const recovery = Object.freeze({ ...recoveryWindow });
  const socialization = Object.freeze({ ...socializationWindow });
  return {
    fn,
    interruptionAfter: Object.freeze({ ...interruptionAfter }),
    recoveryWindow: recovery,
    socializationWindow: socialization,
    trendWindow: Object.freeze({ ...trendWindow }),
    growthThreshold,
    declineThreshold,
    dissatisfiedBelow,
    adaptive: resolveAdaptive(adaptiveInterruption, fn),
    timeZone,
    recoveryWindowText: formatDuration(recovery),
    socializationWindowText: formatDuration(socialization),
    growthText: ` >= growthThreshold ${percent(growthThreshold)}`,
    declineText: ` <= -declineThreshold ${percent(-declineThreshold)}`,
  };
}

function resolveAdaptive(adaptive: unknown, fn: string): Required<AdaptiveInterruptionOptions> | undefined {
  if (adaptive === false) return undefined;
  if (adaptive !== true && (typeof adaptive !== "object" || adaptive === null)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: adaptiveInterruption must be a boolean or an object, got ${describeValue(adaptive)}`,
    );
  }
  const given: AdaptiveInterruptionOptions = adaptive === true ? {} : adaptive;
  const { multiple = 3, minPurchaseDays = 4, minDays = 30, maxDays = 730 } = given;
  assertInRange(multiple, `${fn}: adaptiveInterruption.multiple`, 0, Number.MAX_VALUE, { minOpen: true });
  assertInteger(minPurchaseDays, `${fn}: adaptiveInterruption.minPurchaseDays`, 2);
  assertInteger(minDays, `${fn}: adaptiveInterruption.minDays`, 1);
  assertInteger(maxDays, `${fn}: adaptiveInterruption.maxDays`, minDays);
  return { multiple, minPurchaseDays, minDays, maxDays };
}

/** The `interruptionAfter` applied to a customer, with what the rules need of it. */
export interface InterruptionThreshold {
  readonly duration: Duration;
  readonly source: "fixed" | "adaptive";
  /** The duration in words, for the reasons. */
  readonly text: string;
  /** `sub(asOf, duration)`: a last purchase on or before it is an interruption. */
  readonly cut: number;
  /** The fewest and most milliseconds the duration can span, wherever it is applied. */
  readonly shortest: number;
  readonly longest: number;
}

/** The window bounds at one `asOf` (epoch ms), shared by every customer. */
export interface LifecycleWindows {
  readonly options: ResolvedLifecycleOptions;
  readonly asOf: number;
  /** The fixed threshold, at `asOf`. */
  readonly interruption: InterruptionThreshold;
  /** `sub(asOf, recoveryWindow)`. */
  readonly recoveryCut: number;
  /** `sub(asOf, socializationWindow)`. */
  readonly socializationCut: number;
  /** `s = sub(asOf, trendWindow)`: the recent window is `(s, asOf]`. */
  readonly trendStart: number;
  /** `sub(s, trendWindow)`: the previous window is `(previousStart, s]`. */
  readonly previousStart: number;
  /** `asOf`, `trendStart` and `previousStart` as ISO-8601 strings, written once for every customer. */
  readonly iso: { readonly asOf: string; readonly trendStart: string; readonly previousStart: string };
}

/**
 * Reads `asOf` and computes the window bounds at it.
 *
 * @throws {CustomerValueError} `INVALID_OPTION` when `asOf` is not a date (named by `where`)
 */
export function lifecycleWindows(
  asOfInput: unknown,
  options: ResolvedLifecycleOptions,
  where: string,
): LifecycleWindows {
  const asOf = toTime(asOfInput, where);
  const tz = options.timeZone;
  const trendStart = subDuration(asOf, options.trendWindow, tz);
  const previousStart = subDuration(trendStart, options.trendWindow, tz);
  return {
    options,
    asOf,
    interruption: interruptionThreshold(options.interruptionAfter, "fixed", asOf, tz),
    recoveryCut: subDuration(asOf, options.recoveryWindow, tz),
    socializationCut: subDuration(asOf, options.socializationWindow, tz),
    trendStart,
    previousStart,
    iso: {
      asOf: isoString(asOf),
      trendStart: isoString(trendStart),
      previousStart: isoString(previousStart),
    },
  };
}

const HOUR = 3_600_000;

/**
 * The threshold `duration` at `asOf`. Its span bounds take months as 28..31 days, years as
 * 365..366 and days as 23..25 hours (a daylight-saving change), with a day of slack each
 * side: a gap outside them is decided without date-fns.
 */
export function interruptionThreshold(
  duration: Duration,
  source: "fixed" | "adaptive",
  asOf: number,
  timeZone: string | undefined,
): InterruptionThreshold {
  const { years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0 } = duration;
  const clock = (hours * 60 + minutes) * 60_000 + seconds * 1000;
  const dayCount = weeks * 7 + days;
  return {
    duration,
    source,
    text: formatDuration(duration),
    cut: subDuration(asOf, duration, timeZone),
    shortest: (years * 365 + months * 28) * MS_PER_DAY + dayCount * (MS_PER_DAY - HOUR) + clock - MS_PER_DAY,
    longest: (years * 366 + months * 31) * MS_PER_DAY + dayCount * (MS_PER_DAY + HOUR) + clock + MS_PER_DAY,
  };
}

/** `{ months: 6 }` -> "6 months", `{ days: 1 }` -> "1 day". */
export function formatDuration(d: Duration): string {
  return Object.entries(d)
    .filter(([, v]) => typeof v === "number" && v > 0)
    .map(([k, v]) => `${v} ${v === 1 ? k.slice(0, -1) : k}`)
    .join(" ");
}

/** A change as a signed percentage with one decimal: 0.1 -> "+10.0%". */
export const percent = (x: number): string => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`;

/** An instant as an ISO-8601 string, `null` for none. */
export const isoOrNull = (t: number | undefined): string | null => (t === undefined ? null : isoString(t));
