import { describe, expect, it } from "vitest";
import { caught, countingGets, deepFreeze, expectClose } from "../../test/satisfactionHelpers.js";
import { valueWeightedSatisfaction } from "./valueWeightedSatisfaction.js";

// A three-respondent survey worked out by hand.
//   K = (1, 2, 1), sum K = 4, K_o (mean) = 4/3
//   quality  = (4, 8, 6)       delivery = (5, skipped, 9)
const responses = deepFreeze([
  { customerId: "a", scores: { quality: 4, delivery: 5 } },
  { customerId: "b", scores: { quality: 8, delivery: null } },
  { customerId: "c", scores: { quality: 6, delivery: 9 } },
]);
const values = deepFreeze({ a: 1, b: 2, c: 1 });
const Z975 = 1.959963984540054; // R: qnorm(0.975)

describe("valueWeightedSatisfaction: hand-computed survey", () => {
  const r = valueWeightedSatisfaction(responses, values);
  const quality = r.indicators.quality!;
  const delivery = r.indicators.delivery!;

  it("computes plain, weighted and adjusted means", () => {
    expect(r.reference).toBe(4 / 3);
    expect(quality.n).toBe(3);
    expectClose(quality.unweighted, 6); // (4 + 8 + 6) / 3
    expectClose(quality.weighted, 6.5); // (1·4 + 2·8 + 1·6) / 4 = 26 / 4
    // factors K_i/K_o = 0.75, 1.5, 0.75 → D' = 3, 12, 4.5 → mean 19.5 / 3 = 6.5
    expectClose(quality.adjustedMean, 6.5);
    expectClose(quality.adjustedMax, 12);
    expect(quality.adjustedAboveScale).toBeNull(); // no scale declared
    expectClose(quality.effectiveN, 16 / 6); // (1+2+1)^2 / (1+4+1)
    expectClose(quality.valueTotal, 4);
    // delivery: answered by a (K=1, 5) and c (K=1, 9)
    expect(delivery.n).toBe(2);
    expectClose(delivery.unweighted, 7);
    expectClose(delivery.weighted, 7);
    // K_o stays the survey's 4/3: D' = 0.75·5, 0.75·9 → mean 5.25 (≠ weighted with a skip)
    expectClose(delivery.adjustedMean, 5.25);
  });

  it("computes linearization standard errors as svymean(na.rm = TRUE) does", () => {
    // weighted quality: u_i = K_i (D_i − 6.5) / 4 = −0.625, 0.75, −0.125; Σu² = 0.96875
    // Var = N/(N−1) Σu² = 1.5 · 0.96875 = 1.453125
    expectClose(quality.weightedStandardError, Math.sqrt(1.453125));
    // plain quality: s² = (4 + 4 + 0)/2 = 4 → SE = 2/√3
    expectClose(quality.unweightedStandardError, 2 / Math.sqrt(3));
    // weighted delivery: u = (−1, 0 [skipped], 1), N = 3 respondents → Var = 1.5 · 2 = 3
    expectClose(delivery.weightedStandardError, Math.sqrt(3));
    // 95% normal interval: mean ± qnorm(0.975) SE
    expectClose(quality.weightedInterval!.lower, 6.5 - Z975 * Math.sqrt(1.453125));
    expectClose(quality.weightedInterval!.upper, 6.5 + Z975 * Math.sqrt(1.453125));
    expectClose(quality.unweightedInterval!.upper, 6 + Z975 * (2 / Math.sqrt(3)));
    expect(r.interval).toEqual({ method: "normal", confidence: 0.95, replicates: null, seed: null });
  });

  it("combines the indicators into the index, with its standard error", () => {
    expectClose(r.index.unweighted, 6.5); // (6 + 7) / 2
    expectClose(r.index.weighted, 6.75); // (6.5 + 7) / 2
    // z_i = ½ u_quality + ½ u_delivery = −0.8125, 0.375, 0.4375; Σz² = 0.9921875
    expectClose(r.index.weightedStandardError, Math.sqrt(1.5 * 0.9921875));
    expect({ ...r.index.weights }).toEqual({ quality: 0.5, delivery: 0.5 });
    expect(r.respondents).toBe(3);
    expectClose(r.valueTotal, 4);
    expectClose(r.effectiveN, 16 / 6);
  });

  it("reports each respondent's adjusted scores", () => {
    expect(r.adjusted.map((a) => a.customerId)).toEqual(["a", "b", "c"]);
    expectClose(r.adjusted[1]!.factor, 1.5);
    expectClose(r.adjusted[1]!.scores.quality!, 12);
    expect(r.adjusted[1]!.scores.delivery).toBeNull();
    expect(r.skipped).toEqual([]);
    expect(r.groups).toBeNull();
  });

  it("is a plain serialisable result", () => {
    const json = JSON.parse(JSON.stringify(r));
    expect(json.indicators.quality.n).toBe(3);
    expect(json.index.weights).toEqual({ quality: 0.5, delivery: 0.5 });
  });
});

