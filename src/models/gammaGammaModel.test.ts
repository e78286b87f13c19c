import { describe, expect, it } from "vitest";
import { expectClose } from "../../test/reference/models/helpers.js";
import reference from "../../test/reference/models/reference.json" with { type: "json" };
import { gammaGammaModel } from "./gammaGammaModel.js";

const [p, q, v] = reference.params.gammaGamma as [number, number, number];
const model = gammaGammaModel({ p, q, v });

describe("gammaGammaModel", () => {
  it("log-likelihood and conditional average value match mpmath to 1e-9", () => {
    reference.gammaGammaCases.forEach(([x, zbar], i) => {
      const c = Object.freeze({ frequency: x!, recency: 1, T: 2, monetaryValue: zbar! });
      const ref = reference.gammaGamma[i]!;
      expectClose(model.logLikelihoodOf([c]), ref.logLikelihood, 1e-9);
      expectClose(model.conditionalExpectedAverageValue(c), ref.conditionalExpectedAverageValue, 1e-12);
    });
  });

  it("by hand: E[Z | x = 2, zbar = 22.35] = p (v + 2 * 22.35) / (2p + q - 1)", () => {
    // 6.25 * (15.44 + 44.70) / (12.5 + 2.74) = 375.875 / 15.24 = 24.66371...
    expectClose(
      model.conditionalExpectedAverageValue({ frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 }),
      375.875 / 15.24,
      1e-14,
    );
  });

  it("gives the population mean p v / (q - 1) without repeat purchases", () => {
    // 6.25 * 15.44 / 2.74 = 96.5 / 2.74
    expectClose(model.expectedAverageValue!, 96.5 / 2.74, 1e-14);
    expectClose(
      model.conditionalExpectedAverageValue({ frequency: 0, recency: 0, T: 5 }),
      96.5 / 2.74,
      1e-14,
    );
    const heavy = gammaGammaModel({ p: 1, q: 0.8, v: 1 });
    expect(heavy.expectedAverageValue).toBeNull();
    expect(() => heavy.conditionalExpectedAverageValue({ frequency: 0, recency: 0, T: 5 })).toThrow(/q <= 1/);
  });

  it("requires a positive monetaryValue for repeat buyers", () => {
    expect(() => model.conditionalExpectedAverageValue({ frequency: 2, recency: 1, T: 3 })).toThrow(
      expect.objectContaining({ code: "INVALID_RECORD" }),
    );
  });
});
