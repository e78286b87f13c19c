/**
 * Shared date handling: the one place that reads dates, cuts calendar periods and
 * moves by durations. Every module goes through here so that UTC-by-default, IANA time
 * zones and the window boundary convention (docs/dates.md) hold everywhere.
 *
 * - A date is a `Date` or an ISO-8601 string; a string without a zone is UTC.
 * - Calendar periods are numbered by a *period index* (an integer: consecutive
 *   periods have consecutive indices), so callers can walk a range of periods
 *   with `i + 1`, and turn an index into its key (`"2011-03"`) or its bounds.
 * - Durations are date-fns `Duration` objects, applied with date-fns `sub`/`add`
 *   in UTC (`@date-fns/utc`) or in the given zone (`@date-fns/tz`), so month-end
 *   clamping is date-fns' own: 2011-03-31 minus one month is 2011-02-28.
 */
import { TZDate, tz, tzOffset } from "@date-fns/tz";
import { utc } from "@date-fns/utc";
// One module per function: the date-fns index would load all of date-fns on every import.
import { add } from "date-fns/add";
import { getISOWeek } from "date-fns/getISOWeek";
import { getISOWeekYear } from "date-fns/getISOWeekYear";
import { sub } from "date-fns/sub";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { readCommonIsoString, readIsoDate, timeInRange } from "./isoDate.js";

export { daysFromCivil, readIsoDate, timeInRange } from "./isoDate.js";

/** A date as records and options accept it: a `Date` or an ISO-8601 string (no zone = UTC). */
export type DateInput = Date | string;

/**
 * A length of time, `{ months: 6 }`: date-fns' `Duration`, field for field (declared here
 * because the package bundles date-fns rather than installing it).
 */
export interface Duration {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
}

/** The calendar periods the library cuts time into. */
export const PERIODS = ["day", "week", "month", "quarter", "year"] as const;
/** `"day"`, `"week"` (ISO week), `"month"`, `"quarter"` or `"year"`. */
export type Period = (typeof PERIODS)[number];

export const MS_PER_DAY = 86_400_000;

/** The largest time a `Date` holds, in ms either side of 1970. */
const MAX_DATE_TIME = 8.64e15;

/** Slots of {@link isoString}'s caches (direct-mapped: slot = key modulo the size). */
const ISO_CACHE_SLOTS = 4096;
const isoDayKeys = new Float64Array(ISO_CACHE_SLOTS).fill(Number.NaN);
const isoDayParts: string[] = new Array<string>(ISO_CACHE_SLOTS).fill("");
const isoClockKeys = new Float64Array(ISO_CACHE_SLOTS).fill(Number.NaN);
const isoClockParts: string[] = new Array<string>(ISO_CACHE_SLOTS).fill("");

/**
 * `new Date(t).toISOString()`, the same string, for results that write millions of dates
 * (lifecycle evidence): the date part and the clock part come from two small caches keyed
 * by the day and the time of day, filled from `toISOString` itself.
 */
export function isoString(t: number): string {
  // A fraction of a millisecond (which toISOString truncates towards zero) is not cached,
  // nor a time beyond the Date range (+-8.64e15 ms), which must throw as toISOString does
  // (8.64e15 + 5 is on the same day as the valid 8.64e15).
  if (!Number.isInteger(t) || Math.abs(t) > MAX_DATE_TIME) return new Date(t).toISOString();
  const day = Math.floor(t / MS_PER_DAY);
  const clock = t - day * MS_PER_DAY;
  const daySlot = day & (ISO_CACHE_SLOTS - 1);
  const clockSlot = Math.floor(clock / 1000) & (ISO_CACHE_SLOTS - 1);
  if (isoDayKeys[daySlot] !== day || isoClockKeys[clockSlot] !== clock) {
    const iso = new Date(t).toISOString(); // a RangeError beyond the Date range, as before
    const split = iso.indexOf("T") + 1;
    isoDayKeys[daySlot] = day;
    isoDayParts[daySlot] = iso.slice(0, split);
    isoClockKeys[clockSlot] = clock;
    isoClockParts[clockSlot] = iso.slice(split);
    return iso;
  }
  return isoDayParts[daySlot]! + isoClockParts[clockSlot]!;
}