describe('valueWeightedSatisfaction: adjustedAs "columns"', () => {
  // The hand-computed survey above: factors K_i/K_o = 1/(4/3), 2/(4/3), 1/(4/3) = 0.75, 1.5, 0.75;
  // quality D' = 0.75·4, 1.5·8, 0.75·6 = 3, 12, 4.5; delivery D' = 0.75·5, (skipped), 0.75·9 = 3.75, NaN, 6.75.
  const r = valueWeightedSatisfaction(responses, values, { adjustedAs: "columns" });

  it("returns the adjusted scores as typed columns, NaN where a score was skipped", () => {
    const columns = r.adjustedColumns!;
    expect(columns.customerIds).toEqual(["a", "b", "c"]);
    expect(columns.factor).toBeInstanceOf(Float64Array);
    expect([...columns.factor]).toEqual([0.75, 1.5, 0.75]);
    expect(Object.keys(columns.scores)).toEqual(["quality", "delivery"]);
    expect([...columns.scores.quality!]).toEqual([3, 12, 4.5]);
    expect([...columns.scores.delivery!]).toEqual([3.75, Number.NaN, 6.75]);
    expect(Object.getPrototypeOf(Object.getPrototypeOf(columns.scores))).toBeNull(); // inherits nothing
  });

  it("reports the same estimates as rows do, and makes the rows only when read", () => {
    const rows = valueWeightedSatisfaction(responses, values);
    expect(rows.adjustedColumns).toBeNull();
    const { adjusted: _a, adjustedColumns: _c, ...rest } = r;
    const { adjusted: _b, adjustedColumns: _d, ...restRows } = rows;
    expect(rest).toEqual(restRows);
    const fresh = valueWeightedSatisfaction(responses, values, { adjustedAs: "columns" });
    const descriptor = Object.getOwnPropertyDescriptor(fresh, "adjusted")!;
    expect(descriptor.get).toBeTypeOf("function"); // an accessor, not yet rows
    expect(descriptor.enumerable).toBe(true);
    expect(r.adjusted).toEqual(rows.adjusted); // rows: b's delivery null, as above
    expect(r.adjusted[1]!.scores.delivery).toBeNull();
    expect(r.adjusted).toBe(r.adjusted); // made once
    expect(Object.keys(r)).toEqual(Object.keys(rows)); // same keys, same order
    expect(JSON.parse(JSON.stringify(r)).adjusted).toEqual(JSON.parse(JSON.stringify(rows.adjusted)));
  });

  it("becomes a plain property once read or assigned", () => {
    const s = valueWeightedSatisfaction(responses, values, { adjustedAs: "columns" });
    const rows = s.adjusted;
    expect(Object.getOwnPropertyDescriptor(s, "adjusted")).toEqual({
      value: rows,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    const t = valueWeightedSatisfaction(responses, values, { adjustedAs: "columns" });
    (t as { adjusted: unknown }).adjusted = null; // what is assigned is what is read
    expect(t.adjusted).toBeNull();
    expect(Object.keys(t)).toEqual(Object.keys(s));
    delete (t as { adjusted?: unknown }).adjusted;
    expect("adjusted" in t).toBe(false);
  });

  it("still makes the rows on a frozen result, which refuses an assignment", () => {
    const s = Object.freeze(valueWeightedSatisfaction(responses, values, { adjustedAs: "columns" }));
    expect(s.adjusted.map((row) => row.customerId)).toEqual(["a", "b", "c"]);
    expect(s.adjusted).toBe(s.adjusted);
    expect(() => {
      (s as { adjusted: unknown }).adjusted = [];
    }).toThrow(TypeError);
    expect(s.adjusted).toHaveLength(3);
  });

  it("gives every group its own columns, in the group's respondent order", () => {
    const groupOf = new Map([
      ["a", "x"],
      ["b", "y"],
      ["c", "x"],
    ]);
    const s = valueWeightedSatisfaction(responses, values, { adjustedAs: "columns", groupBy: groupOf });
    const x = s.groups![0]!;
    expect(x.group).toBe("x");
    expect(x.adjustedColumns!.customerIds).toEqual(["a", "c"]);
    expect([...x.adjustedColumns!.factor]).toEqual([0.75, 0.75]); // the survey's K_o in groups too
    expect([...x.adjustedColumns!.scores.quality!]).toEqual([3, 4.5]);
    expect(x.adjusted.map((row) => row.customerId)).toEqual(["a", "c"]);
    expect(s.adjustedColumns!.customerIds).toEqual(["a", "b", "c"]);
    const rows = valueWeightedSatisfaction(responses, values, { groupBy: groupOf });
    expect(s.groups!.map((g) => g.adjusted)).toEqual(rows.groups!.map((g) => g.adjusted));
  });

  it("leaves skipped respondents out of the columns", () => {
    // c has no value and is skipped: K = (1, 2), K_o = 1.5, factors 2/3 and 4/3.
    const s = valueWeightedSatisfaction(
      responses,
      { a: 1, b: 2 },
      { adjustedAs: "columns", missingValue: "skip" },
    );
    expect(s.adjustedColumns!.customerIds).toEqual(["a", "b"]);
    expectClose(s.adjustedColumns!.factor[0]!, 2 / 3);
    expectClose(s.adjustedColumns!.scores.quality![1]!, (4 / 3) * 8);
    expect(s.skipped).toEqual([{ customerId: "c", reason: "no-value" }]);
  });

  it("rejects any other adjustedAs", () => {
    expect(
      caught(() => valueWeightedSatisfaction(responses, values, { adjustedAs: "table" as "rows" })),
    ).toMatchObject({
      code: "INVALID_OPTION",
    });
  });
});

describe("valueWeightedSatisfaction: options", () => {
  it('reference "min" inflates adjusted scores past the scale and says so', () => {
    const r = valueWeightedSatisfaction(responses, values, { reference: "min", scale: [1, 10] });
    expect(r.reference).toBe(1);
    // D' = K_i · D_i = 4, 16, 6 → mean 26/3; 16 > 10 is reported, not clipped
    expectClose(r.indicators.quality!.adjustedMean, 26 / 3);
    expectClose(r.indicators.quality!.adjustedMax, 16);
    expect(r.indicators.quality!.adjustedAboveScale).toBe(1);
    expectClose(r.indicators.quality!.weighted, 6.5); // K_o never changes the weighted mean
  });

  it("accepts a numeric reference", () => {
    const r = valueWeightedSatisfaction(responses, values, { reference: 2 });
    expect(r.adjusted.map((a) => a.factor)).toEqual([0.5, 1, 0.5]);
  });

  it("uses indicator weights, a Map of values and a function of values alike", () => {
    const weights = { quality: 3, delivery: 1 };
    const fromRecord = valueWeightedSatisfaction(responses, values, { indicatorWeights: weights });
    // weighted: (3·6.5 + 1·7)/4 = 6.625; plain: (3·6 + 7)/4 = 6.25
    expectClose(fromRecord.index.weighted, 6.625);
    expectClose(fromRecord.index.unweighted, 6.25);
    const fromMap = valueWeightedSatisfaction(responses, new Map(Object.entries(values)), {
      indicatorWeights: new Map(Object.entries(weights)),
    });
    const fromFunction = valueWeightedSatisfaction(
      responses,
      (id) => (values as Record<string, number>)[id],
      {
        indicatorWeights: weights,
      },
    );
    expect(fromMap).toEqual(fromRecord);
    expect(fromFunction).toEqual(fromRecord);
  });

  it("reads a Map of values in any order, in step with the respondents or not", () => {
    // Every order gives K = (a 1, b 2, c 1), as the hand-computed survey above: quality
    // weighted (1·4 + 2·8 + 1·6) / 4 = 6.5, factors K / (4/3) = 0.75, 1.5, 0.75. The Map is
    // read in its own order while its keys follow the respondents (a, b, c), then by `get`
    // from the first respondent out of step on: the expected `get` counts.
    const orders: [[string, number][], number][] = [
      [
        [
          ["a", 1],
          ["b", 2],
          ["c", 1],
        ],
        0,
      ], // in step throughout
      [
        [
          ["c", 1],
          ["b", 2],
          ["a", 1],
        ],
        3,
      ], // out of step at once
      [
        [
          ["a", 1],
          ["b", 2],
          ["x", 50],
          ["c", 1],
        ],
        1,
      ], // in step for a and b, then "x": c looked up
      [
        [
          ["a", 1],
          ["c", 1],
          ["b", 2],
        ],
        2,
      ], // in step for a only
      [
        [
          ["a", 1],
          ["b", 2],
          ["c", 1],
          ["z", 70],
        ],
        0,
      ], // in step, with an entry nobody answers
    ];
    for (const [entries, expectedGets] of orders) {
      const map = new Map(entries);
      const { result: r, gets } = countingGets(map, () => valueWeightedSatisfaction(responses, map));
      expectClose(r.indicators.quality!.weighted, 6.5);
      expect(r.adjusted.map((x) => x.factor)).toEqual([0.75, 1.5, 0.75]);
      expect(gets).toBe(expectedGets);
    }
    // A respondent missing from a Map that is in step before it: "b" skipped (looked up,
    // absent), then c looked up too. K = (a 1, c 3): quality weighted (1·4 + 3·6) / 4 = 5.5.
    const map = new Map([
      ["a", 1],
      ["c", 3],
    ]);
    const { result: skipping, gets } = countingGets(map, () =>
      valueWeightedSatisfaction(responses, map, { missingValue: "skip" }),
    );
    expect(skipping.skipped).toEqual([{ customerId: "b", reason: "no-value" }]);
    expectClose(skipping.indicators.quality!.weighted, 5.5);
    expect(gets).toBe(2);
  });

  it("uses a Map subclass's own get", () => {
    // get gives ten times the stored value: K = (10, 20, 10), sum 40 (4 stored), even
    // though the entries, in step with the respondents, hold 1, 2, 1
    class TenTimes extends Map<string, number> {
      override get(key: string): number | undefined {
        const v = super.get(key);
        return v === undefined ? undefined : 10 * v;
      }
    }
    const r = valueWeightedSatisfaction(
      responses,
      new TenTimes([
        ["a", 1],
        ["b", 2],
        ["c", 1],
      ]),
    );
    expect(r.valueTotal).toBe(40);
    expectClose(r.indicators.quality!.weighted, 6.5); // the weights' scale cancels
  });

  it("reports bad responses before touching a Map-like object that is not a Map", () => {
    // an object that passes `instanceof Map` but is not one: the responses' problem first
    const fake = Object.create(Map.prototype) as Map<string, number>;
    expect(caught(() => valueWeightedSatisfaction([], fake)).code).toBe("EMPTY_INPUT");
  });

  it("gives an indicator not named in indicatorWeights weight 0", () => {
    const r = valueWeightedSatisfaction(responses, values, { indicatorWeights: { delivery: 1 } });
    expectClose(r.index.weighted, 7);
    expect({ ...r.index.weights }).toEqual({ quality: 0, delivery: 1 });
  });

  it("reports only the chosen indicators, in the chosen order", () => {
    const r = valueWeightedSatisfaction(responses, values, { indicators: ["delivery", "price"] });
    expect(Object.keys(r.indicators)).toEqual(["delivery", "price"]);
    expect(r.indicators.price).toMatchObject({ n: 0, unweighted: null, weighted: null, adjustedMean: null });
    expectClose(r.index.weighted, 7); // price has no answers: its weight goes to delivery
  });

  it("skips respondents without a value when asked, and lists them", () => {
    const r = valueWeightedSatisfaction(responses, { a: 1, c: 1 }, { missingValue: "skip" });
    expect(r.skipped).toEqual([{ customerId: "b", reason: "no-value" }]);
    expect(r.respondents).toBe(2);
    expectClose(r.indicators.quality!.weighted, 5); // (4 + 6)/2
    // K_o over the kept respondents only: with values 1 and 3, mean 2 (not (1 + 3 + 0) / 3)
    const uneven = valueWeightedSatisfaction(responses, { a: 1, c: 3 }, { missingValue: "skip" });
    expect(uneven.reference).toBe(2);
    expect(uneven.valueTotal).toBe(4);
    expect(uneven.adjusted.map((x) => [x.customerId, x.factor])).toEqual([
      ["a", 0.5],
      ["c", 1.5],
    ]);
  });

  it("treats a respondent of value 0 as answering but weighing nothing", () => {
    const r = valueWeightedSatisfaction(responses, { a: 1, b: 0, c: 1 });
    expect(r.indicators.quality!.n).toBe(3);
    expectClose(r.indicators.quality!.unweighted, 6);
    expectClose(r.indicators.quality!.weighted, 5);
  });

  it("makes means null when nobody with a value > 0 answered", () => {
    const r = valueWeightedSatisfaction(
      [
        { customerId: "a", scores: { q: 4, d: null } },
        { customerId: "b", scores: { q: 6, d: 9 } },
      ],
      { a: 1, b: 0 },
    );
    expect(r.indicators.d).toMatchObject({ n: 1, unweighted: 9, weighted: null, effectiveN: null });
    expect(r.indicators.d!.unweightedStandardError).toBeNull(); // only one answer
    expect(r.indicators.d!.unweightedInterval).toBeNull();
    expectClose(r.index.weighted, 4); // only q has a weighted mean
    expectClose(r.index.unweighted, 7); // q: (4 + 6)/2 = 5, d: 9 → (5 + 9)/2
  });

  it("keeps means on the scale when every score is the maximum", () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ customerId: `c${i}`, scores: { q: 10 } }));
    const r = valueWeightedSatisfaction(many, (id) => 0.1 * (1 + Number(id.slice(1))), { scale: [1, 10] });
    expect(r.indicators.q!.weighted).toBe(10);
    expect(r.indicators.q!.unweighted).toBe(10);
  });

  it("works with hostile customer ids and indicator names", () => {
    const hostile = JSON.parse(
      '[{"customerId":"__proto__","scores":{"__proto__":4,"constructor":7}},' +
        '{"customerId":"constructor","scores":{"__proto__":8,"constructor":5}}]',
    );
    const hostileValues = JSON.parse('{"__proto__":1,"constructor":3}');
    const r = valueWeightedSatisfaction(hostile, hostileValues);
    expect(Object.keys(r.indicators)).toEqual(["__proto__", "constructor"]);
    const protoKey = "__proto__"; // a variable: the name is data here, not the accessor
    expectClose(r.indicators[protoKey]!.weighted, 7); // (1·4 + 3·8)/4
    expectClose(r.indicators["constructor"]!.weighted, 5.5); // (1·7 + 3·5)/4
    expect(r.adjusted[0]!.customerId).toBe("__proto__");
    expect(Object.keys(r.adjusted[0]!.scores)).toEqual(["__proto__", "constructor"]);
    expect(r.indicators["toString"]).toBeUndefined(); // nothing is inherited
    expect(r.index.weights["hasOwnProperty"]).toBeUndefined();
    // A plain object without an own "toString" value: the inherited method is not a value.
    const err = caught(() => valueWeightedSatisfaction([{ customerId: "toString", scores: { q: 1 } }], {}));
    expect(err.code).toBe("MISSING_VALUE");
  });
});

