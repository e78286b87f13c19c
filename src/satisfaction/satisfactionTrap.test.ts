import { describe, expect, it } from "vitest";
import { caught, countingGets, deepFreeze, expectClose } from "../../test/satisfactionHelpers.js";
import { satisfactionCase } from "./satisfactionCase.js";
import { satisfactionTrap } from "./satisfactionTrap.js";

// The source's two-customer story: A is the high-value customer (K = 9), B the low-value
// one (K = 1). Plain index = (A + B)/2; value-weighted index = (9A + B)/10.
const values = deepFreeze({ A: 9, B: 1 });
const wave = (a: number, b: number) =>
  deepFreeze([
    { customerId: "A", scores: { overall: a } },
    { customerId: "B", scores: { overall: b } },
  ]);

describe("satisfactionTrap: the two-customer story", () => {
  it("reports false comfort: plain index up while the high-value customer falls (case VI)", () => {
    // A: 8 → 6 (dA = −2), B: 5 → 9 (dB = +4)
    // plain: 6.5 → 7.5 (+1); weighted: (72 + 5)/10 = 7.7 → (54 + 9)/10 = 6.3 (−1.4)
    const r = satisfactionTrap(wave(8, 5), wave(6, 9), values);
    expectClose(r.unweightedChange, 1);
    expectClose(r.weightedChange, -1.4);
    expect(r.kind).toBe("false-comfort");
    expect(r.isTrap).toBe(true);
    expectClose(r.before.weighted, 7.7);
    expectClose(r.after.weighted, 6.3);
    expect(satisfactionCase({ highValueChange: -2, lowValueChange: 4 })).toBe("VI");
  });

  it("reads one Map of values for both waves, each in step with its own respondents", () => {
    // The Map in the waves' order: each wave reads it from its first entry, with no `get`
    // (a reading shared by the waves would be out of step in the second: two `get`s).
    const map = new Map([
      ["A", 9],
      ["B", 1],
    ]);
    const { result: r, gets } = countingGets(map, () => satisfactionTrap(wave(8, 5), wave(6, 9), map));
    expectClose(r.before.weighted, 7.7); // (9·8 + 1·5) / 10
    expectClose(r.after.weighted, 6.3); // (9·6 + 1·9) / 10
    expect(gets).toBe(0);
  });

  it("reports the mirror case as a false alarm (case IV)", () => {
    // A: 6 → 8 (+2), B: 9 → 5 (−4); plain 7.5 → 6.5 (−1); weighted 6.3 → 7.7 (+1.4)
    const r = satisfactionTrap(wave(6, 9), wave(8, 5), values);
    expectClose(r.unweightedChange, -1);
    expectClose(r.weightedChange, 1.4);
    expect(r.kind).toBe("false-alarm");
    expect(r.isTrap).toBe(true);
    expect(satisfactionCase({ highValueChange: 2, lowValueChange: -4 })).toBe("IV");
  });

  // The other four cases: [A before, B before, A after, B after, case, plain Δ, weighted Δ]
  it.each([
    // I: A 6 → 7, B 5 → 8: plain 5.5 → 7.5; weighted 5.9 → 7.1
    [6, 5, 7, 8, "I", 2, 1.2],
    // II: A 7 → 6, B 8 → 5: plain 7.5 → 5.5; weighted 7.1 → 5.9
    [7, 8, 6, 5, "II", -2, -1.2],
    // III: A 5 → 8, B 9 → 7: plain 7 → 7.5; weighted 5.4 → 7.9
    [5, 9, 8, 7, "III", 0.5, 2.5],
    // V: A 8 → 5, B 6 → 8: plain 7 → 6.5; weighted 7.8 → 5.3
    [8, 6, 5, 8, "V", -0.5, -2.5],
  ] as const)("A %d, B %d → A %d, B %d is case %s and consistent", (a0, b0, a1, b1, kase, du, dw) => {
    const r = satisfactionTrap(wave(a0, b0), wave(a1, b1), values);
    expectClose(r.unweightedChange, du);
    expectClose(r.weightedChange, dw);
    expect(r.kind).toBe("consistent");
    expect(r.isTrap).toBe(false);
    expect(satisfactionCase({ highValueChange: a1 - a0, lowValueChange: b1 - b0 })).toBe(kase);
  });

  it("reports no change, and treats small changes as none under a tolerance", () => {
    expect(satisfactionTrap(wave(7, 7), wave(7, 7), values).kind).toBe("no-change");
    // A 8 → 7.9, B 5 → 5.3: plain +0.1, weighted (−0.9 + 0.3)/10 = −0.06
    expect(satisfactionTrap(wave(8, 5), wave(7.9, 5.3), values).kind).toBe("false-comfort");
    expect(satisfactionTrap(wave(8, 5), wave(7.9, 5.3), values, { tolerance: 0.05 }).kind).toBe(
      "false-comfort",
    );
    // |−0.06| <= 0.08 < 0.1: only the plain index moves → consistent (not a trap)
    expect(satisfactionTrap(wave(8, 5), wave(7.9, 5.3), values, { tolerance: 0.08 }).kind).toBe("consistent");
    expect(satisfactionTrap(wave(8, 5), wave(7.9, 5.3), values, { tolerance: 0.2 }).kind).toBe("no-change");
  });
});