/**
 * Reads a date: a valid `Date`, or an ISO-8601 string `YYYY-MM-DD[Thh:mm[:ss[.fff]][Z|±hh[:mm]]]`
 * (a space may replace the `T`, a comma the dot; a zone only after a time; without a zone
 * the time is UTC; surrounding whitespace is ignored). Calendar-invalid strings such as
 * `2011-02-30` are rejected rather than rolled over, and so is any instant outside years
 * 0000 to 9999 UTC. Fractions of a millisecond are cut off.
 *
 * @returns epoch milliseconds, or `undefined` when the value is not a valid date.
 * @example
 * parseDateInput("2011-03-04T10:00:00+01:00"); // => 1299229200000
 */
export function parseDateInput(value: unknown): number | undefined {
  if (value instanceof Date) {
    const t = timeOfDate(value);
    return Number.isFinite(t) ? timeInRange(t) : undefined;
  }
  if (typeof value !== "string") return undefined;
  const common = readCommonIsoString(value);
  if (common !== undefined) return common;
  const text =
    value.length > 0 && (value.charCodeAt(0) > 127 || value.charCodeAt(value.length - 1) > 127)
      ? value.trim()
      : value;
  if (text.length > UNITS.length) return undefined;
  for (let i = 0; i < text.length; i++) UNITS[i] = text.charCodeAt(i);
  return readIsoDate(UNITS, 0, text.length);
}

/**
 * `date.getTime()`, or NaN for an object that only looks like a `Date` (made with
 * `Object.create(Date.prototype)`, or a `Proxy` of one), whose `getTime` throws.
 */
function timeOfDate(date: Date): number {
  try {
    return date.getTime();
  } catch {
    return Number.NaN;
  }
}

/** The code units of a string being read (no ISO-8601 date is longer). */
const UNITS = new Uint16Array(64);

/**
 * Reads a date option or field, throwing a `CustomerValueError` that names where it came from.
 *
 * @param value - the date to read
 * @param where - `"fnName: option"`, used in the message
 * @param code - the error code to throw (default `INVALID_OPTION`)
 */
export function toTime(
  value: unknown,
  where: string,
  code: "INVALID_OPTION" | "INVALID_RECORD" = "INVALID_OPTION",
): number {
  const t = parseDateInput(value);
  if (t === undefined) {
    throw new CustomerValueError(
      code,
      `${where} must be a valid Date or ISO-8601 date string, got ${describeValue(value)}`,
    );
  }
  return t;
}

/** Throws unless `timeZone` is an IANA zone name that this runtime knows. */
export function assertTimeZone(timeZone: unknown, where: string): asserts timeZone is string {
  if (typeof timeZone === "string" && timeZone.length > 0) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone });
      return;
    } catch {
      // fall through to the error below
    }
  }
  throw new CustomerValueError(
    "INVALID_OPTION",
    `${where}: timeZone must be an IANA time zone name such as "Asia/Shanghai", got ${describeValue(timeZone)}`,
  );
}

