import { describe, expect, it } from "vitest";
import type { CustomerValueError } from "../errors/CustomerValueError.js";
import { generateSampleData } from "../sample/generateSampleData.js";
import { classifyLifecycles } from "./classifyLifecycles.js";
import { lifecycleTimeline } from "./lifecycleTimeline.js";
import { LIFECYCLE_STAGES } from "./stages.js";

describe("lifecycleTimeline", () => {
  it("walks one customer through the cycle, month by month (worked by hand)", () => {
    // A buys 2011-01-15 (100) and 2011-09-10 (100). Month ends, defaults:
    //  Jan..Mar: first purchase < 3 months back                       -> socialization
    //  Apr, May, Jun: trend. Apr 30: s = Oct 30, vR = 100 (Jan 15), vQ = 0 -> growth (+Infinity)
    //                 (May 31 and Jun 30 the same: Jan 15 still in (s, asOf])
    //  Jul 31: last purchase Jan 15 <= sub(Jul 31, 6 months) = Jan 31  -> interruption
    //  Aug 31: still                                                   -> interruption
    //  Sep 30: back on Sep 10 after a gap >= 6 months, < 3 months ago  -> recovery
    //  Oct 31, Nov 30: recovery (cuts Jul 31 and Aug 30; Sep 10 is after both)
    //  Dec 31: sub(Dec 31, 3 months) = Sep 30 >= Sep 10: no recovery; first purchase long ago;
    //          s = Jun 30: vR = 100 (Sep 10), vQ = 100 (Jan 15 in (Dec 31 2010, Jun 30]) -> change 0 -> maturity
    const t = lifecycleTimeline(
      Object.freeze([{ id: "A" }, { id: "B" }]),
      Object.freeze([
        { customerId: "A", date: "2011-01-15", amount: 100 },
        { customerId: "A", date: "2011-09-10", amount: 100 },
      ]),
      { from: "2011-01-01", to: "2011-12-31", period: "month" },
    );
    expect(t.periods.map((p) => p.period)).toEqual([
      "2011-01",
      "2011-02",
      "2011-03",
      "2011-04",
      "2011-05",
      "2011-06",
      "2011-07",
      "2011-08",
      "2011-09",
      "2011-10",
      "2011-11",
      "2011-12",
    ]);
    expect(t.periods[0]!.asOf).toBe("2011-01-31T23:59:59.999Z");
    expect(t.customers[0]!.stages).toEqual([
      "socialization",
      "socialization",
      "socialization",
      "growth",
      "growth",
      "growth",
      "interruption",
      "interruption",
      "recovery",
      "recovery",
      "recovery",
      "maturity",
    ]);
    expect(t.customers[1]!.stages.every((s) => s === "prospecting")).toBe(true);
    const i = (s: string) => LIFECYCLE_STAGES.indexOf(s as (typeof LIFECYCLE_STAGES)[number]);
    // A's 11 steps: soc->soc 2, soc->growth 1, growth->growth 2, growth->int 1, int->int 1,
    // int->rec 1, rec->rec 2, rec->mat 1;  B: prospecting->prospecting 11.
    expect(t.transitions[i("socialization")]![i("socialization")]).toBe(2);
    expect(t.transitions[i("socialization")]![i("growth")]).toBe(1);
    expect(t.transitions[i("growth")]![i("interruption")]).toBe(1);
    expect(t.transitions[i("interruption")]![i("recovery")]).toBe(1);
    expect(t.transitions[i("recovery")]![i("maturity")]).toBe(1);
    expect(t.transitions[i("prospecting")]![i("prospecting")]).toBe(11);
    expect(t.transitions.flat().reduce((a, b) => a + b, 0)).toBe(22);
    expect(t.transitionRates[i("growth")]![i("interruption")]).toBeCloseTo(1 / 3, 12);
    expect(t.transitionRates[i("decline")]).toEqual(new Array(7).fill(null));
  });

  it("each period's stages equal classifyLifecycles at the period's last millisecond", () => {
    const sample = generateSampleData({ customers: 80, months: 24, seed: 3 });
    const options = {
      from: "2023-06-15",
      to: "2024-03-01",
      period: "quarter" as const,
      dissatisfiedBelow: 6,
    };
    const t = lifecycleTimeline(sample.customers, sample.transactions, options);
    expect(t.periods.map((p) => p.period)).toEqual(["2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1"]);
    t.periods.forEach((p, j) => {
      const rows = classifyLifecycles(sample.customers, sample.transactions, {
        asOf: p.asOf,
        dissatisfiedBelow: 6,
      });
      expect(t.customers.map((c) => c.stages[j])).toEqual(rows.map((r) => r.stage));
      const counts = Object.fromEntries(
        LIFECYCLE_STAGES.map((s) => [s, rows.filter((r) => r.stage === s).length]),
      );
      expect(p.counts).toEqual(counts);
    });
  });

  it("rejects from after to, and an empty log without from/to", () => {
    expect(() => lifecycleTimeline([{ id: "A" }], [], { from: "2012-01-01", to: "2011-01-01" })).toThrow(
      /from must not be after to/,
    );
    try {
      lifecycleTimeline([{ id: "A" }], []);
      expect.unreachable();
    } catch (e) {
      expect((e as CustomerValueError).code).toBe("EMPTY_INPUT");
    }
  });
});
