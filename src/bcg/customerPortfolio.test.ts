import { describe, expect, it } from "vitest";
import type { Transaction } from "../records/Transaction.js";
import { type CustomerPortfolioOptions, customerPortfolio } from "./customerPortfolio.js";
import { caught as errorOf } from "../../test/support/errors.js";

const expectClose = (actual: number | null, expected: number, rel = 1e-12) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
};

const freeze = (rows: Transaction[]): readonly Transaction[] =>
  Object.freeze(rows.map((r) => Object.freeze(r)));

// asOf 2024-12-31T00:00Z, window 12 months:
//   s     = 2023-12-31T00:00Z, start = 2022-12-31T00:00Z
//   last  = (2023-12-31T00:00Z, 2024-12-31T00:00Z]
//   early = (2022-12-31T00:00Z, 2023-12-31T00:00Z]
const LOG = freeze([
  // A: earlier 100; last 150 + 30 (the second exactly at asOf: included) = 180
  { customerId: "A", date: "2023-03-01", amount: 100 },
  { customerId: "A", date: "2024-02-01", amount: 150 },
  { customerId: "A", date: "2024-12-31T00:00:00Z", amount: 30 },
  // B: earlier 200 (exactly at s: earlier window); last 190, the return of -50 is ignored
  { customerId: "B", date: "2023-12-31T00:00:00Z", amount: 200 },
  { customerId: "B", date: "2024-05-05", amount: 190 },
  { customerId: "B", date: "2024-06-05", amount: -50 },
  // C: nothing earlier; last 60 (a millisecond after s)
  { customerId: "C", date: "2023-12-31T00:00:00.001Z", amount: 60 },
  // D: earlier 80 (a millisecond after start); 1000 exactly at start is outside; nothing last
  { customerId: "D", date: "2022-12-31T00:00:00Z", amount: 1000 },
  { customerId: "D", date: "2022-12-31T00:00:00.001Z", amount: 80 },
  // E: only before the earlier window and after asOf -> not listed
  { customerId: "E", date: "2022-06-01", amount: 500 },
  { customerId: "E", date: "2024-12-31T00:00:00.001Z", amount: 500 },
  // F: 90 in each window; a zero row is ignored
  { customerId: "F", date: "2023-08-01", amount: 90 },
  { customerId: "F", date: "2024-08-01", amount: 90 },
  { customerId: "F", date: "2024-08-02", amount: 0 },
  // G: earlier 100, last 110 -> growth exactly 0.1 (the threshold)
  { customerId: "G", date: "2023-07-01", amount: 100 },
  { customerId: "G", date: "2024-07-01", amount: 110 },
]);
const AS_OF = "2024-12-31T00:00:00Z";