/** Throws unless `period` is one of {@link PERIODS}. */
export function assertPeriod(period: unknown, where: string): asserts period is Period {
  if (!(PERIODS as readonly unknown[]).includes(period)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${where}: period must be one of ${PERIODS.map((p) => `"${p}"`).join(", ")}, got ${describeValue(period)}`,
    );
  }
}

const DURATION_KEYS = ["years", "months", "weeks", "days", "hours", "minutes", "seconds"] as const;

/**
 * Throws unless `duration` is a date-fns `Duration` with whole, non-negative fields
 * and (unless `allowZero`) at least one positive field.
 */
export function assertDuration(
  duration: unknown,
  where: string,
  allowZero = false,
): asserts duration is Duration {
  const fail = (rule: string): never => {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${where} must be a date-fns Duration such as { months: 6 } ${rule}, got ${describeValue(duration)}`,
    );
  };
  if (typeof duration !== "object" || duration === null || Array.isArray(duration)) fail("(an object)");
  let positive = false;
  let days = 0;
  for (const [key, value] of Object.entries(duration as object)) {
    if (!(DURATION_KEYS as readonly string[]).includes(key)) fail(`(unknown field "${key}")`);
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      fail(`(each field a whole number >= 0)`);
    }
    if ((value as number) > 0) positive = true;
    days += (value as number) * DAYS_PER_UNIT[key as (typeof DURATION_KEYS)[number]];
  }
  if (!positive && !allowZero) fail("(at least one field > 0)");
  // Dates run from year 0000 to 9999: a longer duration would step out of every date.
  if (days > 10_000 * 365.2425) fail("(at most 10,000 years in all, the span of dates from 0000 to 9999)");
}

/** The mean length of each duration unit in days (Gregorian year of 365.2425 days). */
const DAYS_PER_UNIT = {
  years: 365.2425,
  months: 365.2425 / 12,
  weeks: 7,
  days: 1,
  hours: 1 / 24,
  minutes: 1 / 1440,
  seconds: 1 / 86_400,
} as const;

/** The date-fns context in which calendar math runs: UTC, or the given IANA zone. */
const contextOf = (timeZone: string | undefined): ((value: Date | number | string) => Date) =>
  timeZone === undefined ? utc : tz(timeZone);

/** `time` moved back by `duration` (date-fns `sub`, month-end clamped) in UTC or in `timeZone`. */
export function subDuration(time: number, duration: Duration, timeZone?: string): number {
  return sub(time, duration, { in: contextOf(timeZone) }).getTime();
}

/** `time` moved forward by `duration` (date-fns `add`, month-end clamped) in UTC or in `timeZone`. */
export function addDuration(time: number, duration: Duration, timeZone?: string): number {
  return add(time, duration, { in: contextOf(timeZone) }).getTime();
}

/**
 * The window boundary convention: "`a` is at least `duration` before `b`" means
 * `a <= sub(b, duration)`, with date-fns month-end clamping.
 */
export function isAtLeastBefore(a: number, duration: Duration, b: number, timeZone?: string): boolean {
  return a <= subDuration(b, duration, timeZone);
}

// ---------------------------------------------------------------------------
// Calendar periods

/**
 * Offsets are cached per 15-minute bucket of UTC time: every zone in use today changes
 * its offset on a whole quarter hour, and a bucket whose two ends disagree is never cached.
 */
const OFFSET_BUCKET_MS = 15 * 60_000;
const offsetCaches = new Map<string, Map<number, number>>();

function offsetMinutes(time: number, timeZone: string): number {
  let cache = offsetCaches.get(timeZone);
  if (cache === undefined) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const bucket = Math.floor(time / OFFSET_BUCKET_MS);
  const cached = cache.get(bucket);
  if (cached !== undefined) return cached;
  const start = bucket * OFFSET_BUCKET_MS;
  const first = tzOffset(timeZone, new Date(start));
  const last = tzOffset(timeZone, new Date(start + OFFSET_BUCKET_MS - 1));
  if (first === last) {
    if (cache.size > 1_000_000) cache.clear();
    cache.set(bucket, first);
    return first;
  }
  return tzOffset(timeZone, new Date(time));
}

/** Wall-clock time of `time` in `timeZone` (or UTC), expressed as if it were UTC milliseconds. */
function wallTime(time: number, timeZone: string | undefined): number {
  return timeZone === undefined ? time : time + offsetMinutes(time, timeZone) * 60_000;
}