describe("valueWeightedSatisfaction: groups", () => {
  const survey = deepFreeze([
    { customerId: "a", scores: { q: 4 } },
    { customerId: "b", scores: { q: 8 } },
    { customerId: "c", scores: { q: 6 } },
    { customerId: "d", scores: { q: 10 } },
  ]);
  const k = { a: 1, b: 3, c: 2, d: 2 };
  const customers = deepFreeze([
    { id: "a", segment: "retail", region: "North" },
    { id: "b", segment: "retail", region: "South" },
    { id: "c", segment: "enterprise", region: "North" },
    { id: "d", segment: "enterprise" },
  ]);

  it("reports each segment like a survey of its own, with the survey's K_o", () => {
    const r = valueWeightedSatisfaction(survey, k, { groupBy: "segment", customers });
    expect(r.groups!.map((g) => g.group)).toEqual(["enterprise", "retail"]);
    const [enterprise, retail] = r.groups!;
    expectClose(retail!.indicators.q!.weighted, 7); // (1·4 + 3·8)/4
    expectClose(enterprise!.indicators.q!.weighted, 8); // (2·6 + 2·10)/4
    expect(retail!.respondents).toBe(2);
    expect(retail!.reference).toBe(2); // survey mean (1+3+2+2)/4
    expectClose(retail!.indicators.q!.adjustedMean, 7); // D' = 0.5·4, 1.5·8 → (2 + 12)/2
    expectClose(r.indicators.q!.weighted, 7.5); // whole survey: 60/8
  });

  it("groups by a function or a Map, and needs a group for everyone", () => {
    const byFunction = valueWeightedSatisfaction(survey, k, { groupBy: (id) => (id < "c" ? "x" : "y") });
    const byMap = valueWeightedSatisfaction(survey, k, {
      groupBy: new Map([
        ["a", "x"],
        ["b", "x"],
        ["c", "y"],
        ["d", "y"],
      ]),
    });
    expect(byMap).toEqual(byFunction);
    const err = caught(() => valueWeightedSatisfaction(survey, k, { groupBy: "region", customers }));
    expect(err.code).toBe("MISSING_VALUE");
    expect(err.issues).toEqual([{ path: "responses[3]", message: 'no group for respondent "d"' }]);
    const skipped = valueWeightedSatisfaction(survey, k, {
      groupBy: "region",
      customers,
      missingValue: "skip",
    });
    expect(skipped.skipped).toEqual([{ customerId: "d", reason: "no-group" }]);
    expect(skipped.groups!.map((g) => [g.group, g.respondents])).toEqual([
      ["North", 2],
      ["South", 1],
    ]);
  });

  it('needs customers for groupBy "segment"', () => {
    expect(caught(() => valueWeightedSatisfaction(survey, k, { groupBy: "segment" })).code).toBe(
      "INVALID_OPTION",
    );
  });
});

