import { describe, expect, it } from "vitest";
import { acquisitionRate } from "./acquisitionRate.js";
import { codeOf } from "../../test/support/errors.js";

describe("acquisitionRate", () => {
  it("is acquired / base, may exceed 1, null on a zero base", () => {
    expect(acquisitionRate({ acquired: 30, base: 200 })).toBe(0.15);
    expect(acquisitionRate({ acquired: 30, base: 20 })).toBe(1.5);
    expect(acquisitionRate({ acquired: 0, base: 0 })).toBeNull();
    expect(codeOf(() => acquisitionRate({ acquired: -1, base: 3 }))).toBe("NEGATIVE_VALUE");
  });
});
