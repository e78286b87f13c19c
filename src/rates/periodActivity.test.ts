import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { periodActivity } from "./periodActivity.js";

/**
 * A hand-built log (UTC months 2011-01 .. 2011-05):
 * - a buys in Jan, Feb and May: reactivated in May after a two-month gap;
 * - b buys in Jan (and returns part of it in Jan), then again in May;
 * - c's only transaction is a return: never active, never new, but in revenue;
 * - d buys at 23:30 UTC on 28 Feb: February in UTC, 1 March 07:30 in Asia/Shanghai;
 * - e buys in March; April has no transaction at all (an empty month).
 */
const log = Object.freeze(
  [
    { customerId: "a", date: "2011-01-10", amount: 50 },
    { customerId: "b", date: "2011-01-20", amount: 40 },
    { customerId: "b", date: "2011-01-25", amount: -10 },
    { customerId: "c", date: "2011-02-10", amount: -15 },
    { customerId: "a", date: "2011-02-15", amount: 30 },
    { customerId: "d", date: "2011-02-28T23:30:00Z", amount: 25 },
    { customerId: "e", date: "2011-03-05", amount: 10 },
    { customerId: "a", date: "2011-05-02", amount: 20 },
    { customerId: "b", date: "2011-05-20", amount: 5 },
  ].map((t) => Object.freeze(t)),
);

type Counts = [string, number, number, number, number, number, number];
/** [period, previousActive, active, new, retained, reactivated, churned] of each row. */
const counts = (rows: ReturnType<typeof periodActivity>): Counts[] =>
  rows.map((r) => [r.period, r.previousActive, r.active, r.new, r.retained, r.reactivated, r.churned]);
const rates = (rows: ReturnType<typeof periodActivity>) =>
  rows.map((r) => [r.retentionRate, r.churnRate, r.acquisitionRate, r.quickRatio]);

