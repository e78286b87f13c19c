/**
 * Dates: daylight-saving transitions, leap days, month-end clamping and odd zones.
 * Every expectation is a fixed string or count worked out by hand from the zone rules
 * (tz database), so that the file gives the same answers whatever the machine's TZ
 * (CI runs it under UTC, Asia/Shanghai, America/Los_Angeles and Pacific/Chatham).
 */
import { describe, expect, it } from "vitest";
import {
  classifyLifecycle,
  cohortRetention,
  customerPortfolio,
  onTimeDeliveryRate,
  periodActivity,
  periodKey,
  rfmSummary,
} from "customer-value";
import { deepFreeze, expectCode } from "./helpers.js";

const LA = "America/Los_Angeles";
const CHATHAM = "Pacific/Chatham";

describe("period keys at daylight-saving transitions", () => {
  it("Los Angeles, spring forward 2011-03-13 02:00 PST -> 03:00 PDT (10:00Z)", () => {
    // 07:59Z = 23:59 PST on 03-12; 09:59Z = 01:59 PST on 03-13; 10:00Z = 03:00 PDT on 03-13.
    expect(periodKey("2011-03-13T07:59:00Z", "day", { timeZone: LA })).toBe("2011-03-12");
    expect(periodKey("2011-03-13T08:00:00Z", "day", { timeZone: LA })).toBe("2011-03-13");
    expect(periodKey("2011-03-13T09:59:59Z", "day", { timeZone: LA })).toBe("2011-03-13");
    expect(periodKey("2011-03-13T10:00:00Z", "day", { timeZone: LA })).toBe("2011-03-13");
    // 03-14 starts at 00:00 PDT = 07:00Z.
    expect(periodKey("2011-03-14T06:59:59Z", "day", { timeZone: LA })).toBe("2011-03-13");
    expect(periodKey("2011-03-14T07:00:00Z", "day", { timeZone: LA })).toBe("2011-03-14");
  });

  it("Los Angeles, fall back 2011-11-06 02:00 PDT -> 01:00 PST (09:00Z): the repeated hour stays on 11-06", () => {
    expect(periodKey("2011-11-06T08:30:00Z", "day", { timeZone: LA })).toBe("2011-11-06"); // 01:30 PDT
    expect(periodKey("2011-11-06T09:30:00Z", "day", { timeZone: LA })).toBe("2011-11-06"); // 01:30 PST
    expect(periodKey("2011-11-07T07:59:59Z", "day", { timeZone: LA })).toBe("2011-11-06"); // 23:59:59 PST
    expect(periodKey("2011-11-07T08:00:00Z", "day", { timeZone: LA })).toBe("2011-11-07");
  });

  it("Pacific/Chatham (+13:45 in summer): the new year starts at 10:15Z on 12-31", () => {
    expect(periodKey("2011-12-31T10:14:59Z", "year", { timeZone: CHATHAM })).toBe("2011");
    expect(periodKey("2011-12-31T10:15:00Z", "year", { timeZone: CHATHAM })).toBe("2012");
    expect(periodKey("2011-12-31T10:15:00Z", "year")).toBe("2011"); // UTC by default
    // Chatham DST ends 2011-04-03 03:45 (+13:45) -> 02:45 (+12:45), i.e. at 14:00Z on 04-02.
    expect(periodKey("2011-04-02T10:14:00Z", "day", { timeZone: CHATHAM })).toBe("2011-04-02"); // 23:59 +13:45
    expect(periodKey("2011-04-02T10:15:00Z", "day", { timeZone: CHATHAM })).toBe("2011-04-03");
    expect(periodKey("2011-04-03T11:14:00Z", "day", { timeZone: CHATHAM })).toBe("2011-04-03"); // 23:59 +12:45
    expect(periodKey("2011-04-03T11:15:00Z", "day", { timeZone: CHATHAM })).toBe("2011-04-04");
  });

  it("ISO weeks at year ends and leap days", () => {
    expect(periodKey("2012-01-01", "week")).toBe("2011-W52"); // a Sunday
    expect(periodKey("2010-01-03", "week")).toBe("2009-W53"); // 2009 has 53 ISO weeks
    expect(periodKey("2008-12-29", "week")).toBe("2009-W01"); // a Monday in ISO year 2009
    expect(periodKey("2012-02-29", "week")).toBe("2012-W09");
    expect(periodKey("2012-02-29", "quarter")).toBe("2012-Q1");
    expect(periodKey("2012-02-29", "month")).toBe("2012-02");
  });

  it("Feb 29 of a common year is rejected, not rolled over to March 1", () => {
    expectCode(() => periodKey("2011-02-29", "day"), "INVALID_OPTION");
    expectCode(() => periodActivity([{ customerId: "A", date: "2011-02-29", amount: 1 }]), "INVALID_RECORD");
    expectCode(() => periodActivity([{ customerId: "A", date: "1900-02-29", amount: 1 }]), "INVALID_RECORD");
    expect(periodKey("2000-02-29", "day")).toBe("2000-02-29"); // 2000 is a leap year
  });
});

