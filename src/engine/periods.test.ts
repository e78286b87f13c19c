import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PERIODS, periodIndex } from "../internal/dates.js";
import { distinctPeriods, periodIndexer, rowPeriods } from "./periods.js";

const ZONES = [undefined, "Asia/Kathmandu", "America/Los_Angeles", "Pacific/Chatham", "Pacific/Kiritimati"];
// 1900 .. 2100, with the ends of days, months and DST changes likely hit.
const time = fc.oneof(
  fc.integer({ min: -2_208_988_800_000, max: 4_102_444_800_000 }),
  fc
    .integer({ min: 1_300_000_000_000, max: 1_300_000_000_000 + 400 * 86_400_000 })
    .map((t) => t - (t % 900_000) - 1),
);

describe("periods against periodIndex", () => {
  it("periodIndexer and rowPeriods agree with periodIndex in every zone", () => {
    fc.assert(
      fc.property(
        fc.array(time, { maxLength: 80 }),
        fc.constantFrom(...PERIODS),
        fc.constantFrom(...ZONES),
        (times, period, zone) => {
          const indexOf = periodIndexer(period, zone);
          const expected = times.map((t) => periodIndex(t, period, zone));
          expect(times.map(indexOf)).toEqual(expected);
          expect(Array.from(rowPeriods(Float64Array.from(times), period, zone))).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("distinctPeriods lists each customer's distinct kept periods ascending, narrow and wide spans", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 4 }),
            fc.oneof(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -100_000, max: 100_000 })),
            fc.boolean(),
          ),
          { maxLength: 200 },
        ),
        (rows) => {
          const customer = Int32Array.from(rows, ([c]) => c);
          const result = distinctPeriods({
            customer,
            customers: 5,
            periodOf: (i) => rows[i]![1],
            keep: (i) => rows[i]![2],
          });
          for (let c = 0; c < 5; c++) {
            const expected = [
              ...new Set(rows.filter(([k, , keep]) => k === c && keep).map(([, p]) => p)),
            ].sort((a, b) => a - b);
            expect(Array.from(result.periods.subarray(result.offsets[c], result.offsets[c + 1]))).toEqual(
              expected,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
