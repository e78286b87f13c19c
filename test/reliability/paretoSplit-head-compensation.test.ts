/**
 * paretoSplit's head value is a compensated sum: dropping the compensation must fail a test.
 * The expected values are exact (fractions of BigInts, test/reference/pareto/exact.ts), and
 * a plain left-to-right sum of the same values in rank order gives something else.
 */
import { describe, expect, it } from "vitest";
import { paretoSplit } from "customer-value";
import { exactSum } from "../reference/pareto/exact.js";
import { deepFreeze } from "./helpers.js";

/** The plain sum, in the given order. */
const naive = (values: readonly number[]) => values.reduce((sum, x) => sum + x, 0);

describe("paretoSplit: the head value is the exact sum, rounded once", () => {
  it("[1e16, 1, 1, 1, 1] with headShare 1: 1e16 + 4, not 1e16", () => {
    const values = [1e16, 1, 1, 1, 1];
    const expected = exactSum(values).toNumber();
    expect(expected).toBe(10_000_000_000_000_004);
    expect(naive(values)).toBe(1e16); // each 1 is lost against 1e16 (ulp 2, ties to even)
    const items = deepFreeze(values.map((v, i) => ({ id: `c${i}`, v })));
    const r = paretoSplit(items, { value: "v", headShare: 1 });
    expect(r.headValue).toBe(expected);
    expect(r.totalValue).toBe(expected);
    expect(r.headValueShare).toBe(1);
  });

  it("a head that is not the whole: 1e12 and fifty cents of a hundred", () => {
    // 101 customers: headShare 0.5 takes ceil(50.5) = 51, the whale and fifty 0.01s.
    const values = [1e12, ...new Array<number>(100).fill(0.01)];
    const items = deepFreeze(values.map((v, i) => ({ id: `c${String(i).padStart(3, "0")}`, v })));
    const r = paretoSplit(items, { value: "v", headShare: 0.5 });
    expect(r.headCount).toBe(51);
    const head = values.slice(0, 51);
    expect(r.headValue).toBe(exactSum(head).toNumber()); // 1000000000000.5
    expect(naive(head)).not.toBe(exactSum(head).toNumber());
    expect(r.totalValue).toBe(exactSum(values).toNumber()); // 1000000000001
    // the same through the columnar path
    const columns = paretoSplit({ ids: items.map((x) => x.id), values }, { headShare: 0.5 });
    expect(columns.headValue).toBe(r.headValue);
  });
});
