import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Period, periodIndex } from "../internal/dates.js";
import { PeriodIndexer } from "./purchasePeriods.js";

describe("PeriodIndexer (internal)", () => {
  it("always agrees with periodIndex, across DST changes and odd offsets", () => {
    const zones = [
      undefined,
      "Asia/Shanghai",
      "Pacific/Chatham",
      "America/Los_Angeles",
      "America/Santiago",
      "Asia/Kolkata",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom<Period>("month", "quarter", "year", "week", "day"),
        fc.constantFrom(...zones),
        fc.array(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2030, 0, 1) }), {
          minLength: 1,
          maxLength: 50,
        }),
        (period, zone, times) => {
          const indexOf = new PeriodIndexer(period, zone);
          // near-boundary times too: each time, and the instants around local midnights
          for (const t of times.flatMap((x) => [x, x - (x % 900_000), x - (x % 900_000) - 1])) {
            expect(indexOf.index(t)).toBe(periodIndex(t, period, zone));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
