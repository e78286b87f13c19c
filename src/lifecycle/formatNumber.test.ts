/**
 * formatNumber writes a trend reason's amounts from whole cents; it must give
 * exactly `String(Math.round(x * 100) / 100)`, the text the reasons have always had.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber } from "./formatNumber.js";

const reference = (x: number) => String(Math.round(x * 100) / 100);

describe("formatNumber", () => {
  it("writes whole numbers, one and two decimals, signs and zeros as String does", () => {
    // by hand: 1234.5 -> "1234.5", 0.05 -> "0.05", -0.001 rounds to -0 cents -> "0"
    const cases: [number, string][] = [
      [0, "0"],
      [-0, "0"],
      [-0.001, "0"],
      [1234.5, "1234.5"],
      [1234.567, "1234.57"],
      [0.05, "0.05"],
      [0.1, "0.1"],
      [-12.3, "-12.3"],
      [-0.005, "0"], // Math.round(-0.5) = -0
      [0.005, "0.01"],
      [100, "100"],
      [9999999999999.99, "9999999999999.99"],
      [1e13, "10000000000000"],
      [1e20, "100000000000000000000"],
      [1.5e21, "1.5e+21"],
      [Number.NaN, "NaN"],
    ];
    for (const [x, text] of cases) {
      expect(formatNumber(x)).toBe(text);
      expect(reference(x)).toBe(text);
    }
  });

  it("agrees with String(Math.round(x * 100) / 100) everywhere", () => {
    const amounts = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.double({ min: -1e16, max: 1e16, noNaN: true }),
      fc.integer({ min: -1e9, max: 1e9 }).map((c) => c / 100),
      fc.integer({ min: -1e9, max: 1e9 }).map((c) => c / 100 + 0.005),
      fc.double({ noNaN: false }),
    );
    fc.assert(
      fc.property(amounts, (x) => {
        expect(formatNumber(x)).toBe(reference(x));
      }),
      { numRuns: 20_000 },
    );
  });

  it("agrees on sums of cent amounts near the 10^15-cent boundary", () => {
    for (const cents of [1e15 - 1, 1e15, 1e15 + 1, 2 ** 53 - 1, 999_999_999_999_999]) {
      for (const sign of [1, -1]) {
        const x = (sign * cents) / 100;
        expect(formatNumber(x)).toBe(reference(x));
      }
    }
  });
});
