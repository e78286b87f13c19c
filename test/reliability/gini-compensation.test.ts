/**
 * gini's rank-weighted sum is compensated: dropping the compensation must fail a test. The
 * expected value is the ineq::Gini formula in exact arithmetic (fractions of BigInts,
 * test/reference/pareto/exact.ts), rounded once.
 *
 * The input: 2,048 customers, 1,024 of value 0, 1,023 of value 1 and one of 2^55. The
 * rank-weighted sum is 2,047 * 2^55 plus 1,023^2 = 1,046,529 from the pairs of 0s and 1s;
 * added after the first, each of those small terms is below half a unit in the last place
 * of the running sum and is lost by a plain sum (128 units in the last place of the
 * result). Compensated, the result is the exact value rounded once.
 */
import { describe, expect, it } from "vitest";
import { gini } from "customer-value";
import { exactGini } from "../reference/pareto/exact.js";
import { deepFreeze } from "./helpers.js";

describe("gini: the rank-weighted sum is exact before the last rounding", () => {
  const m = 1024;
  const values = deepFreeze([...new Array<number>(m).fill(0), ...new Array<number>(m - 1).fill(1), 2 ** 55]);

  it("equals the exact ineq::Gini value, rounded to the nearest double", () => {
    const expected = exactGini(values).toNumber();
    expect(gini(values)).toBe(expected);
    expect(gini(Float64Array.from(values).reverse())).toBe(expected); // any order
    expect(gini(values, { corrected: true })).toBe(exactGini(values, true).toNumber());
  });

  it("a plain sum of the same terms is far from it (the trap is real)", () => {
    const n = values.length;
    let plain = 0;
    for (let k = 1; 2 * k <= n; k++) plain += (n + 1 - 2 * k) * (values[n - k]! - values[k - 1]!);
    const total = values.reduce((s, x) => s + x, 0);
    const expected = exactGini(values).toNumber();
    expect(Math.abs(plain / (n * total) - expected)).toBeGreaterThan(100 * 2 ** -53);
  });
});
