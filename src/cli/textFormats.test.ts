import { describe, expect, it } from "vitest";
import { CliError } from "./errors.js";
import { dateFormat, fieldsOf, tabsForWhitespace } from "./textFormats.js";

describe("tabsForWhitespace", () => {
  it("trims each line and makes every run of spaces and tabs one tab", () => {
    expect(tabsForWhitespace(" customer_id  date\r\n 00001 19970101\t 11.77\r\n")).toBe(
      "customer_id\tdate\n00001\t19970101\t11.77\n",
    );
    expect(fieldsOf("a  b", "whitespace")).toEqual({ text: "a\tb", delimiter: "\t" });
    expect(fieldsOf("a;b", ";")).toEqual({ text: "a;b", delimiter: ";" });
  });
});

describe("dateFormat", () => {
  it("spells matching cells as ISO-8601 without a zone (UTC), whatever the process's zone", () => {
    expect(dateFormat("yyyyMMdd")("19970101")).toBe("1997-01-01T00:00:00");
    expect(dateFormat("yyyyMMdd")(" 19980630 ")).toBe("1998-06-30T00:00:00");
    expect(dateFormat("d/M/yyyy H:mm")("9/12/2011 8:05")).toBe("2011-12-09T08:05:00");
    expect(dateFormat("dd.MM.yyyy HH:mm:ss")("09.12.2011 18:05:59")).toBe("2011-12-09T18:05:59");
  });

  it("leaves other cells as they are, for the log's check to reject with their row", () => {
    expect(dateFormat("yyyyMMdd")("1997-01-01")).toBe("1997-01-01");
    expect(dateFormat("yyyyMMdd")("1997011")).toBe("1997011");
    // A calendar-invalid day passes through spelt out: the check then names it.
    expect(dateFormat("yyyyMMdd")("19970230")).toBe("1997-02-30T00:00:00");
  });

  it("refuses a pattern without year, month and day, with a part twice, or with an unknown letter", () => {
    expect(() => dateFormat("MMdd")).toThrow(CliError);
    expect(() => dateFormat("MMdd")).toThrow(/it has no year/);
    expect(() => dateFormat("yyyyMMddMM")).toThrow(/gives the month twice/);
    expect(() => dateFormat("yyyy-MM-dd hh:mm")).toThrow(/"h" is not one of its letters/);
  });
});
