import { describe, expect, it } from "vitest";
import { expectClose, expectError, freeze } from "../../test/reference/pareto/helpers.js";
import { whaleCurve } from "./whaleCurve.js";

describe("whaleCurve", () => {
  it("rises above 100% of total profit and falls back (peak by hand)", () => {
    const items = freeze([
      { id: "c", profit: -30 },
      { id: "a", profit: 100 },
      { id: "d", profit: -20 },
      { id: "b", profit: 50 },
      { id: "e", profit: 0 },
    ]);
    // ranked a 100, b 50, e 0, d -20, c -30; total = 100
    // cumulative 0, 100, 150, 150, 130, 100 -> shares 0, 1, 1.5, 1.5, 1.3, 1
    const r = whaleCurve(items, { profit: "profit" });
    expect(r.totalProfit).toBe(100);
    expect(r.customerCount).toBe(5);
    expect(r.points.map((p) => p.cumulativeProfit)).toEqual([0, 100, 150, 150, 130, 100]);
    expect(r.points.map((p) => p.customerShare)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(r.points.map((p) => p.cumulativeProfitShare)).toEqual([0, 1, 1.5, 1.5, 1.3, 1]);
    // peak 150 = 150% of total profit, first reached after 2 of 5 customers
    expect(r.peak).toEqual({ customerShare: 0.4, profitShare: 1.5, profit: 150, customerCount: 2 });
    expect(r.peak.profitShare).toBeGreaterThan(1);
  });

  it("peaks at the end when nobody loses money, at the origin when everybody does", () => {
    const gain = whaleCurve(
      [
        { id: "a", p: 1 },
        { id: "b", p: 3 },
      ],
      { profit: "p" },
    );
    expect(gain.peak).toEqual({ customerShare: 1, profitShare: 1, profit: 4, customerCount: 2 });
    // total -5 <= 0: shares are null, absolute profit still reported
    const loss = whaleCurve(
      [
        { id: "a", p: -2 },
        { id: "b", p: -3 },
      ],
      { profit: "p" },
    );
    expect(loss.totalProfit).toBe(-5);
    expect(loss.peak).toEqual({ customerShare: 0, profitShare: null, profit: 0, customerCount: 0 });
    expect(loss.points.map((p) => p.cumulativeProfitShare)).toEqual([null, null, null]);
    expect(loss.points.map((p) => p.cumulativeProfit)).toEqual([0, -2, -5]);
  });

  it("handles a single customer and a zero total", () => {
    const one = whaleCurve([{ customerId: "x", p: 8 }], { profit: "p" });
    expect(one.points).toEqual([
      { customerShare: 0, cumulativeProfitShare: 0, cumulativeProfit: 0 },
      { customerShare: 1, cumulativeProfitShare: 1, cumulativeProfit: 8 },
    ]);
    const zero = whaleCurve(
      [
        { id: "a", p: 5 },
        { id: "b", p: -5 },
      ],
      { profit: "p" },
    );
    expect(zero.totalProfit).toBe(0);
    expect(zero.peak.profit).toBe(5);
    expect(zero.peak.profitShare).toBeNull();
  });

  it("uses compensated sums (1e16 + 1 - 1e16 keeps the 1)", () => {
    const r = whaleCurve(
      [
        { id: "a", p: 1e16 },
        { id: "b", p: 1 },
        { id: "c", p: -1e16 },
      ],
      { profit: "p" },
    );
    expect(r.totalProfit).toBe(1);
    expectClose(r.peak.profitShare, 1e16 + 1);
  });

  it("breaks ties by id and groups with groupBy", () => {
    const items = [
      { id: "b", p: 5, r: "north" },
      { id: "a", p: 5, r: "north" },
      { id: "c", p: -1, r: "south" },
      { id: "d", p: 4, r: "south" },
    ];
    const r = whaleCurve(items, { profit: "p", groupBy: (x) => x.r });
    expect(r.map((g) => g.group)).toEqual(["north", "south"]);
    // south: 4, -1 -> total 3, peak 4 = 4/3
    expectClose(r[1]?.result.peak.profitShare, 4 / 3);
    expect(r[1]?.result.peak.customerShare).toBe(0.5);
  });

  it("rejects bad input with codes", () => {
    expectError(() => whaleCurve([], { profit: "p" }), "EMPTY_INPUT");
    expectError(() => whaleCurve([{ id: "a", p: "12" }], { profit: "p" }), "INVALID_RECORD", /profit/);
    expectError(() => whaleCurve([{ id: "a", p: 1 }], {} as never), "INVALID_OPTION", /profit/);
  });
});
