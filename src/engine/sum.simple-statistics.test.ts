import { sum } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { CompensatedSum, CompensatedSums, fsum } from "./sum.js";

describe("compensated sums", () => {
  it("keeps cancelling money exact where naive summation drifts", () => {
    // 1e12 + 0.01 * 10 - 1e12: the naive loop loses the cents, the compensated sum keeps them.
    const values = [1e12, ...Array(10).fill(0.01), -1e12];
    expect(values.reduce((a, b) => a + b, 0)).not.toBeCloseTo(0.1, 6);
    expect(fsum(values)).toBeCloseTo(0.1, 12);
    const running = new CompensatedSum();
    for (const v of values) running.add(v);
    expect(running.value).toBe(fsum(values));
  });
  it("the running and per-slot sums equal simple-statistics' sum", () => {
    const values = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) / 7 - 50);
    const running = new CompensatedSum();
    const slots = new CompensatedSums(2);
    values.forEach((v, i) => {
      running.add(v);
      slots.add(i % 2, v);
    });
    expect(running.value).toBe(sum(values));
    expect(slots.value(0)).toBe(sum(values.filter((_, i) => i % 2 === 0)));
  });
  it("normalises -0 and sums nothing to 0", () => {
    expect(Object.is(fsum([-0]), 0)).toBe(true);
    expect(fsum([])).toBe(0);
    expect(Object.is(new CompensatedSum().add(-0).value, 0)).toBe(true);
  });
});