describe("periodActivity", () => {
  it("pins every count of the hand-built log by UTC month", () => {
    const rows = periodActivity(log);
    // Jan: a, b active, both new.                      prev 0
    // Feb: a retained, d new, b churned (c only returned). prev {a,b}
    // Mar: e new, a and d churned.                       prev {a,d}
    // Apr: empty month, e churned.                        prev {e}
    // May: a and b come back: reactivated, not new.       prev {}
    expect(counts(rows)).toEqual([
      ["2011-01", 0, 2, 2, 0, 0, 0],
      ["2011-02", 2, 2, 1, 1, 0, 1],
      ["2011-03", 2, 1, 1, 0, 0, 2],
      ["2011-04", 1, 0, 0, 0, 0, 1],
      ["2011-05", 0, 2, 0, 0, 2, 0],
    ]);
    // rates = x / prev (null when prev = 0); quick ratio = (new + reactivated) / churned
    expect(rates(rows)).toEqual([
      [null, null, null, null],
      [1 / 2, 1 / 2, 1 / 2, 1 / 1],
      [0, 2 / 2, 1 / 2, 1 / 2],
      [0, 1, 0, 0],
      [null, null, null, null],
    ]);
    // revenue: Jan 50 + 40 - 10; Feb -15 + 30 + 25; Mar 10; Apr 0; May 20 + 5
    expect(rows.map((r) => r.revenue)).toEqual([80, 40, 10, 0, 25]);
    expect(rows[0]).toMatchObject({ start: "2011-01-01T00:00:00.000Z", end: "2011-02-01T00:00:00.000Z" });
  });

  it("cuts months in timeZone: the 23:30 UTC purchase of 28 Feb is March in Asia/Shanghai", () => {
    const rows = periodActivity(log, { timeZone: "Asia/Shanghai" });
    // Feb: only a buys (retained), b churned. Mar: d and e new, a churned; acquisition 2/1 > 1.
    expect(counts(rows)).toEqual([
      ["2011-01", 0, 2, 2, 0, 0, 0],
      ["2011-02", 2, 1, 0, 1, 0, 1],
      ["2011-03", 1, 2, 2, 0, 0, 1],
      ["2011-04", 2, 0, 0, 0, 0, 2],
      ["2011-05", 0, 2, 0, 0, 2, 0],
    ]);
    expect(rates(rows).slice(1, 4)).toEqual([
      [1 / 2, 1 / 2, 0, 0],
      [0, 1, 2, 2],
      [0, 1, 0, 0],
    ]);
    expect(rows.map((r) => r.revenue)).toEqual([80, 15, 35, 0, 25]);
    // Shanghai midnight of 1 Jan is 16:00 UTC on 31 Dec.
    expect(rows[0]).toMatchObject({ start: "2010-12-31T16:00:00.000Z", end: "2011-01-31T16:00:00.000Z" });
  });

  it("cuts months in a zone behind UTC: 23:30 on 31 Jan in Los Angeles is February in UTC", () => {
    const late = [{ customerId: "x", date: "2011-01-31T23:30:00-08:00", amount: 5 }];
    expect(periodActivity(late).map((r) => r.period)).toEqual(["2011-02"]);
    expect(periodActivity(late, { timeZone: "America/Los_Angeles" }).map((r) => r.period)).toEqual([
      "2011-01",
    ]);
  });

  it("activeWindow 2 counts a purchase in this or the previous month", () => {
    // active sets: Jan {a,b}; Feb {a,b,d}; Mar {a,d,e}; Apr {e}; May {a,b}
    const rows = periodActivity(log, { activeWindow: 2 });
    expect(counts(rows)).toEqual([
      ["2011-01", 0, 2, 2, 0, 0, 0],
      ["2011-02", 2, 3, 1, 2, 0, 0],
      ["2011-03", 3, 3, 1, 2, 0, 1],
      ["2011-04", 3, 1, 0, 1, 0, 2],
      ["2011-05", 1, 2, 0, 0, 2, 1],
    ]);
    expect(rates(rows)[2]).toEqual([2 / 3, 1 / 3, 1 / 3, 1]);
    expect(rates(rows)[1]![3]).toBeNull(); // nobody churned: no quick ratio
  });

  it("from/to: earlier data feeds the first row; empty periods pad both ends", () => {
    const all = periodActivity(log);
    expect(periodActivity(log, { from: "2011-02-15", to: "2011-04-30" })).toEqual(all.slice(1, 4));
    const padded = periodActivity(log, { from: "2010-11-20", to: "2011-07-01" });
    expect(counts(padded)).toEqual([
      ["2010-11", 0, 0, 0, 0, 0, 0],
      ["2010-12", 0, 0, 0, 0, 0, 0],
      ...counts(all),
      ["2011-06", 2, 0, 0, 0, 0, 2],
      ["2011-07", 0, 0, 0, 0, 0, 0],
    ]);
    expect(padded[0]!.revenue).toBe(0);
    expect(padded[0]!.retentionRate).toBeNull();
    // "new" is over the whole input: from May, a and b are reactivated, not new.
    expect(counts(periodActivity(log, { from: "2011-05-01" }))).toEqual([["2011-05", 0, 2, 0, 0, 2, 0]]);
  });

  it("uses ISO weeks, quarters and years", () => {
    // 2011-01-02 is a Sunday (ISO week 2010-W52); 2011-01-03 a Monday (2011-W01).
    const weeks = periodActivity(
      [
        { customerId: "x", date: "2011-01-02", amount: 5 },
        { customerId: "x", date: "2011-01-03", amount: 5 },
      ],
      { period: "week" },
    );
    expect(counts(weeks)).toEqual([
      ["2010-W52", 0, 1, 1, 0, 0, 0],
      ["2011-W01", 1, 1, 0, 1, 0, 0],
    ]);
    expect(weeks[0]!.start).toBe("2010-12-27T00:00:00.000Z");
    // Quarters: Q1 {a,b,d,e} all new; Q2 {a,b} retained, d and e churned.
    expect(counts(periodActivity(log, { period: "quarter" }))).toEqual([
      ["2011-Q1", 0, 4, 4, 0, 0, 0],
      ["2011-Q2", 4, 2, 0, 2, 0, 2],
    ]);
    expect(counts(periodActivity(log, { period: "year" }))).toEqual([["2011", 0, 4, 4, 0, 0, 0]]);
  });

  it("returns [] for an empty log, and zero rows when from and to are given", () => {
    expect(periodActivity([])).toEqual([]);
    const rows = periodActivity([], { from: "2011-01-01", to: "2011-02-01" });
    expect(counts(rows)).toEqual([
      ["2011-01", 0, 0, 0, 0, 0, 0],
      ["2011-02", 0, 0, 0, 0, 0, 0],
    ]);
  });

  it("handles ids such as __proto__ and a customer with only zero amounts", () => {
    const rows = periodActivity([
      { customerId: "__proto__", date: "2011-01-01", amount: 1 },
      { customerId: "constructor", date: "2011-01-01", amount: 0 },
    ]);
    expect(counts(rows)).toEqual([["2011-01", 0, 1, 1, 0, 0, 0]]);
  });

  it("normalises -0 revenue to 0", () => {
    const rows = periodActivity([
      { customerId: "x", date: "2011-01-01", amount: -0 },
      { customerId: "x", date: "2011-01-02", amount: -0 },
    ]);
    expect(Object.is(rows[0]!.revenue, 0)).toBe(true);
  });

  it("rejects bad options and records with a CustomerValueError", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(CustomerValueError);
        return [(e as CustomerValueError).code, (e as Error).message.startsWith("periodActivity")];
      }
      return "no error";
    };
    expect(code(() => periodActivity(log, { period: "fortnight" as "month" }))).toEqual([
      "INVALID_OPTION",
      true,
    ]);
    expect(code(() => periodActivity(log, { activeWindow: 0 }))).toEqual(["INVALID_OPTION", true]);
    expect(code(() => periodActivity(log, { activeWindow: 1.5 }))).toEqual(["INVALID_OPTION", true]);
    expect(code(() => periodActivity(log, { timeZone: "Mars/Olympus" }))).toEqual(["INVALID_OPTION", true]);
    expect(code(() => periodActivity(log, { from: "2011-13-01" }))).toEqual(["INVALID_OPTION", true]);
    expect(code(() => periodActivity(log, { from: "2011-03-01", to: "2011-02-01" }))).toEqual([
      "INVALID_OPTION",
      true,
    ]);
    expect(code(() => periodActivity([{ customerId: "a", date: "soon", amount: 1 }]))).toEqual([
      "INVALID_RECORD",
      true,
    ]);
  });
});