/**
 * The index of the calendar period that contains `time`, in UTC or in `timeZone`.
 * Consecutive periods have consecutive indices (days and ISO weeks count from
 * 1970-01-01 / the ISO week of 1969-12-29; months are `year * 12 + month0`;
 * quarters `year * 4 + quarter0`; years the year).
 */
export function periodIndex(time: number, period: Period, timeZone?: string): number {
  const wall = wallTime(time, timeZone);
  switch (period) {
    case "day":
      return Math.floor(wall / MS_PER_DAY);
    case "week":
      // 1970-01-01 was a Thursday: shifting by 3 days makes weeks start on Monday.
      return Math.floor((Math.floor(wall / MS_PER_DAY) + 3) / 7);
    case "month": {
      const d = new Date(wall);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    }
    case "quarter": {
      const d = new Date(wall);
      return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
    }
    case "year":
      return new Date(wall).getUTCFullYear();
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const yearKey = (year: number) => (year < 0 ? `-${pad(-year, 4)}` : pad(year, 4));

/** The first day (as UTC midnight) of the period with this index. */
function periodFirstDay(index: number, period: Period): Date {
  switch (period) {
    case "day":
      return new Date(index * MS_PER_DAY);
    case "week":
      return new Date((index * 7 - 3) * MS_PER_DAY);
    case "month":
    case "quarter":
    case "year": {
      const months = period === "month" ? 1 : period === "quarter" ? 3 : 12;
      const perYear = 12 / months;
      const year = Math.floor(index / perYear);
      const d = new Date(0);
      d.setUTCFullYear(year, (index - year * perYear) * months, 1);
      return d;
    }
  }
}

/**
 * The key of the period with this index: `"2011-03-04"` (day), `"2011-W09"` (ISO week in
 * its ISO week-year), `"2011-03"` (month), `"2011-Q1"` (quarter), `"2011"` (year).
 */
export function periodKeyOf(index: number, period: Period): string {
  const first = periodFirstDay(index, period);
  const year = first.getUTCFullYear();
  switch (period) {
    case "day":
      return `${yearKey(year)}-${pad(first.getUTCMonth() + 1)}-${pad(first.getUTCDate())}`;
    case "week":
      return `${yearKey(getISOWeekYear(first, { in: utc }))}-W${pad(getISOWeek(first, { in: utc }))}`;
    case "month":
      return `${yearKey(year)}-${pad(first.getUTCMonth() + 1)}`;
    case "quarter":
      return `${yearKey(year)}-Q${Math.floor(first.getUTCMonth() / 3) + 1}`;
    case "year":
      return yearKey(year);
  }
}

/** The key of the period containing `time` (UTC unless `timeZone`), e.g. `"2010-12"`. */
export function periodKey(time: number, period: Period, timeZone?: string): string {
  return periodKeyOf(periodIndex(time, period, timeZone), period);
}

/**
 * The instant the period with this index starts: midnight of its first day in `timeZone`
 * (a `TZDate` from `@date-fns/tz`, which moves a midnight skipped by a DST jump to the jump),
 * or in UTC.
 */
export function periodStart(index: number, period: Period, timeZone?: string): number {
  const first = periodFirstDay(index, period);
  if (timeZone === undefined) return first.getTime();
  const [year, month, day] = [first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate()];
  const start = new TZDate(year, month, day, timeZone);
  // The constructor reads years 0 to 99 as 1900 to 1999, as Date's does.
  if (year < 100) start.setFullYear(year, month, day);
  return start.getTime();
}

/** The instant the period with this index ends (exclusive): the start of the next period. */
export function periodEnd(index: number, period: Period, timeZone?: string): number {
  return periodStart(index + 1, period, timeZone);
}

/** Describes a value for an error message: strings quoted, objects as JSON (shortened). */
export function describeValue(value: unknown): string {
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value instanceof Date) {
    const t = timeOfDate(value);
    return Number.isNaN(t) ? "Invalid Date" : new Date(t).toISOString();
  }
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return String(value);
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "function") return "a function";
  try {
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
