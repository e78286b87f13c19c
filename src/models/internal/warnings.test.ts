import { describe, expect, it } from "vitest";
import { aliveWarnings, parameterWarnings } from "./warnings.js";

const base = {
  names: ["r", "alpha", "a", "b"],
  shapes: ["r", "a", "b"],
  eigenvalues: [1, 10, 100, 1000],
  standardErrors: [0.1, 0.1, 0.1, 0.1],
};

describe("parameterWarnings", () => {
  it("is silent for an interior, well-conditioned fit", () => {
    expect(parameterWarnings({ ...base, params: [0.24, 4.4, 0.79, 2.4] })).toEqual([]);
  });

  it("flags shapes below 0.01 or above 1e4, and any parameter beyond e^16", () => {
    const w = parameterWarnings({ ...base, params: [0.0099, 4.4, 0.79, 10_001] });
    expect(w.map((x) => [x.code, x.parameter])).toEqual([
      ["boundary", "r"],
      ["boundary", "b"],
    ]);
    expect(w[0]!.message).toMatch(/^r = 0\.00990 is at the edge of its range \(near 0\)/);
    // alpha is a scale (the data's time unit): only beyond e^16 = 8.9e6.
    expect(parameterWarnings({ ...base, params: [1, 5e6, 1, 1] })).toEqual([]);
    expect(parameterWarnings({ ...base, params: [1, 1e7, 1, 1] })[0]!.parameter).toBe("alpha");
  });

  it("flags a condition number above 1e6 and a Hessian that is not positive definite", () => {
    expect(parameterWarnings({ ...base, params: [1, 1, 1, 1], eigenvalues: [1, 1, 1, 1e6] })).toEqual([]);
    const ill = parameterWarnings({ ...base, params: [1, 1, 1, 1], eigenvalues: [1, 1, 1, 1.01e6] });
    expect(ill.map((x) => x.code)).toEqual(["ill-conditioned"]);
    expect(ill[0]!.message).toMatch(/condition number 1\.0e\+6/);
    const flat = parameterWarnings({ ...base, params: [1, 1, 1, 1], standardErrors: [0.1, null, 0.1, 0.1] });
    expect(flat[0]!.message).toMatch(/not positive definite/);
  });
});

describe("aliveWarnings", () => {
  it("warns when at least 90% of the repeat buyers (by weight) are above 0.99, or below 0.01", () => {
    const p = Float64Array.of(0.995, 0.5);
    expect(aliveWarnings(p, Float64Array.of(9, 1)).map((w) => w.code)).toEqual(["p-alive-near-one"]);
    expect(aliveWarnings(p, Float64Array.of(8.9, 1.1))).toEqual([]);
    expect(aliveWarnings(Float64Array.of(0.001, 0.001), Float64Array.of(1, 1))[0]!.message).toMatch(
      /100\.0% of the repeat buyers/,
    );
    expect(aliveWarnings(new Float64Array(0), new Float64Array(0))).toEqual([]);
  });
});
