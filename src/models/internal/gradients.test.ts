/**
 * Every analytic gradient against central differences of its own likelihood (the
 * plain reference of the fast path), at points away from the optimum where the
 * gradient is large, on grouped summaries with repeated and distinct rows.
 */
import { describe, expect, it } from "vitest";
import { simulateBgBb, simulateBgNbd, simulateGammaGamma } from "../../../test/reference/models/simulate.js";
import { readBgBbRows } from "./bgBbInput.js";
import { bgBbTotal } from "./bgBbMath.js";
import { bgNbdTotal } from "./bgNbdMath.js";
import { gammaGammaTotal } from "./gammaGammaMath.js";
import { readRepeatBuyers, readSummary } from "./input.js";
import { mbgNbdTotal } from "./mbgNbdMath.js";
import { paretoNbdTotal, paretoStructure } from "./paretoNbdTotal.js";
import { sbgTotal } from "./sbgMath.js";

type Total = (theta: readonly number[], gradient?: number[]) => number;

/** Largest relative gap between the analytic gradient and 4-point central differences. */
function gradientGap(total: Total, theta: readonly number[]): number {
  const analytic = theta.map(() => 0);
  total(theta, analytic);
  let gap = 0;
  theta.forEach((t, j) => {
    const h = 1e-4 * t;
    const at = (k: number) => total(theta.map((v, i) => (i === j ? v + k * h : v)));
    const numeric = (8 * (at(1) - at(-1)) - (at(2) - at(-2))) / (12 * h);
    gap = Math.max(gap, Math.abs(analytic[j]! - numeric) / Math.max(1, Math.abs(numeric)));
  });
  return gap;
}

const summary = readSummary(
  [...simulateBgNbd(11, 400, { r: 0.5, alpha: 6, a: 0.8, b: 2.5 }), { frequency: 40, recency: 30, T: 31 }],
  "test",
);

describe("analytic gradients agree with central differences", () => {
  // Fourth-order differences with h = 1e-4 theta are exact to about 1e-9 here.
  it("BG/NBD and MBG/NBD", () => {
    for (const theta of [
      [0.3, 4, 0.7, 2],
      [2, 20, 0.05, 8],
    ]) {
      expect(gradientGap((t, g) => bgNbdTotal(t, summary, g), theta)).toBeLessThan(1e-7);
      expect(gradientGap((t, g) => mbgNbdTotal(t, summary, g), theta)).toBeLessThan(1e-7);
    }
  });

  it("Pareto/NBD, with alpha and beta close and far apart", () => {
    const structure = paretoStructure(summary);
    for (const theta of [
      [0.55, 10.6, 0.6, 11.7],
      [3, 150, 2.6, 4400],
      [0.5, 0.01, 0.6, 100],
    ]) {
      expect(gradientGap((t, g) => paretoNbdTotal(t, summary, structure, g), theta)).toBeLessThan(1e-7);
    }
  });

  it("Gamma-Gamma", () => {
    const { x, zbar } = readRepeatBuyers(simulateGammaGamma(3, 300, { p: 6, q: 4, v: 15 }), "test");
    expect(gradientGap((t, g) => gammaGammaTotal(t, x, zbar, g), [2, 3, 10])).toBeLessThan(1e-7);
  });

  it("BG/BB and sBG", () => {
    const rows = readBgBbRows(
      simulateBgBb(5, 500, { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 }, 9),
      "test",
    );
    expect(gradientGap((t, g) => bgBbTotal(t, rows, g), [0.8, 1.1, 0.4, 3.5])).toBeLessThan(1e-7);
    const cohorts = [
      [1000, 631, 468, 382, 326, 289, 262, 241],
      [500, 400, 350, 300],
    ];
    expect(gradientGap((t, g) => sbgTotal(t, cohorts, g), [0.5, 2])).toBeLessThan(1e-7);
  });
});
