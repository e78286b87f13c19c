import { describe, expect, it } from "vitest";
import { caught } from "../../test/satisfactionHelpers.js";
import { satisfactionCase } from "./satisfactionCase.js";

describe("satisfactionCase", () => {
  // The source's table of cases, one strict example per row: [dA, dB, case]
  it.each([
    [2, 1, "I"],
    [-2, -1, "II"],
    [3, -2, "III"],
    [2, -3, "IV"],
    [-3, 2, "V"],
    [-2, 3, "VI"],
  ] as const)("dA = %d, dB = %d is case %s", (dA, dB, expected) => {
    expect(satisfactionCase({ highValueChange: dA, lowValueChange: dB })).toBe(expected);
  });

  it("defines the boundary cases", () => {
    const c = (dA: number, dB: number) => satisfactionCase({ highValueChange: dA, lowValueChange: dB });
    expect(c(0, 0)).toBeNull(); // no change at all
    expect(c(1, 0)).toBe("I"); // one side zero: same direction
    expect(c(0, 1)).toBe("I");
    expect(c(-1, 0)).toBe("II");
    expect(c(0, -1)).toBe("II");
    expect(c(2, -2)).toBe("III"); // equal and opposite: plain average flat, no false signal
    expect(c(-2, 2)).toBe("V");
    expect(c(-0, 0)).toBeNull();
  });

  it("rejects non-finite changes", () => {
    expect(caught(() => satisfactionCase({ highValueChange: Number.NaN, lowValueChange: 1 })).code).toBe(
      "INVALID_OPTION",
    );
  });
});
