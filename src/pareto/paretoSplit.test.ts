import { describe, expect, it } from "vitest";
import { expectClose, expectError, freeze } from "../../test/reference/pareto/helpers.js";
import { paretoSplit } from "./paretoSplit.js";

const five = freeze([
  { id: "d", sales: 6 },
  { id: "a", sales: 50 },
  { id: "e", sales: 4 },
  { id: "b", sales: 30 },
  { id: "c", sales: 10 },
]);

describe("paretoSplit", () => {
  it("splits by customer share (default 20%)", () => {
    // n = 5, 0.2 * 5 = 1 -> head = [a]; total = 50+30+10+6+4 = 100; head 50 -> 0.5
    const r = paretoSplit(five, { value: "sales" });
    expect(r.mode).toBe("headShare");
    expect(r.head.map((c) => c.id)).toEqual(["a"]);
    expect(r.tail.map((c) => c.id)).toEqual(["b", "c", "d", "e"]);
    expect(r.headCount).toBe(1);
    expect(r.customerCount).toBe(5);
    expect(r.headCustomerShare).toBe(0.2);
    expect(r.headValue).toBe(50);
    expect(r.totalValue).toBe(100);
    expect(r.headValueShare).toBe(0.5);
    expect(r.cutoffValue).toBe(50);
    expect(r.head[0]).toBe(five[1]); // the original item, not a copy
  });

  it("splits by value share: exactly reached, and first exceeded", () => {
    // cumulative 50, 80, 90, 96, 100: 80% is reached exactly at k = 2
    const exact = paretoSplit(five, { value: "sales", valueShare: 0.8 });
    expect(exact.mode).toBe("valueShare");
    expect(exact.headCount).toBe(2);
    expect(exact.headValue).toBe(80);
    expect(exact.headCustomerShare).toBe(0.4);
    expect(exact.cutoffValue).toBe(30);
    // 81% is first exceeded at k = 3 (90)
    const over = paretoSplit(five, { value: "sales", valueShare: 0.81 });
    expect(over.headCount).toBe(3);
    expect(over.headValueShare).toBe(0.9);
    expect(over.cutoffValue).toBe(10);
    // 100% takes every customer with value
    expect(paretoSplit(five, { value: "sales", valueShare: 1 }).headCount).toBe(5);
  });

  it("treats a floating-error miss as reached (0.07 * 100 = 7.000000000000001)", () => {
    // 100 customers of value 1: 7% of the total is 7 customers; the floating product
    // 0.07 * 100 is 7.000000000000001, which a plain comparison would call "not reached"
    expect(0.07 * 100 > 7).toBe(true);
    const hundred = Array.from({ length: 100 }, (_, i) => ({ id: `c${String(i).padStart(3, "0")}`, v: 1 }));
    const r = paretoSplit(hundred, { value: "v", valueShare: 0.07 });
    expect(r.headCount).toBe(7);
    expect(r.headValue).toBe(7);
  });

  it("rounds headCount up, robust to floating error (7% of 100 is 7, not 8)", () => {
    // 0.07 * 100 = 7.000000000000001 in floating point: a plain Math.ceil would give 8
    expect(0.07 * 100).toBeGreaterThan(7);
    const hundred = Array.from({ length: 100 }, (_, i) => ({ id: `c${String(i).padStart(3, "0")}`, v: 1 }));
    expect(paretoSplit(hundred, { value: "v", headShare: 0.07 }).headCount).toBe(7);
    expect(paretoSplit(hundred.slice(0, 50), { value: "v", headShare: 0.14 }).headCount).toBe(7);
    // a share just above a whole number of customers still rounds up: 0.0701 * 100 = 7.01 -> 8
    expect(paretoSplit(hundred, { value: "v", headShare: 0.0701 }).headCount).toBe(8);
  });

  it("takes 3 of 15 customers for 20%, and 3 of 11 (2.2 rounded up)", () => {
    const items = Array.from({ length: 15 }, (_, i) => ({ id: `c${String(i).padStart(2, "0")}`, v: i + 1 }));
    const r = paretoSplit(items, { value: "v" });
    expect(r.headCount).toBe(3);
    // head = 15 + 14 + 13 = 42 of 120 = 0.35
    expect(r.head.map((c) => c.v)).toEqual([15, 14, 13]);
    expectClose(r.headValueShare, 42 / 120);
    expect(r.cutoffValue).toBe(13);
    // 20% of 11 = 2.2 -> 3
    expect(paretoSplit(items.slice(0, 11), { value: "v" }).headCount).toBe(3);
  });

  it("breaks ties by id ascending", () => {
    const items = freeze([
      { customerId: "z", v: 5 },
      { customerId: "m", v: 5 },
      { customerId: "b", v: 5 },
      { customerId: "a", v: 1 },
    ]);
    // default id falls back to customerId; 20% of 4 = 0.8 -> 1
    const r = paretoSplit(items, { value: "v" });
    expect(r.head.map((c) => c.customerId)).toEqual(["b"]);
    expect(r.tail.map((c) => c.customerId)).toEqual(["m", "z", "a"]);
  });

  it("handles a single customer and zero values", () => {
    const one = paretoSplit([{ id: "x", v: 7 }], { value: "v" });
    expect(one.headCount).toBe(1);
    expect(one.headValueShare).toBe(1);
    expect(one.tail).toEqual([]);
    // zeros rank last and are not needed to reach 100%
    const z = paretoSplit(
      [
        { id: "a", v: 0 },
        { id: "b", v: 2 },
        { id: "c", v: 0 },
      ],
      { value: "v", valueShare: 1 },
    );
    expect(z.head.map((c) => c.id)).toEqual(["b"]);
    expect(z.tail.map((c) => c.id)).toEqual(["a", "c"]);
  });

  it("accepts functions as accessors and works with an id like __proto__", () => {
    const items = [
      { key: "__proto__", amount: 1 },
      { key: "constructor", amount: 9 },
    ];
    const r = paretoSplit(items, { value: (c) => c.amount * 2, id: (c) => c.key, headShare: 0.5 });
    expect(r.head[0]?.key).toBe("constructor");
    expect(r.headValue).toBe(18);
    expect(r.totalValue).toBe(20);
  });

  it("groups with groupBy (field or function), groups in ascending key order", () => {
    const items = [
      { id: "a", region: "north", v: 10 },
      { id: "b", region: "south", v: 3 },
      { id: "c", region: "north", v: 30 },
      { id: "d", region: "south", v: 1 },
    ];
    const grouped = paretoSplit(items, { value: "v", groupBy: "region", headShare: 0.5 });
    expect(grouped.map((g) => g.group)).toEqual(["north", "south"]);
    expect(grouped[0]?.result.head.map((c) => c.id)).toEqual(["c"]);
    expect(grouped[0]?.result.headValueShare).toBe(0.75); // 30 / 40
    expect(grouped[1]?.result.headValueShare).toBe(0.75); // 3 / 4
    const byFn = paretoSplit(items, { value: "v", groupBy: (c) => (c.v > 5 ? "big" : "small") });
    expect(byFn.map((g) => g.group)).toEqual(["big", "small"]);
  });

  it("rejects bad input with codes", () => {
    expectError(() => paretoSplit([], { value: "v" }), "EMPTY_INPUT", /paretoSplit/);
    expectError(() => paretoSplit([{ id: "a", v: -1 }], { value: "v" }), "NEGATIVE_VALUE", /whaleCurve/);
    expectError(
      () => paretoSplit([{ id: "a", v: Number.NaN }], { value: "v" }),
      "INVALID_RECORD",
      /\[0\]\.v/,
    );
    expectError(() => paretoSplit([{ v: 1 }], { value: "v" }), "INVALID_RECORD", /options\.id/);
    expectError(
      () =>
        paretoSplit(
          [
            { id: "a", v: 1 },
            { id: "a", v: 2 },
          ],
          { value: "v" },
        ),
      "DUPLICATE_ID",
    );
    expectError(() => paretoSplit([{ id: "a", v: 0 }], { value: "v" }), "ZERO_TOTAL");
    expectError(
      () => paretoSplit([{ id: "a", v: 1 }], { value: "v", headShare: 1.5 }),
      "INVALID_OPTION",
      /headShare/,
    );
    expectError(() => paretoSplit([{ id: "a", v: 1 }], { value: "v", headShare: 0 }), "INVALID_OPTION");
    expectError(
      () => paretoSplit([{ id: "a", v: 1 }], { value: "v", headShare: 0.2, valueShare: 0.8 }),
      "INVALID_OPTION",
      /not both/,
    );
    expectError(
      () => paretoSplit([{ id: "a", v: 1, g: undefined }], { value: "v", groupBy: "g" }),
      "INVALID_RECORD",
      /group/,
    );
    // a group's error names the group
    expectError(
      () =>
        paretoSplit(
          [
            { id: "a", v: 0, g: "x" },
            { id: "b", v: 1, g: "y" },
          ],
          { value: "v", groupBy: "g" },
        ),
      "ZERO_TOTAL",
      /group "x"/,
    );
  });
});
