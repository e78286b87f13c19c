import { describe, expect, it } from "vitest";
import { caught } from "../../test/support/errors.js";
import { expectClose, expectError, freeze } from "../../test/reference/pareto/helpers.js";
import { keyCustomers } from "./keyCustomers.js";

// sales ranking: a 100, b 90, c 20, d 10, e 5
// profit ranking: b 30, c 25, a 5, e 1, d -3
const five = freeze([
  { id: "a", sales: 100, profit: 5 },
  { id: "b", sales: 90, profit: 30 },
  { id: "c", sales: 20, profit: 25 },
  { id: "d", sales: 10, profit: -3 },
  { id: "e", sales: 5, profit: 1 },
]);

describe("keyCustomers", () => {
  it("ranks by sales and by profit and combines with both / either", () => {
    // headShare 0.4 of 5 = 2: sales head {a, b}, profit head {b, c}
    const both = keyCustomers(five, { sales: "sales", profit: "profit", headShare: 0.4 });
    expect(both.headCount).toBe(2);
    expect(both.keyIds).toEqual(["b"]);
    expect(both.keyCount).toBe(1);
    expect(both.key).toEqual([five[1]]);
    const either = keyCustomers(five, {
      sales: "sales",
      profit: "profit",
      headShare: 0.4,
      combine: "either",
    });
    // rows by score: b (4 + 5)/5 / 2 = 0.9, a (5 + 3)/10 = 0.8, c (3 + 4)/10 = 0.7, ...
    expect(either.keyIds).toEqual(["b", "a", "c"]);
  });

  it("reports both ranks, head flags and the rank score per customer", () => {
    const r = keyCustomers(five, { sales: "sales", profit: "profit", headShare: 0.4 });
    // scores (equal weights): a (5+3)/10 = 0.8, b (4+5)/10 = 0.9, c (3+4)/10 = 0.7,
    // d (2+1)/10 = 0.3, e (1+2)/10 = 0.3 (tie d/e broken by id)
    expect(
      r.customers.map((c) => [c.id, c.salesRank, c.profitRank, c.inSalesHead, c.inProfitHead, c.isKey]),
    ).toEqual([
      ["b", 2, 1, true, true, true],
      ["a", 1, 3, true, false, false],
      ["c", 3, 2, false, true, false],
      ["d", 4, 5, false, false, false],
      ["e", 5, 4, false, false, false],
    ]);
    const scores = r.customers.map((c) => c.score);
    for (const [i, s] of [0.9, 0.8, 0.7, 0.3, 0.3].entries()) expectClose(scores[i], s);
  });

  it("selects the top headCount by weighted rank score", () => {
    // weights sales 3, profit 1 -> 0.75 / 0.25; score = (0.75 (6 - salesRank) + 0.25 (6 - profitRank)) / 5
    // a (3.75 + 0.75)/5 = 0.9, b (3 + 1.25)/5 = 0.85, c (2.25 + 1)/5 = 0.65 -> top 2: a, b
    const r = keyCustomers(five, {
      sales: "sales",
      profit: "profit",
      headShare: 0.4,
      combine: "weighted",
      weights: { sales: 3, profit: 1 },
    });
    expect(r.weights).toEqual({ sales: 0.75, profit: 0.25 });
    expect(r.keyIds).toEqual(["a", "b"]);
    expectClose(r.customers[0]?.score, 0.9);
    expectClose(r.customers[1]?.score, 0.85);
    // profit only: top 2 by profit
    const p = keyCustomers(five, {
      sales: "sales",
      profit: "profit",
      headShare: 0.4,
      combine: "weighted",
      weights: { sales: 0, profit: 1 },
    });
    expect(p.keyIds).toEqual(["b", "c"]);
  });

  it("defaults to the top 20% by sales and profit (3 of 15), n = 1, groups", () => {
    // sales = 1..15, profit = sales for the first ten, then 0: both heads = the 3 largest sales
    const items = Array.from({ length: 15 }, (_, i) => ({
      customerId: `c${String(i + 1).padStart(2, "0")}`,
      sales: i + 1,
      profit: i < 10 ? i + 1 : -(i + 1),
    }));
    // sales head: c15, c14, c13; profit head: c10, c09, c08 -> no overlap, no key customer
    const r = keyCustomers(items, { sales: "sales", profit: "profit" });
    expect(r.headCount).toBe(3);
    expect(r.keyIds).toEqual([]);
    expect(keyCustomers(items, { sales: "sales", profit: (x) => x.sales }).keyIds).toEqual([
      "c15",
      "c14",
      "c13",
    ]);
    expect(
      keyCustomers([{ id: "solo", sales: 0, profit: -1 }], { sales: "sales", profit: "profit" }).keyIds,
    ).toEqual(["solo"]);
    const grouped = keyCustomers(
      five.map((c) => ({ ...c, g: c.id < "c" ? "ab" : "cde" })),
      { sales: "sales", profit: "profit", groupBy: "g" },
    );
    // ab: 20% of 2 -> 1: sales head a, profit head b -> none; cde: 1: sales c, profit c -> c
    expect(grouped.map((g) => [g.group, g.result.keyIds])).toEqual([
      ["ab", []],
      ["cde", ["c"]],
    ]);
  });

  it("rejects bad input with codes", () => {
    expectError(() => keyCustomers([], { sales: "sales", profit: "profit" }), "EMPTY_INPUT");
    expectError(
      () => keyCustomers([{ id: "a", sales: 1 }], { sales: "sales", profit: "profit" as never }),
      "INVALID_RECORD",
      /profit/,
    );
    // Every problem at once: the profit and the sales of the same items
    const both = caught(() =>
      keyCustomers(
        [
          { id: "a", sales: "x", profit: Number.NaN },
          { id: "", sales: 1, profit: 1 },
        ] as never,
        {
          sales: "sales",
          profit: "profit",
        },
      ),
    );
    expect(both.code).toBe("INVALID_RECORD");
    expect(both.issues.map((i) => i.path).sort()).toEqual(["[0].profit", "[0].sales", "[1].id"]);
    expectError(
      () => keyCustomers(five, { sales: "sales", profit: "profit", combine: "and" as never }),
      "INVALID_OPTION",
      /combine/,
    );
    expectError(
      () => keyCustomers(five, { sales: "sales", profit: "profit", weights: { sales: 0, profit: 0 } }),
      "INVALID_OPTION",
      /weights/,
    );
    expectError(
      () => keyCustomers(five, { sales: "sales", profit: "profit", weights: { sales: -1, profit: 2 } }),
      "INVALID_OPTION",
    );
  });
});