describe("years 0000 to 0099", () => {
  it("periods in a time zone start in year 50, not 1950 (Date reads years 0-99 as 1900-1999)", () => {
    const rows = [
      { customerId: "a", date: "0050-01-15", amount: 5 },
      { customerId: "a", date: "0050-02-15", amount: 5 },
    ];
    for (const options of [{}, { timeZone: "UTC" }]) {
      const activity = periodActivity(rows, options);
      expect(activity.map((r) => [r.period, r.start, r.end])).toEqual([
        ["0050-01", "0050-01-01T00:00:00.000Z", "0050-02-01T00:00:00.000Z"],
        ["0050-02", "0050-02-01T00:00:00.000Z", "0050-03-01T00:00:00.000Z"],
      ]);
      expect(activity.map((r) => [r.new, r.retained])).toEqual([
        [1, 0],
        [0, 1],
      ]);
    }
  });
});

describe("periods and windows across DST", () => {
  it("periodActivity by day in Los Angeles: each day starts at local midnight (8:00Z before DST, 7:00Z after)", () => {
    const log = deepFreeze([
      { customerId: "A", date: "2011-03-12T20:00:00Z", amount: 1 }, // 12:00 PST 03-12
      { customerId: "A", date: "2011-03-14T20:00:00Z", amount: 1 }, // 13:00 PDT 03-14
    ]);
    const rows = periodActivity(log, { period: "day", timeZone: LA });
    expect(rows.map((r) => [r.period, r.start, r.end])).toEqual([
      ["2011-03-12", "2011-03-12T08:00:00.000Z", "2011-03-13T08:00:00.000Z"],
      ["2011-03-13", "2011-03-13T08:00:00.000Z", "2011-03-14T07:00:00.000Z"], // a 23-hour day
      ["2011-03-14", "2011-03-14T07:00:00.000Z", "2011-03-15T07:00:00.000Z"],
    ]);
    expect(rows.map((r) => r.active)).toEqual([1, 0, 1]);
  });

  it("a purchase late on March 31 in Los Angeles is a March purchase there, an April one in UTC", () => {
    const log = deepFreeze([{ customerId: "A", date: "2011-03-31T23:30:00-07:00", amount: 5 }]);
    expect(periodActivity(log, { timeZone: LA }).map((r) => r.period)).toEqual(["2011-03"]);
    expect(periodActivity(log).map((r) => r.period)).toEqual(["2011-04"]);
    expect(cohortRetention(log, { timeZone: LA })[0]!.cohort).toBe("2011-03");
  });

  it("onTimeDeliveryRate by day in a zone: 23:30 local on the promised day is on time", () => {
    const deliveries = deepFreeze([
      { promisedAt: "2011-03-13T12:00:00-07:00", deliveredAt: "2011-03-13T23:30:00-07:00" },
    ]);
    expect(onTimeDeliveryRate(deliveries, { compare: "day", timeZone: LA })).toBe(1);
    // In UTC the delivery falls on 03-14 (06:30Z), a day after the promise (19:00Z on 03-13).
    expect(onTimeDeliveryRate(deliveries, { compare: "day" })).toBe(0);
  });

  it("rfmSummary counts days in the zone: 23:00 and 01:00 local are different days", () => {
    const log = deepFreeze([
      { customerId: "A", date: "2011-11-06T06:00:00Z", amount: 1 }, // 23:00 PDT 11-05
      { customerId: "A", date: "2011-11-06T09:00:00Z", amount: 1 }, // 01:00 PST 11-06 (after fall back)
    ]);
    const [la] = rfmSummary(log, { timeZone: LA });
    expect([la!.frequency, la!.recency]).toEqual([1, 1]);
    const [utc] = rfmSummary(log); // both on 11-06 in UTC: one purchase day
    expect([utc!.frequency, utc!.recency]).toEqual([0, 0]);
  });
});

