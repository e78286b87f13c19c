import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCommonIsoString, readIsoDate } from "./isoDate.js";

/** The general reader on the string's code units: the reference for the fast path. */
function general(text: string): number | undefined {
  const units = Uint16Array.from(text, (c) => c.charCodeAt(0));
  return readIsoDate(units, 0, units.length);
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** Strings of the three common shapes, with parts out of range and stray characters among them. */
const nearlyCommon = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    millis: fc.integer({ min: 0, max: 999 }),
    shape: fc.constantFrom(10, 20, 24),
    stray: fc.option(
      fc.tuple(fc.nat(23), fc.constantFrom("x", " ", "+", "-", ":", "T", "Z", ".", "/", "٣")),
      {
        nil: undefined,
      },
    ),
  })
  .map(({ year, month, day, hour, minute, second, millis, shape, stray }) => {
    const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
    const clock = `T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
    let text = shape === 10 ? date : shape === 20 ? `${date}${clock}Z` : `${date}${clock}.${pad(millis, 3)}Z`;
    if (stray !== undefined) {
      const at = stray[0] % text.length;
      text = text.slice(0, at) + stray[1] + text.slice(at + 1);
    }
    return text;
  });

describe("readCommonIsoString", () => {
  it("reads the three common spellings as the general reader does", () => {
    // 2011-03-04 is day 15037 after 1970-01-01 (Date.UTC agrees): 15037 * 86400000.
    expect(readCommonIsoString("2011-03-04")).toBe(1_299_196_800_000);
    // + 10:05:06 = 36306 s; + 0.789 s.
    expect(readCommonIsoString("2011-03-04T10:05:06Z")).toBe(1_299_196_800_000 + 36_306_000);
    expect(readCommonIsoString("2011-03-04T10:05:06.789Z")).toBe(1_299_196_800_000 + 36_306_789);
    expect(readCommonIsoString("2012-02-29")).toBe(Date.UTC(2012, 1, 29));
  });

  it("leaves every other spelling, and every invalid date, to the general reader", () => {
    for (const text of [
      "2011-02-29", // not a leap year
      "2011-13-01",
      "2011-03-04T24:00:00Z",
      "2011-03-04T10:60:00Z",
      "2011-03-04 10:05:06Z", // a space for the T: valid, but not a common spelling
      "2011-03-04T10:05:06+01",
      "2011-03-04T10:05",
      " 2011-03-04",
      "2011-03-04T10:05:06.7Z",
    ]) {
      expect(readCommonIsoString(text)).toBeUndefined();
    }
  });

  it("never disagrees with the general reader (property)", () => {
    fc.assert(
      fc.property(nearlyCommon, (text) => {
        const fast = readCommonIsoString(text);
        if (fast !== undefined) expect(fast).toBe(general(text));
        // Whatever the general reader accepts in a common shape, the fast path accepts too.
        if (!/[ x+/٣]/.test(text) && general(text) !== undefined) expect(fast).toBe(general(text));
      }),
      { numRuns: 5000 },
    );
  });
});
