import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import {
  assertDuration,
  assertTimeZone,
  isAtLeastBefore,
  isoString,
  parseDateInput,
  periodEnd,
  periodIndex,
  periodKey,
  periodKeyOf,
  periodStart,
  subDuration,
} from "./dates.js";

const t = (s: string) => {
  const v = parseDateInput(s);
  if (v === undefined) throw new Error(`bad test date ${s}`);
  return v;
};

describe("parseDateInput", () => {
  it("reads strings without a zone as UTC", () => {
    expect(t("2011-03-04")).toBe(Date.UTC(2011, 2, 4));
    expect(t("2011-03-04T10:00")).toBe(Date.UTC(2011, 2, 4, 10));
    expect(t("2011-03-04 10:00:05")).toBe(Date.UTC(2011, 2, 4, 10, 0, 5));
    expect(t("2011-03-04T10:00:05.123")).toBe(Date.UTC(2011, 2, 4, 10, 0, 5, 123));
  });
  it("applies explicit zones", () => {
    // 00:30 at +08:00 is 16:30 UTC the day before
    expect(t("2011-01-01T00:30:00+08:00")).toBe(Date.UTC(2010, 11, 31, 16, 30));
    expect(t("2011-01-01T00:30:00-0330")).toBe(Date.UTC(2011, 0, 1, 4, 0));
    expect(t("2011-01-01T00:30:00Z")).toBe(Date.UTC(2011, 0, 1, 0, 30));
  });
  it("accepts valid Dates and rejects invalid ones", () => {
    expect(parseDateInput(new Date(Date.UTC(2020, 1, 29)))).toBe(Date.UTC(2020, 1, 29));
    expect(parseDateInput(new Date("nonsense"))).toBeUndefined();
  });
  it("rejects calendar-invalid and non-ISO strings instead of rolling them over", () => {
    for (const bad of [
      "2011-02-29",
      "2011-13-01",
      "2011-00-10",
      "2011-04-31",
      "2011-03-04T24:00",
      "03/04/2011",
      "2011-3-4",
      "",
      "12,5",
      "2011-03-04Z",
    ]) {
      expect(parseDateInput(bad), bad).toBeUndefined();
    }
    expect(parseDateInput(20110304)).toBeUndefined();
    expect(parseDateInput(null)).toBeUndefined();
  });
  it("accepts a leap day and keeps two-digit years as written", () => {
    expect(t("2020-02-29")).toBe(Date.UTC(2020, 1, 29));
    expect(new Date(t("0099-12-31")).getUTCFullYear()).toBe(99);
  });
});

