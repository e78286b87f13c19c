import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { classifyLifecycles } from "./classifyLifecycles.js";
import { lifecycleSummary } from "./lifecycleSummary.js";

describe("lifecycleSummary", () => {
  const asOf = "2011-12-01T00:00:00Z";
  // A: socialization (first purchase 2011-11-01), value 30 + 20 = 50
  // B: interruption (last purchase 2011-01-01), value 200
  // C: socialization, value 150;  D: prospect, value 0
  const rows = classifyLifecycles(
    Object.freeze([{ id: "A" }, { id: "B" }, { id: "C" }, { id: "D" }]),
    Object.freeze([
      { customerId: "A", date: "2011-11-01", amount: 30 },
      { customerId: "A", date: "2011-11-20", amount: 20 },
      { customerId: "B", date: "2011-01-01", amount: 200 },
      { customerId: "C", date: "2011-11-05", amount: 150 },
      { customerId: "C", date: "2011-11-06", amount: -40 }, // a return: not counted
    ]),
    { asOf },
  );

  it("counts customers and sums purchase value per stage (total 400)", () => {
    const s = lifecycleSummary(Object.freeze(rows));
    expect(s.customers).toBe(4);
    expect(s.value).toBe(400);
    const by = Object.fromEntries(s.stages.map((x) => [x.stage, x]));
    expect(s.stages.map((x) => x.stage)).toEqual([
      "prospecting",
      "socialization",
      "growth",
      "maturity",
      "decline",
      "interruption",
      "recovery",
    ]);
    expect(by.socialization).toMatchObject({
      count: 2,
      share: 0.5,
      value: 200,
      valueShare: 0.5,
      meanValue: 100,
    });
    expect(by.interruption).toMatchObject({
      count: 1,
      share: 0.25,
      value: 200,
      valueShare: 0.5,
      meanValue: 200,
    });
    expect(by.prospecting).toMatchObject({ count: 1, value: 0, meanValue: 0, labelZh: "开拓期" });
    expect(by.growth).toMatchObject({ count: 0, share: 0, value: 0, meanValue: null });
    expect(s.phases).toEqual({ endangerment: 0, termination: 0 });
  });

  it("sums another value when asked, and handles empty input with null shares", () => {
    const values = new Map([
      ["A", 1],
      ["B", 2],
      ["C", 3],
      ["D", 4],
    ]);
    const s = lifecycleSummary(rows, { value: (r) => values.get(r.customerId ?? "") ?? 0 });
    expect(s.stages.find((x) => x.stage === "socialization")?.value).toBe(4); // A + C = 1 + 3
    const empty = lifecycleSummary([]);
    expect(empty.customers).toBe(0);
    expect(empty.stages.every((x) => x.share === null && x.valueShare === null && x.meanValue === null)).toBe(
      true,
    );
  });

  it("throws for an unknown stage or a non-finite value", () => {
    expect(() => lifecycleSummary([{ ...rows[0]!, stage: "bogus" as "growth" }])).toThrow(CustomerValueError);
    expect(() => lifecycleSummary(rows, { value: () => Number.NaN })).toThrow(/finite/);
  });
});
