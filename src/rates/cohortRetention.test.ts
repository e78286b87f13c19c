import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { cohortRetention } from "./cohortRetention.js";

/** The log of periodActivity.test.ts: first purchases a, b Jan; d Feb (Mar in Shanghai); e Mar; c only returns. */
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

describe("cohortRetention", () => {
  it("classic: share of the cohort buying in cohort + k, up to the last month of the data", () => {
    const rows = cohortRetention(log);
    // Jan {a,b}: Jan 2, Feb a, Mar -, Apr -, May a b. Feb {d}: only Feb. Mar {e}: only Mar.
    expect(rows.map((r) => [r.cohort, r.size, r.active])).toEqual([
      ["2011-01", 2, [2, 1, 0, 0, 2]],
      ["2011-02", 1, [1, 0, 0, 0]],
      ["2011-03", 1, [1, 0, 0]],
    ]);
    expect(rows[0]!.retention).toEqual([1, 0.5, 0, 0, 1]);
    // Jan cohort revenue: Jan 50 + 40 - 10 = 80; Feb 30; May 20 + 5 = 25 -> 30/80, 25/80
    expect(rows[0]!.revenue).toEqual([80, 30, 0, 0, 25]);
    expect(rows[0]!.revenueRetention).toEqual([1, 0.375, 0, 0, 0.3125]);
    expect(rows[1]!.revenueRetention).toEqual([1, 0, 0, 0]);
  });

  it("rolling: share of the cohort buying in cohort + k or later", () => {
    // a and b both buy again in May, so the Jan cohort is fully 'still there' until May.
    const rows = cohortRetention(log, { mode: "rolling" });
    expect(rows.map((r) => r.retention)).toEqual([
      [1, 1, 1, 1, 1],
      [1, 0, 0, 0],
      [1, 0, 0],
    ]);
    // Revenue retention does not depend on the mode.
    expect(rows[0]!.revenueRetention).toEqual([1, 0.375, 0, 0, 0.3125]);
  });

  it("cuts cohorts in timeZone: d joins the March cohort in Asia/Shanghai; no empty cohorts", () => {
    const rows = cohortRetention(log, { timeZone: "Asia/Shanghai" });
    expect(rows.map((r) => [r.cohort, r.size, r.active])).toEqual([
      ["2011-01", 2, [2, 1, 0, 0, 2]],
      ["2011-03", 2, [2, 0, 0]],
    ]);
  });

  it("leaves amounts before the first purchase out; null revenue retention without first-period revenue", () => {
    const rows = cohortRetention([
      { customerId: "f", date: "2011-01-03", amount: -5 }, // before f's first purchase: left out
      { customerId: "f", date: "2011-02-04", amount: 10 },
      { customerId: "f", date: "2011-03-04", amount: 4 },
      { customerId: "g", date: "2011-03-01", amount: 10 },
      { customerId: "g", date: "2011-03-02", amount: -10 }, // g's first month nets to 0
      { customerId: "g", date: "2011-04-02", amount: 8 },
    ]);
    expect(rows.map((r) => [r.cohort, r.revenue, r.revenueRetention])).toEqual([
      ["2011-02", [10, 4, 0], [1, 0.4, 0]],
      ["2011-03", [0, 8], [null, null]],
    ]);
    // The data starts in January (f's return), but the first cohort is February.
    expect(rows[0]!.retention).toEqual([1, 1, 0]);
  });

  it("uses quarters and ISO weeks", () => {
    expect(cohortRetention(log, { period: "quarter" }).map((r) => [r.cohort, r.size, r.active])).toEqual([
      ["2011-Q1", 4, [4, 2]],
    ]);
    const weeks = cohortRetention(
      [
        { customerId: "x", date: "2011-01-02", amount: 5 },
        { customerId: "x", date: "2011-01-10", amount: 5 },
      ],
      { period: "week" },
    );
    expect(weeks.map((r) => [r.cohort, r.active])).toEqual([["2010-W52", [1, 0, 1]]]);
  });

  it("flags a cohort whose period is partly observed, and a partly observed last column", () => {
    // From 1 December 2010 to 9 December 2011: December 2011 has 9 days of 31.
    const rows = cohortRetention([
      { customerId: "a", date: "2010-12-01T08:26:00Z", amount: 10 },
      { customerId: "b", date: "2011-11-20", amount: 10 },
      { customerId: "c", date: "2011-12-09T12:50:00Z", amount: 10 },
    ]);
    expect(rows.map((r) => [r.cohort, r.partial, r.lastColumnPartial])).toEqual([
      ["2010-12", false, true],
      ["2011-11", false, true],
      ["2011-12", true, true],
    ]);
    // The hand-built log runs from 10 January to 20 May: both ends partial.
    expect(cohortRetention(log).map((r) => [r.cohort, r.partial, r.lastColumnPartial])).toEqual([
      ["2011-01", true, true],
      ["2011-02", false, true],
      ["2011-03", false, true],
    ]);
    // By quarter, a log from 1 January to 31 March covers its one quarter.
    const quarter = cohortRetention(
      [
        { customerId: "a", date: "2011-01-01", amount: 1 },
        { customerId: "a", date: "2011-03-31T23:00:00Z", amount: 1 },
      ],
      { period: "quarter" },
    );
    expect(quarter.map((r) => [r.partial, r.lastColumnPartial])).toEqual([[false, false]]);
  });

  it("returns [] without purchases", () => {
    expect(cohortRetention([])).toEqual([]);
    expect(cohortRetention([{ customerId: "c", date: "2011-01-01", amount: -3 }])).toEqual([]);
  });

  it("rejects bad options", () => {
    expect(() => cohortRetention(log, { mode: "sliding" as "classic" })).toThrow(CustomerValueError);
    expect(() => cohortRetention(log, { mode: "sliding" as "classic" })).toThrow(/^cohortRetention: mode/);
    expect(() => cohortRetention(log, { period: "hour" as "day" })).toThrow(/cohortRetention: period/);
  });
});