describe("valueWeightedSatisfaction: bootstrap intervals", () => {
  const survey = Array.from({ length: 200 }, (_, i) => ({
    customerId: `c${i}`,
    scores: { q: 1 + ((i * 7) % 10), d: i % 13 === 0 ? null : 1 + ((i * 3) % 10) },
  }));
  const k = (id: string) => 1 + (Number(id.slice(1)) % 17);

  it("is reproducible with a seed and changes with the seed", () => {
    const options = { interval: "bootstrap", bootstrap: { replicates: 400, seed: 7 } } as const;
    const first = valueWeightedSatisfaction(survey, k, options);
    const again = valueWeightedSatisfaction(survey, k, options);
    const other = valueWeightedSatisfaction(survey, k, {
      ...options,
      bootstrap: { replicates: 400, seed: 8 },
    });
    expect(again).toEqual(first);
    expect(other.indicators.q!.weightedInterval).not.toEqual(first.indicators.q!.weightedInterval);
    expect(first.interval).toEqual({ method: "bootstrap", confidence: 0.95, replicates: 400, seed: 7 });
  });

  it("brackets the estimate and roughly matches the normal interval", () => {
    const boot = valueWeightedSatisfaction(survey, k, {
      interval: "bootstrap",
      bootstrap: { replicates: 2000 },
    });
    const normal = valueWeightedSatisfaction(survey, k);
    for (const name of ["q", "d"]) {
      const b = boot.indicators[name]!;
      const n = normal.indicators[name]!;
      expect(b.weightedInterval!.lower).toBeLessThan(b.weighted!);
      expect(b.weightedInterval!.upper).toBeGreaterThan(b.weighted!);
      const widthBoot = b.weightedInterval!.upper - b.weightedInterval!.lower;
      const widthNormal = n.weightedInterval!.upper - n.weightedInterval!.lower;
      expect(Math.abs(widthBoot / widthNormal - 1)).toBeLessThan(0.15);
    }
    expect(boot.index.weightedInterval!.lower).toBeLessThan(boot.index.weighted!);
    expect(boot.index.weightedInterval!.upper).toBeGreaterThan(boot.index.weighted!);
  });
});

