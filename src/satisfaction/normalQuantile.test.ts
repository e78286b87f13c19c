import { describe, it } from "vitest";
import { expectClose } from "../../test/satisfactionHelpers.js";
import { normalQuantile } from "./normalQuantile.js";

describe("normalQuantile", () => {
  // Expected values: R 4.x, sprintf("%.17g", qnorm(p)).
  it.each([
    [0.975, 1.9599639845400536],
    [0.995, 2.5758293035488999],
    [0.95, 1.6448536269514715],
    [0.6, 0.25334710313579978],
    [0.9, 1.2815515655446008],
    [1e-10, -6.3613409024040557],
    [0.999999, 4.7534243088170891],
    [0.025, -1.9599639845400538],
  ])("qnorm(%d)", (p, expected) => {
    expectClose(normalQuantile(p), expected, 1e-15);
  });
});
