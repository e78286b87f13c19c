/**
 * Reading ISO-8601 dates from code units — a string's UTF-16 units, or the bytes of an
 * ASCII file — without making a string or a `Date`: `YYYY-MM-DD[Thh:mm[:ss[.fff]][zone]]`,
 * a space for the `T`, a comma for the dot, a zone (`Z`, `±hh`, `±hhmm`, `±hh:mm`) only
 * after a time, years 0000 to 9999. Calendar-invalid dates (`2011-02-30`) are rejected.
 */
const MS_PER_DAY = 86_400_000;

/**
 * The instants a date may take: years 0000 to 9999 in UTC, as ISO-8601 strings can
 * spell them. A `Date` beyond (JavaScript allows years up to 275760) is rejected, so
 * that period and window math (which steps past the last date) never leaves the
 * `Date` range.
 */
const MIN_TIME = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const MAX_TIME = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

/** The time (epoch ms) if it lies in years 0000..9999 UTC, else `undefined` (also for NaN). */
export function timeInRange(t: number): number | undefined {
  return t >= MIN_TIME && t <= MAX_TIME ? t : undefined;
}

/** Code units: the UTF-16 units of a string, or the bytes of an ASCII text. */
type Units = Uint8Array | Uint16Array;

/** The value of the `count` ASCII digits at `units[at ..]`, or -1 unless all are digits. */
function digitsAt(units: Units, at: number, count: number): number {
  let value = 0;
  for (let k = at; k < at + count; k++) {
    const d = (units[k] ?? 0) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Days from 1970-01-01 to the proleptic Gregorian date (Hinnant, "chrono-compatible low-level date algorithms"). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970 of a calendar date, or NaN when there is no such day (a part -1: not digits). */
function calendarDay(year: number, month: number, day: number): number {
  if (year < 0 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day > monthDays ? Number.NaN : daysFromCivil(year, month, day);
}

/** Milliseconds after midnight of a clock time, or NaN when out of range (a part -1: not digits). */
function clockMillis(hour: number, minute: number, second: number): number {
  const valid = hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
  return valid ? ((hour * 60 + minute) * 60 + second) * 1000 : Number.NaN;
}

/** `YYYY-MM-DD` at `units[at ..]` as days since 1970, or NaN. */
function readCalendarDay(units: Units, at: number): number {
  if (units[at + 4] !== 45 || units[at + 7] !== 45) return Number.NaN; // "-"
  return calendarDay(digitsAt(units, at, 4), digitsAt(units, at + 5, 2), digitsAt(units, at + 8, 2));
}

/** Where the digits of a fraction starting at `at` end (1 to 9 digits; -1 otherwise). */
function fractionEnd(units: Units, at: number, to: number): number {
  let end = at;
  while (end < to && digitsAt(units, end, 1) >= 0) end++;
  return end === at || end - at > 9 ? -1 : end;
}

/** The milliseconds of the fraction digits `units[at .. end)`: its first three digits, cut, not rounded. */
function fractionMillis(units: Units, at: number, end: number): number {
  let millis = 0;
  for (let k = at; k < at + 3; k++) millis = millis * 10 + (k < end ? units[k]! - 48 : 0);
  return millis;
}

/**
 * `Thh:mm[:ss[.fff]][zone]` (a space may replace the `T`, a comma the dot) filling
 * `units[at .. to)`, as milliseconds after the day's start in UTC; NaN when malformed.
 */
function readTimeOfDay(units: Units, at: number, to: number): number {
  if ((units[at] !== 84 && units[at] !== 32) || units[at + 3] !== 58 || to - at < 6) return Number.NaN; // "T" or " ", ":"
  let second = 0;
  let fraction = 0;
  let p = at + 6;
  if (p < to && units[p] === 58) {
    second = to - p < 3 ? -1 : digitsAt(units, p + 1, 2);
    p += 3;
    if (p < to && (units[p] === 46 || units[p] === 44)) {
      const end = fractionEnd(units, p + 1, to);
      if (end < 0) return Number.NaN;
      fraction = fractionMillis(units, p + 1, end);
      p = end;
    }
  }
  const ms = clockMillis(digitsAt(units, at + 1, 2), digitsAt(units, at + 4, 2), second) + fraction;
  return p === to ? ms : ms - readZone(units, p, to) * 60_000;
}

/** A zone designator filling `units[at .. to)` (`Z`, `±hh`, `±hhmm`, `±hh:mm`) as minutes east of UTC, or NaN. */
function readZone(units: Units, at: number, to: number): number {
  const rest = to - at;
  if (rest === 1 && units[at] === 90) return 0; // "Z"
  const sign = units[at] === 43 ? 1 : units[at] === 45 ? -1 : 0; // "+", "-"
  if (sign === 0 || (rest !== 3 && rest !== 5 && rest !== 6) || (rest === 6 && units[at + 3] !== 58))
    return Number.NaN;
  const hours = digitsAt(units, at + 1, 2);
  const minutes = rest === 3 ? 0 : digitsAt(units, rest === 6 ? at + 4 : at + 3, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN;
  return sign * (hours * 60 + minutes);
}

/** An ISO-8601 date filling `units[from .. to)` (no surrounding whitespace) as epoch milliseconds, or undefined. */
function readIsoUnits(units: Units, from: number, to: number): number | undefined {
  if (to - from < 10) return undefined;
  const day = readCalendarDay(units, from);
  const ms = to - from === 10 ? 0 : readTimeOfDay(units, from + 10, to);
  return Number.isNaN(day) || Number.isNaN(ms) ? undefined : timeInRange(day * MS_PER_DAY + ms);
}

/**
 * The ISO-8601 date written in `units[from .. to)`, surrounding ASCII whitespace ignored,
 * as epoch milliseconds; `undefined` when it is not one.
 */
export function readIsoDate(units: Units, from: number, to: number): number | undefined {
  let a = from;
  let b = to;
  while (a < b && isWhitespace(units[a]!)) a++;
  while (b > a && isWhitespace(units[b - 1]!)) b--;
  return readIsoUnits(units, a, b);
}

/** Whitespace as `String.prototype.trim` sees it, among the ASCII characters. */
const isWhitespace = (unit: number) => unit === 32 || (unit >= 9 && unit <= 13);

/** {@link digitsAt} on a string: the `count` ASCII digits of `text` from `at`, or -1. */
function digitsOf(text: string, at: number, count: number): number {
  let value = 0;
  for (let k = at; k < at + count; k++) {
    const d = text.charCodeAt(k) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * The spellings records mostly carry — `YYYY-MM-DD`, `YYYY-MM-DDThh:mm:ssZ` and
 * `YYYY-MM-DDThh:mm:ss.sssZ` — read from the string itself, skipping the copy of its units
 * that {@link readIsoDate} needs; `undefined` for anything else, left to that reader.
 */
export function readCommonIsoString(text: string): number | undefined {
  const n = text.length;
  if ((n !== 10 && n !== 20 && n !== 24) || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45)
    return undefined;
  const day = calendarDay(digitsOf(text, 0, 4), digitsOf(text, 5, 2), digitsOf(text, 8, 2));
  if (n === 10) return Number.isNaN(day) ? undefined : timeInRange(day * MS_PER_DAY);
  const clock = text.charCodeAt(10) === 84 && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58;
  if (!clock || text.charCodeAt(n - 1) !== 90 || (n === 24 && text.charCodeAt(19) !== 46)) return undefined;
  const millis = n === 24 ? digitsOf(text, 20, 3) : 0;
  const ms = clockMillis(digitsOf(text, 11, 2), digitsOf(text, 14, 2), digitsOf(text, 17, 2)) + millis;
  const t = day * MS_PER_DAY + ms;
  return millis < 0 || Number.isNaN(t) ? undefined : timeInRange(t);
}
