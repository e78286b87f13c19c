import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lifetimeValue } from "./lifetimeValue.js";
import { codeOf } from "../../test/support/errors.js";

const close = (actual: number, expected: number, rel = 1e-12) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

describe("lifetimeValue", () => {
  it("sums a finite horizon term by term, margin at the end of each period", () => {
    // m = 100, r = 0.8, d = 0.1, 3 periods:
    // 100/1.1 + 100*0.8/1.1^2 + 100*0.64/1.1^3 = 90.9090909 + 66.1157025 + 48.0841473 = 205.1089407
    close(
      lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: 3 }),
      100 / 1.1 + 80 / 1.21 + 64 / 1.331,
    );
    close(
      lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: 3 }),
      205.1089406461,
      1e-10,
    );
  });

  it("gives m / (1 + d - r) for an unbounded horizon", () => {
    // 100 / (1 + 0.1 - 0.8) = 100 / 0.3 = 333.333...
    close(lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1 }), 1000 / 3);
    close(lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: Infinity }), 1000 / 3);
    // r = 1, d = 0.25: 100 / 0.25 = 400 (a perpetuity discounted at the end of each period).
    close(lifetimeValue({ margin: 100, retentionRate: 1, discountRate: 0.25 }), 400);
  });

  it("multiplies by (1 + d) with the margin at the start of each period", () => {
    // Start timing, 2 periods: 100 + 100*0.8/1.1 = 172.7272...
    close(
      lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: 2, timing: "start" }),
      100 + 80 / 1.1,
    );
    close(
      lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, timing: "start" }),
      (100 * 1.1) / 0.3,
    );
  });

  it("handles the edges: no periods, no retention, no discounting", () => {
    expect(lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: 0 })).toBe(0);
    close(lifetimeValue({ margin: 100, retentionRate: 0, discountRate: 0.1, periods: 10 }), 100 / 1.1);
    // r = 1, d = 0: n margins undiscounted.
    expect(lifetimeValue({ margin: 50, retentionRate: 1, discountRate: 0, periods: 4 })).toBe(200);
    close(lifetimeValue({ margin: -10, retentionRate: 0.5, discountRate: 0 }), -20);
  });

  it("agrees with the term-by-term sum and approaches the unbounded value (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        (margin, r, d, n) => {
          let sum = 0;
          for (let t = 1; t <= n; t++) sum += (margin * r ** (t - 1)) / (1 + d) ** t;
          const finite = lifetimeValue({ margin, retentionRate: r, discountRate: d, periods: n });
          const unbounded = lifetimeValue({ margin, retentionRate: r, discountRate: d });
          expect(Math.abs(finite - sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(sum)));
          // The tail beyond n is m q^n / (1 + d - r), q = r / (1 + d).
          const tail = (margin * (r / (1 + d)) ** n) / (1 + d - r);
          expect(Math.abs(unbounded - finite - tail)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(unbounded)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rejects invalid options", () => {
    const base = { margin: 100, retentionRate: 0.8, discountRate: 0.1 };
    expect(codeOf(() => lifetimeValue({ ...base, margin: Number.NaN }))).toBe("INVALID_OPTION");
    expect(codeOf(() => lifetimeValue({ ...base, retentionRate: 1.2 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => lifetimeValue({ ...base, retentionRate: -0.1 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => lifetimeValue({ ...base, discountRate: -0.1 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => lifetimeValue({ ...base, periods: 2.5 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => lifetimeValue({ ...base, periods: -1 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => lifetimeValue({ ...base, timing: "middle" as "end" }))).toBe("INVALID_OPTION");
    expect(codeOf(() => lifetimeValue({ margin: 1, retentionRate: 1, discountRate: 0 }))).toBe(
      "INVALID_OPTION",
    );
    expect(() => lifetimeValue({ margin: 1, retentionRate: 1, discountRate: 0 })).toThrow(
      /lifetimeValue: .*diverges/,
    );
    expect(codeOf(() => lifetimeValue(undefined as never))).toBe("INVALID_OPTION");
  });
});
