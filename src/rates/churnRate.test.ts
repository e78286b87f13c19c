import { describe, expect, it } from "vitest";
import { churnRate } from "./churnRate.js";
import { retentionRate } from "./retentionRate.js";

describe("churnRate", () => {
  it("is the share of start customers lost, 1 - retentionRate", () => {
    // start {a..e}: b and e lost -> 2 / 5
    const sets = { start: new Set(["a", "b", "c", "d", "e"]), end: ["a", "c", "d", "x"] };
    expect(churnRate(sets)).toBe(2 / 5);
    expect(churnRate(sets)! + retentionRate(sets)!).toBe(1);
    expect(churnRate({ start: ["a"], end: [] })).toBe(1);
  });
});
