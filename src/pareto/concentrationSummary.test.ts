import { describe, expect, it } from "vitest";
import { expectClose, expectError, freeze } from "../../test/reference/pareto/helpers.js";
import { concentrationSummary } from "./concentrationSummary.js";

const five = freeze([
  { id: "a", v: 50 },
  { id: "b", v: 30 },
  { id: "c", v: 10 },
  { id: "d", v: 6 },
  { id: "e", v: 4 },
]);

describe("concentrationSummary", () => {
  it("gives the numbers and the sentence in English and Chinese", () => {
    // 20% of 5 = 1 customer holding 50 of 100; 80% is reached by a + b = 80 -> 2 of 5 = 40%
    // Gini: ascending 4, 6, 10, 30, 50, sum k x = 4 + 12 + 30 + 120 + 250 = 416,
    // (2 * 416 / 100 - 6) / 5 = 0.464
    const r = concentrationSummary(five, { value: "v" });
    expect(r.customerCount).toBe(5);
    expect(r.totalValue).toBe(100);
    expect(r.headCount).toBe(1);
    expect(r.headCustomerShare).toBe(0.2);
    expect(r.headValueShare).toBe(0.5);
    expect(r.valueShare).toBe(0.8);
    expect(r.valueCount).toBe(2);
    expect(r.valueCustomerShare).toBe(0.4);
    expect(r.valueValueShare).toBe(0.8);
    expectClose(r.gini, 0.464);
    expect(r.text.en).toBe(
      "The top 20% of customers bring 50% of revenue; 40% of customers bring 80%; Gini 0.46.",
    );
    expect(r.text.zh).toBe("前20%的客户带来50%的收入；40%的客户带来80%的收入；基尼系数0.46。");
  });

  it("takes options: shares, labels; shows actual shares and small shares with a decimal", () => {
    // 40 customers: one holds 960, 39 hold 1 each (total 999); 2.5% head = 1 customer -> 96.1%
    const items = [{ id: "big", v: 960 }, ...Array.from({ length: 39 }, (_, i) => ({ id: `s${i}`, v: 1 }))];
    const r = concentrationSummary(items, {
      value: "v",
      headShare: 0.025,
      valueShare: 0.9,
      label: { en: "profit", zh: "利润" },
    });
    expect(r.headCount).toBe(1);
    expectClose(r.headValueShare, 960 / 999);
    // 90% of 999 = 899.1 -> the big customer alone (960) -> 1 of 40 = 2.5%
    expect(r.valueCount).toBe(1);
    expect(r.text.en).toBe(
      "The top 2.5% of customers bring 96% of profit; 2.5% of customers bring 90%; Gini 0.94.",
    );
    expect(r.text.zh).toBe("前2.5%的客户带来96%的利润；2.5%的客户带来90%的利润；基尼系数0.94。");
    // Gini: ascending 39 ones then 960; sum k x = (1 + ... + 39) + 40 * 960 = 780 + 38400 = 39180
    // (2 * 39180 / 999 - 41) / 40 = 0.93573573...
    expectClose(r.gini, (78360 / 999 - 41) / 40);
  });

  it("groups with groupBy and rejects bad input", () => {
    const grouped = concentrationSummary(
      five.map((c, i) => ({ ...c, g: i < 2 ? "top" : "rest" })),
      { value: "v", groupBy: "g" },
    );
    expect(grouped.map((g) => [g.group, g.result.customerCount])).toEqual([
      ["rest", 3],
      ["top", 2],
    ]);
    expectError(() => concentrationSummary([], { value: "v" }), "EMPTY_INPUT");
    expectError(
      () => concentrationSummary([{ id: "a", v: -1 }], { value: "v" }),
      "NEGATIVE_VALUE",
      /whaleCurve/,
    );
    expectError(
      () => concentrationSummary(five, { value: "v", valueShare: 2 }),
      "INVALID_OPTION",
      /valueShare/,
    );
  });
});
