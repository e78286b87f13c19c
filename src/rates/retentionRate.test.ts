import { describe, expect, it } from "vitest";
import { churnRate } from "./churnRate.js";
import { retentionRate } from "./retentionRate.js";
import { codeOf } from "../../test/support/errors.js";

describe("retentionRate and churnRate", () => {
  const start = Object.freeze(["a", "b", "c", "d"]);
  const end = Object.freeze(["a", "b", "c", "e", "f"]);
  it("use only the start customers as the base", () => {
    // kept a, b, c of 4; lost d; e and f are new and do not count
    expect(retentionRate({ start, end })).toBe(3 / 4);
    expect(churnRate({ start, end })).toBe(1 / 4);
  });
  it("count duplicate ids once and accept Sets", () => {
    expect(retentionRate({ start: ["a", "a", "b"], end: new Set(["a"]) })).toBe(1 / 2);
    expect(retentionRate({ start: ["__proto__"], end: ["__proto__"] })).toBe(1);
  });
  it("are null for an empty start", () => {
    expect(retentionRate({ start: [], end: ["a"] })).toBeNull();
    expect(churnRate({ start: [], end: [] })).toBeNull();
  });
  it("reject non-iterables and non-string ids", () => {
    expect(codeOf(() => retentionRate({ start: "abc", end: [] }))).toBe("INVALID_OPTION");
    expect(codeOf(() => churnRate({ start: [1 as unknown as string], end: [] }))).toBe("INVALID_OPTION");
    expect(() => churnRate({ start: [1 as unknown as string], end: [] })).toThrow(/^churnRate: start/);
  });
});