describe("period keys", () => {
  const shanghai = "Asia/Shanghai";
  it("puts 2011-01-01T00:30+08:00 in 2010-12 in UTC and in 2011-01 in Shanghai", () => {
    const x = t("2011-01-01T00:30:00+08:00");
    expect(periodKey(x, "month")).toBe("2010-12");
    expect(periodKey(x, "month", shanghai)).toBe("2011-01");
    expect(periodKey(x, "day")).toBe("2010-12-31");
    expect(periodKey(x, "day", shanghai)).toBe("2011-01-01");
    expect(periodKey(x, "quarter")).toBe("2010-Q4");
    expect(periodKey(x, "quarter", shanghai)).toBe("2011-Q1");
    expect(periodKey(x, "year")).toBe("2010");
    expect(periodKey(x, "year", shanghai)).toBe("2011");
  });
  it("uses ISO weeks in their ISO week-year", () => {
    // 2021-01-03 is a Sunday; its ISO week starts Monday 2020-12-28, week 53 of 2020.
    expect(periodKey(t("2021-01-03"), "week")).toBe("2020-W53");
    expect(periodKey(t("2021-01-04"), "week")).toBe("2021-W01");
    // 2008-12-29 (Monday) belongs to ISO week 1 of 2009.
    expect(periodKey(t("2008-12-29"), "week")).toBe("2009-W01");
    expect(periodKey(t("2011-03-04"), "week")).toBe("2011-W09");
  });
  it("gives consecutive indices to consecutive periods", () => {
    const dec = periodIndex(t("2010-12-15"), "month");
    expect(periodKeyOf(dec + 1, "month")).toBe("2011-01");
    expect(periodKeyOf(periodIndex(t("2011-12-31"), "quarter") + 1, "quarter")).toBe("2012-Q1");
    // 2020-12-31 (Thursday) is in 2020-W53; the next ISO week is 2021-W01.
    expect(periodKeyOf(periodIndex(t("2020-12-31"), "week"), "week")).toBe("2020-W53");
    expect(periodKeyOf(periodIndex(t("2020-12-31"), "week") + 1, "week")).toBe("2021-W01");
    expect(periodKeyOf(periodIndex(t("2020-02-28"), "day") + 1, "day")).toBe("2020-02-29");
  });
  it("bounds periods at local midnight of the zone", () => {
    const i = periodIndex(t("2011-03-15"), "month", shanghai);
    // March 2011 in Shanghai (UTC+8) starts at 2011-02-28T16:00Z and ends at 2011-03-31T16:00Z.
    expect(new Date(periodStart(i, "month", shanghai)).toISOString()).toBe("2011-02-28T16:00:00.000Z");
    expect(new Date(periodEnd(i, "month", shanghai)).toISOString()).toBe("2011-03-31T16:00:00.000Z");
    const w = periodIndex(t("2021-01-03"), "week");
    expect(new Date(periodStart(w, "week")).toISOString()).toBe("2020-12-28T00:00:00.000Z");
  });
  it("follows daylight-saving transitions (America/Los_Angeles)", () => {
    const la = "America/Los_Angeles";
    // 2021-03-14 02:00 PST -> 03:00 PDT. The day starts at 08:00Z (PST) and the next at 07:00Z (PDT).
    const d = periodIndex(t("2021-03-14T12:00:00Z"), "day", la);
    expect(periodKeyOf(d, "day")).toBe("2021-03-14");
    expect(new Date(periodStart(d, "day", la)).toISOString()).toBe("2021-03-14T08:00:00.000Z");
    expect(new Date(periodEnd(d, "day", la)).toISOString()).toBe("2021-03-15T07:00:00.000Z");
    // 23:30 local on 2021-10-31 (PDT, UTC-7) is 06:30Z on 11-01: still October locally.
    expect(periodKey(t("2021-11-01T06:30:00Z"), "month", la)).toBe("2021-10");
  });
  it("handles a 45-minute offset zone (Pacific/Chatham, UTC+13:45 in January)", () => {
    // 2021-01-31T10:14Z is 2021-01-31 23:59 local; 10:15Z is 2021-02-01 00:00 local.
    expect(periodKey(t("2021-01-31T10:14:00Z"), "month", "Pacific/Chatham")).toBe("2021-01");
    expect(periodKey(t("2021-01-31T10:15:00Z"), "month", "Pacific/Chatham")).toBe("2021-02");
  });
  it("agrees with Intl's calendar date in random zones and instants", () => {
    const zones = [
      "UTC",
      "Asia/Shanghai",
      "America/Los_Angeles",
      "Pacific/Chatham",
      "Europe/London",
      "Asia/Kolkata",
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const parts = new Intl.DateTimeFormat("en-CA", {
            timeZone: zone,
            year: "numeric",
            month: "2-digit",
            day: "2-digit",
          }).formatToParts(new Date(ms));
          const get = (type: string) => parts.find((p) => p.type === type)!.value;
          expect(periodKey(ms, "day", zone)).toBe(`${get("year")}-${get("month")}-${get("day")}`);
          expect(periodKey(ms, "month", zone)).toBe(`${get("year")}-${get("month")}`);
          const i = periodIndex(ms, "day", zone);
          expect(periodStart(i, "day", zone)).toBeLessThanOrEqual(ms);
          expect(periodEnd(i, "day", zone)).toBeGreaterThan(ms);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("durations and the window convention", () => {
  it("clamps at month ends like date-fns: 2011-03-31 minus one month is 2011-02-28", () => {
    expect(new Date(subDuration(t("2011-03-31"), { months: 1 })).toISOString()).toBe(
      "2011-02-28T00:00:00.000Z",
    );
    expect(new Date(subDuration(t("2012-03-31"), { months: 1 })).toISOString()).toBe(
      "2012-02-29T00:00:00.000Z",
    );
  });
  it("'a is at least d before b' means a <= sub(b, d)", () => {
    const asOf = t("2011-03-31");
    expect(isAtLeastBefore(t("2011-02-28"), { months: 1 }, asOf)).toBe(true); // exactly on the boundary
    expect(isAtLeastBefore(t("2011-02-28T00:00:01Z"), { months: 1 }, asOf)).toBe(false);
  });
  it("moves by calendar months in a zone", () => {
    // 2011-03-31T00:00 in Shanghai is 2011-03-30T16:00Z; one month back is 2011-02-28T00:00 Shanghai.
    const x = t("2011-03-30T16:00:00Z");
    expect(new Date(subDuration(x, { months: 1 }, "Asia/Shanghai")).toISOString()).toBe(
      "2011-02-27T16:00:00.000Z",
    );
  });
  it("rejects malformed durations and zones with INVALID_OPTION", () => {
    for (const bad of [{}, { months: -1 }, { months: 1.5 }, { fortnights: 1 }, null, 6, "P6M"]) {
      expect(() => assertDuration(bad, "f: window"), JSON.stringify(bad)).toThrow(CustomerValueError);
    }
    expect(() => assertDuration({ days: 0 }, "f: window", true)).not.toThrow();
    expect(() => assertTimeZone("Mars/Olympus", "f")).toThrow(/IANA/);
    expect(() => assertTimeZone("Asia/Shanghai", "f")).not.toThrow();
  });
});

describe("isoString", () => {
  const DAY = 86_400_000;
  it("writes what toISOString writes, through cache hits, collisions and misses", () => {
    // Days 4096 apart share a cache slot, as do clocks 4096 s apart; negative times are
    // before 1970; the last two are years 0000 and 9999 and a time beyond 9999 (+010000).
    const times = [
      0,
      1,
      999,
      1000,
      DAY - 1,
      DAY,
      -1,
      -DAY,
      -DAY - 1,
      4096 * DAY + 5,
      5,
      4096_000,
      4096_001,
      Date.UTC(2023, 4, 3, 12, 10),
      Date.UTC(2023, 4, 3, 12, 10) + 4096 * DAY,
      Date.UTC(2023, 4, 3, 12, 10),
      -62_167_219_200_000,
      253_402_300_799_999,
      253_402_300_800_000,
    ];
    for (let round = 0; round < 3; round++) {
      for (const t of times) expect(isoString(t)).toBe(new Date(t).toISOString());
    }
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (t) => {
        expect(isoString(t)).toBe(new Date(t).toISOString());
        expect(isoString(t)).toBe(new Date(t).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it("truncates a fraction of a millisecond as toISOString does, and rejects invalid times", () => {
    expect(isoString(-0.5)).toBe("1970-01-01T00:00:00.000Z");
    expect(isoString(-DAY - 0.5)).toBe("1969-12-31T00:00:00.000Z");
    expect(isoString(-DAY)).toBe("1969-12-31T00:00:00.000Z");
    expect(isoString(1.9)).toBe("1970-01-01T00:00:00.001Z");
    expect(() => isoString(Number.NaN)).toThrow(RangeError);
    // The last valid time fills the cache for its day; times past it on that day still throw.
    expect(isoString(8.64e15)).toBe("+275760-09-13T00:00:00.000Z");
    expect(isoString(5)).toBe("1970-01-01T00:00:00.005Z");
    expect(() => isoString(8.64e15 + 5)).toThrow(RangeError);
    expect(() => isoString(8.64e15 + 1)).toThrow(RangeError);
    expect(isoString(-8.64e15)).toBe("-271821-04-20T00:00:00.000Z");
    expect(() => isoString(-8.64e15 - 1)).toThrow(RangeError);
  });
});

describe("parseDateInput: the character reader against the ISO-8601 pattern it replaces", () => {
  // The reference: the pattern and calendar check of the former reader, with the
  // milliseconds taken as the first three fraction digits (the reader cuts, never rounds).
  const ISO =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
  function reference(text: string): number | undefined {
    const m = ISO.exec(text.trim());
    if (m === null) return undefined;
    const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((k) =>
      Number(m[k] ?? 0),
    ) as number[];
    if (month! < 1 || month! > 12 || day! < 1 || hour! > 23 || minute! > 59 || second! > 59) return undefined;
    const base = new Date(0);
    base.setUTCFullYear(year!, month! - 1, day);
    if (base.getUTCMonth() !== month! - 1 || base.getUTCDate() !== day) return undefined;
    const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
    let offset = 0;
    const zone = m[8];
    if (zone !== undefined && zone !== "Z") {
      const digits = zone.slice(1).replace(":", "");
      const [oh, om] = [Number(digits.slice(0, 2)), digits.length > 2 ? Number(digits.slice(2, 4)) : 0];
      if (oh > 23 || om > 59) return undefined;
      offset = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om);
    }
    const t = base.getTime() + ((hour! * 60 + minute! - offset) * 60 + second!) * 1000 + millis;
    return t >= -62_167_219_200_000 && t <= 253_402_300_799_999 ? t : undefined;
  }
  const digit = fc.constantFrom(..."0123456789");
  const piece = fc.oneof(
    fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    fc.stringMatching(/^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
    fc.constantFrom(
      "2011-02-29",
      "2012-02-29",
      "2000-02-29",
      "1900-02-29",
      "0000-01-01",
      "9999-12-31",
      "2011-04-31",
    ),
  );
  const clock = fc.oneof(
    fc.constant(""),
    fc.stringMatching(/^[T ]\d{2}:\d{2}(:\d{2}([.,]\d{1,10})?)?$/),
    fc.stringMatching(/^T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?$/),
  );
  const zone = fc.oneof(
    fc.constant(""),
    fc.stringMatching(/^(Z|[+-]\d{2}(:?\d{2})?|[+-]\d|[+-]\d{3}|z|[+-]\d{2}:\d)$/),
  );
  const text = fc
    .tuple(
      fc.constantFrom("", " ", "\t", "\u00a0", "\u2028"),
      piece,
      clock,
      zone,
      fc.constantFrom("", " ", "x"),
      digit,
    )
    .map(([lead, day, time, z, tail]) => `${lead}${day}${time}${time === "" ? "" : z}${tail}`);

  it("accepts and rejects the same strings, at the same instant", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 30 })), (value) => {
        expect(parseDateInput(value)).toBe(reference(value));
      }),
      { numRuns: 20_000 },
    );
  });
});