describe("leap days and month-end clamping in windows", () => {
  const purchase = (date: string) => ({ transactions: [{ date, amount: 10 }] });

  it("asOf 2012-02-29 minus 6 months is 2011-08-29: a last purchase that day is interruption, the next day is not", () => {
    const options = {
      asOf: "2012-02-29",
      interruptionAfter: { months: 6 },
      socializationWindow: { days: 1 },
    };
    expect(classifyLifecycle(deepFreeze(purchase("2011-08-29")), options).stage).toBe("interruption");
    expect(classifyLifecycle(deepFreeze(purchase("2011-08-30")), options).stage).not.toBe("interruption");
  });

  it("asOf 2011-08-31 minus 6 months clamps to 2011-02-28", () => {
    const options = {
      asOf: "2011-08-31",
      interruptionAfter: { months: 6 },
      socializationWindow: { days: 1 },
    };
    expect(classifyLifecycle(deepFreeze(purchase("2011-02-28")), options).stage).toBe("interruption");
    expect(classifyLifecycle(deepFreeze(purchase("2011-03-01")), options).stage).not.toBe("interruption");
  });

  it("asOf 2013-02-28 minus 12 months is 2012-02-28 (not the leap day)", () => {
    const options = {
      asOf: "2013-02-28",
      interruptionAfter: { months: 12 },
      socializationWindow: { days: 1 },
    };
    expect(classifyLifecycle(deepFreeze(purchase("2012-02-28")), options).stage).toBe("interruption");
    expect(classifyLifecycle(deepFreeze(purchase("2012-02-29")), options).stage).not.toBe("interruption");
  });

  it("interruption across the spring-forward night in Los Angeles: months are calendar months in the zone", () => {
    // asOf 2011-09-13 00:30 PDT (07:30Z); minus 6 months = 2011-03-13 00:30 PST (08:30Z).
    const options = {
      asOf: "2011-09-13T07:30:00Z",
      interruptionAfter: { months: 6 },
      socializationWindow: { days: 1 },
      timeZone: LA,
    };
    expect(classifyLifecycle(deepFreeze(purchase("2011-03-13T08:30:00Z")), options).stage).toBe(
      "interruption",
    );
    expect(classifyLifecycle(deepFreeze(purchase("2011-03-13T08:31:00Z")), options).stage).not.toBe(
      "interruption",
    );
  });

  it("customerPortfolio: a 12-month window ending on the leap day", () => {
    // Window (2011-02-28, 2012-02-29] (sub 12 months from 2012-02-29 = 2011-02-28) and the one before.
    const log = deepFreeze([
      { customerId: "A", date: "2011-02-28", amount: 100 }, // earlier window (on the boundary)
      { customerId: "A", date: "2012-02-29", amount: 150 }, // last window
    ]);
    const [a] = customerPortfolio(log, { asOf: "2012-02-29" });
    expect([a!.lastRevenue, a!.earlierRevenue]).toEqual([150, 100]);
    expect(a!.growth).toBeCloseTo(0.5, 12); // (150 - 100) / 100
  });
});