describe("periodActivity: partial periods", () => {
  // The shape of UCI Online Retail: from 08:26 on 1 December 2010 to 12:50 on 9 December 2011.
  const year = [
    { customerId: "a", date: "2010-12-01T08:26:00Z", amount: 10 },
    { customerId: "b", date: "2011-06-15T10:00:00Z", amount: 10 },
    { customerId: "a", date: "2011-12-09T12:50:00Z", amount: 10 },
  ];
  const partial = (rows: ReturnType<typeof periodActivity>) =>
    rows.filter((r) => r.partial).map((r) => r.period);

  it("marks a last month with 9 days of data, not a first month observed from its first day", () => {
    const rows = periodActivity(year);
    expect(rows).toHaveLength(13);
    // December 2010 starts on the first observed day; December 2011 stops on the 9th of 31.
    expect(partial(rows)).toEqual(["2011-12"]);
  });

  it("takes from's and to's whole days as observed", () => {
    // to on 31 December: every day of December observed, nobody bought after the 9th.
    expect(partial(periodActivity(year, { to: "2011-12-31" }))).toEqual([]);
    // to on 30 December: the 31st is not observed.
    expect(partial(periodActivity(year, { to: "2011-12-30T23:59:59Z" }))).toEqual(["2011-12"]);
    // from on 15 November 2010: November is observed from the 15th only.
    expect(partial(periodActivity(year, { from: "2010-11-15" }))).toEqual(["2010-11", "2011-12"]);
    // Rows from February to June lie inside the data: none partial.
    expect(partial(periodActivity(year, { from: "2011-02-01", to: "2011-06-30" }))).toEqual([]);
  });

  it("cuts the observed days in timeZone", () => {
    // 23:30 UTC on 30 November is 07:30 on 1 December in Shanghai, and 15:00 UTC on
    // 31 December is 23:00 there: in UTC November is observed on its last day only.
    const log = [
      { customerId: "a", date: "2011-11-30T23:30:00Z", amount: 5 },
      { customerId: "a", date: "2011-12-31T15:00:00Z", amount: 5 },
    ];
    expect(partial(periodActivity(log))).toEqual(["2011-11"]);
    expect(partial(periodActivity(log, { timeZone: "Asia/Shanghai" }))).toEqual([]);
  });

  it("marks the first and last week of a log that starts and ends mid-week", () => {
    // 2011-01-05 is a Wednesday (ISO week 2011-W01 runs 3 to 9 January).
    const rows = periodActivity(
      [
        { customerId: "a", date: "2011-01-05", amount: 5 },
        { customerId: "a", date: "2011-01-19", amount: 5 },
      ],
      { period: "week" },
    );
    expect(rows.map((r) => [r.period, r.partial])).toEqual([
      ["2011-W01", true],
      ["2011-W02", false],
      ["2011-W03", true],
    ]);
  });
});

describe("periodActivity with a TransactionTable", () => {
  it("gives the same rows as the records", async () => {
    const { transactionTable } = await import("../table/TransactionTable.js");
    expect(periodActivity(transactionTable(log), { activeWindow: 2 })).toEqual(
      periodActivity(log, { activeWindow: 2 }),
    );
  });
});