describe("valueWeightedSatisfaction: bad input", () => {
  const ok = [{ customerId: "a", scores: { q: 5 } }];
  const cases: [string, () => unknown, string][] = [
    ["a negative value", () => valueWeightedSatisfaction(ok, { a: -1 }), "NEGATIVE_VALUE"],
    ["all values zero", () => valueWeightedSatisfaction(responses, { a: 0, b: 0, c: 0 }), "ZERO_TOTAL"],
    [
      'reference "min" with a zero minimum',
      () => valueWeightedSatisfaction(responses, { a: 0, b: 2, c: 1 }, { reference: "min" }),
      "ZERO_REFERENCE",
    ],
    [
      "a respondent without a value",
      () => valueWeightedSatisfaction(responses, { a: 1, c: 1 }),
      "MISSING_VALUE",
    ],
    [
      "a score outside the scale",
      () => valueWeightedSatisfaction(responses, values, { scale: [1, 7] }),
      "OUT_OF_SCALE",
    ],
    [
      "a weight for an unknown indicator",
      () => valueWeightedSatisfaction(responses, values, { indicatorWeights: { qualty: 1 } }),
      "UNKNOWN_NAME",
    ],
    [
      "indicator weights summing to 0",
      () => valueWeightedSatisfaction(responses, values, { indicatorWeights: { quality: 0, delivery: 0 } }),
      "ZERO_WEIGHTS",
    ],
    [
      "a duplicate respondent",
      () => valueWeightedSatisfaction([...responses, { customerId: "a", scores: { quality: 1 } }], values),
      "DUPLICATE_ID",
    ],
    ["an empty survey", () => valueWeightedSatisfaction([], values), "EMPTY_INPUT"],
    [
      "everybody skipped",
      () => valueWeightedSatisfaction(responses, {}, { missingValue: "skip" }),
      "EMPTY_INPUT",
    ],
    ["a non-numeric value", () => valueWeightedSatisfaction(ok, { a: Number.NaN }), "INVALID_RECORD"],
    [
      "a malformed response",
      () => valueWeightedSatisfaction([{ customerId: "", scores: { q: "5" } }] as never, values),
      "INVALID_RECORD",
    ],
    [
      "a non-positive reference",
      () => valueWeightedSatisfaction(ok, { a: 1 }, { reference: 0 }),
      "INVALID_OPTION",
    ],
    ["a bad confidence", () => valueWeightedSatisfaction(ok, { a: 1 }, { confidence: 95 }), "INVALID_OPTION"],
    [
      "a negative weight",
      () => valueWeightedSatisfaction(ok, { a: 1 }, { indicatorWeights: { q: -1 } }),
      "INVALID_OPTION",
    ],
    ["a bad scale", () => valueWeightedSatisfaction(ok, { a: 1 }, { scale: [10, 1] }), "INVALID_OPTION"],
  ];
  it.each(cases)("%s", (_, run, code) => {
    const err = caught(run);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(/^valueWeightedSatisfaction: /);
  });

  it("lists every offending respondent at once, with its path", () => {
    const err = caught(() =>
      valueWeightedSatisfaction(
        [
          { customerId: "a", scores: { q: 11 } },
          { customerId: "b", scores: { q: 5, r: 0 } },
        ],
        { a: 1, b: 1 },
        { scale: [1, 10] },
      ),
    );
    expect(err.code).toBe("OUT_OF_SCALE");
    expect(err.issues.map((i) => i.path)).toEqual(['responses[0].scores["q"]', 'responses[1].scores["r"]']);
    const dup = caught(() =>
      valueWeightedSatisfaction(
        [
          { customerId: "a", scores: {} },
          { customerId: "a", scores: {} },
        ],
        { a: 1 },
      ),
    );
    expect(dup.issues).toEqual([
      { path: "responses[1].customerId", message: 'duplicate respondent "a" (first at responses[0])' },
    ]);
  });
});
