import { describe, expect, it } from "vitest";
import { expectClose, expectError, freeze } from "../../test/reference/pareto/helpers.js";
import { lorenzCurve } from "./lorenzCurve.js";

describe("lorenzCurve", () => {
  it("gives n + 1 points of (k/n, share of the k smallest values)", () => {
    const values = freeze([50, 10, 30, 10]);
    // ascending 10, 10, 30, 50; total 100; cumulative 0, 10, 20, 50, 100
    const points = lorenzCurve(values);
    expect(points).toEqual([
      { customerShare: 0, valueShare: 0 },
      { customerShare: 0.25, valueShare: 0.1 },
      { customerShare: 0.5, valueShare: 0.2 },
      { customerShare: 0.75, valueShare: 0.5 },
      { customerShare: 1, valueShare: 1 },
    ]);
    expect(values).toEqual([50, 10, 30, 10]);
  });

  it("handles one value, equal values and zeros", () => {
    expect(lorenzCurve([7])).toEqual([
      { customerShare: 0, valueShare: 0 },
      { customerShare: 1, valueShare: 1 },
    ]);
    // equal values: the diagonal
    for (const p of lorenzCurve([2, 2, 2])) expectClose(p.valueShare, p.customerShare);
    // zeros come first: (1/3, 0), (2/3, 0), (1, 1)
    expect(lorenzCurve([0, 5, 0]).map((p) => p.valueShare)).toEqual([0, 0, 0, 1]);
  });

  it("ends exactly at (1, 1) even when floating sums do not", () => {
    const points = lorenzCurve([0.1, 0.2, 0.3, 0.4, 1e-17]);
    expect(points.at(-1)).toEqual({ customerShare: 1, valueShare: 1 });
  });

  it("rejects bad input with codes", () => {
    expectError(() => lorenzCurve([]), "EMPTY_INPUT");
    expectError(() => lorenzCurve([1, -1]), "NEGATIVE_VALUE", /lorenzCurve.*whaleCurve/);
    expectError(() => lorenzCurve([1, Number.NaN, Number.POSITIVE_INFINITY]), "INVALID_RECORD", /2 problem/);
    expectError(() => lorenzCurve([0, 0]), "ZERO_TOTAL");
    expectError(() => lorenzCurve("1,2" as unknown as number[]), "INVALID_RECORD");
  });
});