describe("customerPortfolio", () => {
  it("computes growth, relative size and placement by hand (relativeTo mean)", () => {
    const rows = customerPortfolio(LOG, { asOf: AS_OF });
    // last-window revenue of the customers who bought in it: A 180, B 190, C 60, F 90, G 110
    // mean = (180 + 190 + 60 + 90 + 110) / 5 = 630 / 5 = 126
    // A: growth (180-100)/100 = 0.8, size 180/126 = 1.4286 -> star
    // B: growth (190-200)/200 = -0.05, size 190/126 = 1.5079 -> cash cow
    // G: growth (110-100)/100 = 0.1 (on the threshold: high), size 110/126 = 0.873 -> question mark
    // F: growth 0, size 90/126 = 0.714 -> dog
    // C: no earlier revenue -> growth null, counts as high; size 60/126 = 0.476 -> question mark
    // D: growth (0-80)/80 = -1, size 0 -> dog
    // sorted by last revenue: B 190, A 180, G 110, F 90, C 60, D 0
    expect(rows.map((r) => r.id)).toEqual(["B", "A", "G", "F", "C", "D"]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const expected: Record<string, [string, number | null, number, number, number]> = {
      // id: [quadrant, growth, relativeShare, lastRevenue, earlierRevenue]
      A: ["star", 0.8, 180 / 126, 180, 100],
      B: ["cashCow", -0.05, 190 / 126, 190, 200],
      G: ["questionMark", 0.1, 110 / 126, 110, 100],
      F: ["dog", 0, 90 / 126, 90, 90],
      C: ["questionMark", null, 60 / 126, 60, 0],
      D: ["dog", -1, 0, 0, 80],
    };
    for (const [id, [quadrant, growth, share, lastRevenue, earlierRevenue]] of Object.entries(expected)) {
      const r = byId.get(id)!;
      expect(r.quadrant, id).toBe(quadrant);
      if (growth === null) expect(r.growth, id).toBeNull();
      else expectClose(r.growth, growth);
      expectClose(r.relativeShare, share);
      expectClose(r.lastRevenue, lastRevenue);
      expectClose(r.size, lastRevenue);
      expectClose(r.earlierRevenue, earlierRevenue);
      expect(r.customerId).toBe(id);
      expect(r.noEarlierRevenue).toBe(earlierRevenue === 0);
    }
    expect(byId.get("A")!.strategy).toBe("hold");
    expect(byId.get("B")!.strategy).toBe("harvest");
    expect(byId.get("C")!.strategy).toBe("build");
    expect(byId.get("D")!.strategy).toBe("divest");
    expect(Object.is(byId.get("F")!.growth, 0)).toBe(true);
  });

  it("uses the median or a fixed amount as the reference", () => {
    // median of 60, 90, 110, 180, 190 = 110: G is exactly 1 (on the threshold) and grew 0.1 -> star
    const median = new Map(
      customerPortfolio(LOG, { asOf: AS_OF, relativeTo: "median" }).map((r) => [r.id, r]),
    );
    expect(median.get("G")!.relativeShare).toBe(1);
    expect(median.get("G")!.quadrant).toBe("star");
    expectClose(median.get("A")!.relativeShare, 180 / 110);
    // fixed reference 60: C is 60/60 = 1 -> high share; no earlier revenue -> high growth -> star
    // F: 90/60 = 1.5, growth 0 -> cash cow
    const fixed = new Map(customerPortfolio(LOG, { asOf: AS_OF, relativeTo: 60 }).map((r) => [r.id, r]));
    expect(fixed.get("C")!.quadrant).toBe("star");
    expect(fixed.get("F")!.quadrant).toBe("cashCow");
    expectClose(fixed.get("F")!.relativeShare, 1.5);
  });

  it("passes the thresholds through", () => {
    // growthThreshold 0.9: A (0.8) becomes a cash cow, G (0.1) a dog; C (no earlier revenue) stays high growth
    const rows = new Map(
      customerPortfolio(LOG, { asOf: AS_OF, growthThreshold: 0.9 }).map((r) => [r.id, r.quadrant]),
    );
    expect(rows.get("A")).toBe("cashCow");
    expect(rows.get("G")).toBe("dog");
    expect(rows.get("C")).toBe("questionMark");
    // shareThreshold 0.4: C (60/126 = 0.476) has high share -> star
    const low = new Map(
      customerPortfolio(LOG, { asOf: AS_OF, shareThreshold: 0.4 }).map((r) => [r.id, r.quadrant]),
    );
    expect(low.get("C")).toBe("star");
  });

  it("moves the windows with date-fns month-end clamping", () => {
    // asOf 2024-03-31, window 1 month: s = sub(2024-03-31, 1 month) = 2024-02-29 (clamped),
    // start = sub(2024-02-29, 1 month) = 2024-01-29, so earlier = (2024-01-29, 2024-02-29]
    const rows = customerPortfolio(
      freeze([
        { customerId: "x", date: "2024-01-29", amount: 1000 }, // = start: outside
        { customerId: "x", date: "2024-01-30", amount: 40 }, // earlier
        { customerId: "x", date: "2024-02-29", amount: 10 }, // = s: earlier
        { customerId: "x", date: "2024-03-01", amount: 75 }, // last
      ]),
      { asOf: "2024-03-31", window: { months: 1 } },
    );
    // earlier 40 + 10 = 50, last 75: growth (75-50)/50 = 0.5; only customer, so size 75/75 = 1
    expect(rows).toHaveLength(1);
    expectClose(rows[0]!.earlierRevenue, 50);
    expectClose(rows[0]!.growth, 0.5);
    expect(rows[0]!.relativeShare).toBe(1);
    expect(rows[0]!.quadrant).toBe("star");
  });

  it("measures the windows in the given time zone", () => {
    // asOf 2024-03-15T04:00Z = midnight in New York (EDT). One month back:
    //   UTC:      s = 2024-02-15T04:00Z
    //   New York: s = 2024-02-15T00:00 EST = 2024-02-15T05:00Z
    // a purchase at 04:30Z is in the last window in UTC, in the earlier one in New York
    const log = freeze([
      { customerId: "y", date: "2024-02-10", amount: 100 },
      { customerId: "y", date: "2024-02-15T04:30:00Z", amount: 50 },
      { customerId: "y", date: "2024-03-01", amount: 100 },
    ]);
    const options: CustomerPortfolioOptions = { asOf: "2024-03-15T04:00:00Z", window: { months: 1 } };
    const utc = customerPortfolio(log, options)[0]!;
    const ny = customerPortfolio(log, { ...options, timeZone: "America/New_York" })[0]!;
    // UTC: earlier 100, last 150 -> growth 0.5; New York: earlier 150, last 100 -> growth -1/3
    expectClose(utc.growth, 0.5);
    expectClose(ny.growth, -1 / 3);
  });

  it("returns [] for an empty log or no purchase in the windows", () => {
    expect(customerPortfolio([], { asOf: AS_OF })).toEqual([]);
    expect(
      customerPortfolio(freeze([{ customerId: "a", date: "2020-01-01", amount: 5 }]), { asOf: AS_OF }),
    ).toEqual([]);
  });

  it("gives relative size 0 to everyone when nobody bought in the last window", () => {
    const rows = customerPortfolio(freeze([{ customerId: "a", date: "2023-06-01", amount: 5 }]), {
      asOf: AS_OF,
    });
    expect(rows).toEqual([
      {
        id: "a",
        customerId: "a",
        quadrant: "dog",
        strategy: "divest",
        relativeShare: 0,
        growth: -1,
        size: 0,
        lastRevenue: 0,
        earlierRevenue: 5,
        noEarlierRevenue: false,
      },
    ]);
  });

  it("handles ids such as __proto__ and never emits NaN or Infinity", () => {
    const rows = customerPortfolio(
      freeze([
        { customerId: "__proto__", date: "2024-06-01", amount: 5 },
        { customerId: "constructor", date: "2023-06-01", amount: 5 },
        { customerId: "constructor", date: "2024-06-01", amount: 10 },
      ]),
      { asOf: AS_OF },
    );
    expect(rows.map((r) => r.id)).toEqual(["constructor", "__proto__"]);
    const text = JSON.stringify(rows);
    expect(JSON.parse(text)).toEqual(rows);
    for (const r of rows) {
      for (const v of [r.relativeShare, r.size, r.lastRevenue, r.earlierRevenue, r.growth ?? 0]) {
        expect(Number.isFinite(v)).toBe(true);
      }
    }
  });

  it("rejects bad options and bad transactions with a code", () => {
    const opt = (o: unknown) => errorOf(() => customerPortfolio(LOG, o as CustomerPortfolioOptions));
    expect(opt(undefined).code).toBe("INVALID_OPTION");
    expect(opt({}).code).toBe("INVALID_OPTION");
    expect(opt({ asOf: "2024-13-01" }).code).toBe("INVALID_OPTION");
    expect(opt({ asOf: AS_OF, window: { months: 0 } }).code).toBe("INVALID_OPTION");
    expect(opt({ asOf: AS_OF, window: { months: 1.5 } }).code).toBe("INVALID_OPTION");
    expect(opt({ asOf: AS_OF, relativeTo: 0 }).code).toBe("INVALID_OPTION");
    expect(opt({ asOf: AS_OF, relativeTo: Number.POSITIVE_INFINITY }).code).toBe("INVALID_OPTION");
    expect(opt({ asOf: AS_OF, relativeTo: "max" }).code).toBe("INVALID_OPTION");
    expect(opt({ asOf: AS_OF, timeZone: "Mars/Olympus" }).code).toBe("INVALID_OPTION");
    expect(opt({ asOf: AS_OF, growthThreshold: Number.NaN }).code).toBe("INVALID_OPTION");
    expect(opt({ asOf: AS_OF, shareThreshold: 0 }).code).toBe("INVALID_OPTION");
    expect(() => customerPortfolio(LOG, { asOf: AS_OF, relativeTo: -1 })).toThrow(
      /^customerPortfolio: relativeTo must be/,
    );
    const bad = errorOf(() =>
      customerPortfolio([{ customerId: "a", date: "2024-02-30", amount: 1 }] as Transaction[], {
        asOf: AS_OF,
      }),
    );
    expect(bad.code).toBe("INVALID_RECORD");
    expect(bad.issues.length).toBeGreaterThan(0);
  });
});