describe("satisfactionTrap: indicators and groups", () => {
  const values2 = { A: 9, B: 1, C: 9, D: 1 };
  const before = deepFreeze([
    { customerId: "A", scores: { q: 8, p: 5 } },
    { customerId: "B", scores: { q: 5, p: 5 } },
    { customerId: "C", scores: { q: 6, p: 5, extra: 3 } },
    { customerId: "D", scores: { q: 6, p: 5 } },
  ]);
  const after = deepFreeze([
    { customerId: "A", scores: { q: 6, p: 6 } },
    { customerId: "B", scores: { q: 9, p: 6 } },
    { customerId: "C", scores: { q: 7, p: 6 } },
    { customerId: "D", scores: { q: 7, p: 6 } },
  ]);
  const region = new Map([
    ["A", "North"],
    ["B", "North"],
    ["C", "South"],
    ["D", "South"],
  ]);

  it("compares each indicator answered in both waves and each group", () => {
    const r = satisfactionTrap(before, after, values2, { groupBy: region });
    expect(Object.keys(r.indicators)).toEqual(["q", "p"]); // "extra" only in the first wave
    expect(r.indicators.q!.kind).toBe("false-comfort"); // North's story plus South's +1 for both
    expect(r.indicators.p!.kind).toBe("consistent"); // everybody +1
    // North: plain (8+5)/2 = 6.5 → (6+9)/2 = 7.5 (p: 5 → 6), index = mean of q and p:
    // before (6.5 + 5)/2 = 5.75, after (7.5 + 6)/2 = 6.75 → +1
    // weighted q 7.7 → 6.3, p 5 → 6: before 6.35, after 6.15 → −0.2
    expect(r.groups!.map((g) => g.group)).toEqual(["North", "South"]);
    const [north, south] = r.groups!;
    expectClose(north!.unweightedChange!, 1);
    expectClose(north!.weightedChange!, -0.2);
    expect(north!.kind).toBe("false-comfort");
    expect(south!.kind).toBe("consistent");
  });

  it("names the wave in errors", () => {
    const err = caught(() =>
      satisfactionTrap(before, [...after, { customerId: "A", scores: { q: 1 } }], values2),
    );
    expect(err.code).toBe("DUPLICATE_ID");
    expect(err.issues[0]!.path).toBe("after[4].customerId");
    expect(caught(() => satisfactionTrap([], after, values2)).code).toBe("EMPTY_INPUT");
    expect(caught(() => satisfactionTrap(before, after, { ...values2, D: -1 })).code).toBe("NEGATIVE_VALUE");
    expect(
      caught(() =>
        satisfactionTrap(
          [{ customerId: "A", scores: { x: 1 } }],
          [{ customerId: "A", scores: { y: 1 } }],
          values2,
        ),
      ).code,
    ).toBe("EMPTY_INPUT");
    expect(caught(() => satisfactionTrap(before, after, values2, { tolerance: -1 })).code).toBe(
      "INVALID_OPTION",
    );
  });
});
