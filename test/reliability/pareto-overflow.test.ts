/**
 * Two values of 1e308 add up beyond the largest double. The Pareto functions used to call
 * that total "every value is 0" (ZERO_TOTAL). Now a result that reports the total says it
 * cannot be represented (INVALID_RECORD), and results made only of shares and ratios are
 * computed, exactly as for values a power of two smaller.
 */
import { describe, expect, it } from "vitest";
import {
  abcClassify,
  concentrationSummary,
  gini,
  keyCustomers,
  lorenzCurve,
  paretoSplit,
  whaleCurve,
} from "customer-value";
import { exactGini } from "../reference/pareto/exact.js";
import { deepFreeze, expectClean, expectCode } from "./helpers.js";

const huge = deepFreeze([
  { id: "a", v: 1e308 },
  { id: "b", v: 1e308 },
]);

describe("Pareto functions with a total beyond the largest double", () => {
  it("paretoSplit and concentrationSummary: INVALID_RECORD naming the total, not ZERO_TOTAL", () => {
    for (const run of [
      () => paretoSplit(huge, { value: "v" }),
      () => paretoSplit({ ids: ["a", "b"], values: [1e308, 1e308] }),
      () => concentrationSummary(huge, { value: "v" }),
    ]) {
      const error = expectCode(run, "INVALID_RECORD");
      expect(error.message).toMatch(/total value is beyond the largest number/);
      expect(error.message).not.toMatch(/every value is 0/);
    }
  });

  it("gini, lorenzCurve and abcClassify: shares are representable, so they are computed", () => {
    // Two equal values: Gini 0, the diagonal, each customer half the total.
    expect(gini([1e308, 1e308])).toBe(0);
    expect(lorenzCurve([1e308, 1e308])).toEqual([
      { customerShare: 0, valueShare: 0 },
      { customerShare: 0.5, valueShare: 0.5 },
      { customerShare: 1, valueShare: 1 },
    ]);
    const abc = abcClassify(huge, { value: "v" });
    expect(abc.items.map((x) => [x.id, x.cumulativeShare, x.class])).toEqual([
      ["a", 0.5, "A"],
      ["b", 1, "A"],
    ]);
    expectClean(abc);
    // 0, 1e308, 1e308: G = 2 (2 + 3) 1e308 / (3 * 2e308) - 4/3 = 1/3, and corrected 1/2
    expect(gini([1e308, 0, 1e308])).toBe(exactGini([1e308, 0, 1e308]).toNumber());
    expect(gini([1e308, 0, 1e308], { corrected: true })).toBe(0.5);
  });

  it("gini: rank-weighted sums beyond the largest double although the total is not", () => {
    // One customer of 1e306 among 999 of 0: sum x = 1e306, but n * sum x overflows.
    const values = [...new Array<number>(999).fill(0), 1e306];
    expect(gini(values)).toBe(exactGini(values).toNumber()); // 999 / 1000
    expect(gini(values)).toBe(0.999);
  });

  it("whaleCurve says the cumulative profit cannot be represented; keyCustomers only ranks", () => {
    const error = expectCode(() => whaleCurve(huge, { profit: "v" }), "INVALID_RECORD");
    expect(error.message).toMatch(/too large to add up/);
    const key = keyCustomers(huge, { sales: "v", profit: "v", headShare: 0.5 });
    expect(key.keyIds).toEqual(["a"]);
    expectClean(key);
  });
});
