import { describe, expect, it } from "vitest";
import { caught } from "../../test/satisfactionHelpers.js";
import { expectationRatio } from "./expectationRatio.js";

describe("expectationRatio", () => {
  it("divides what was received by what was expected", () => {
    expect(expectationRatio(9, 8)).toBe(1.125); // delighted
    expect(expectationRatio(6, 8)).toBe(0.75); // disappointed
    expect(expectationRatio(8, 8)).toBe(1);
    expect(expectationRatio(0, 8)).toBe(0);
  });

  it("is null when nothing was expected", () => {
    expect(expectationRatio(5, 0)).toBeNull();
    expect(expectationRatio(0, 0)).toBeNull();
  });

  it("rejects negative and non-finite inputs", () => {
    expect(caught(() => expectationRatio(-1, 2)).code).toBe("NEGATIVE_VALUE");
    expect(caught(() => expectationRatio(1, -2)).code).toBe("NEGATIVE_VALUE");
    expect(caught(() => expectationRatio(Number.POSITIVE_INFINITY, 2)).code).toBe("INVALID_OPTION");
  });
});
