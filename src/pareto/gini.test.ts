import { describe, expect, it } from "vitest";
import { expectClose, expectError, freeze } from "../../test/reference/pareto/helpers.js";
import { gini } from "./gini.js";

describe("gini", () => {
  it("follows the ineq::Gini formula (worked by hand)", () => {
    // ascending 1, 2, 3, 4: sum k x = 1 + 4 + 9 + 16 = 30, sum x = 10
    // G = 2 * 30 / 10 - (4 + 1) = 1; uncorrected 1 / 4, corrected 1 / 3
    expect(gini(freeze([4, 1, 3, 2]))).toBe(0.25);
    expectClose(gini([4, 1, 3, 2], { corrected: true }), 1 / 3);
    // 0, 0.25, 3.5, 5, 5, 10, 80: sum k x = 0.5 + 10.5 + 20 + 25 + 60 + 560 = 676, sum x = 103.75
    // G = (2 * 676 / 103.75 - 8) / 7
    expectClose(gini([10, 0, 5, 5, 80, 3.5, 0.25]), (1352 / 103.75 - 8) / 7);
  });

  it("is 0 for equal values and 1 - 1/n when one customer holds everything", () => {
    expect(gini([3, 3, 3, 3, 3])).toBe(0);
    expect(Object.is(gini([3, 3, 3]), 0)).toBe(true); // never -0
    // one of n = 4: sum k x = 4 x, G = 2 * 4 - 5 = 3 -> 3/4; corrected 3/3 = 1
    expect(gini([0, 0, 0, 9])).toBe(0.75);
    expect(gini([0, 0, 0, 9], { corrected: true })).toBe(1);
    expect(gini([5])).toBe(0);
  });

  it("rejects bad input with codes", () => {
    expectError(() => gini([]), "EMPTY_INPUT");
    expectError(() => gini([1, -2]), "NEGATIVE_VALUE", /gini.*whaleCurve/);
    expectError(() => gini([1, Number.NaN]), "INVALID_RECORD", /\[1\]/);
    expectError(() => gini([0, 0, 0]), "ZERO_TOTAL");
    expectError(() => gini([5], { corrected: true }), "INVALID_OPTION", /at least 2/);
    expectError(() => gini([5, 1], { corrected: "yes" as unknown as boolean }), "INVALID_OPTION");
  });
});
