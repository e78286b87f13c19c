import * as mathjs from "mathjs";
import { describe, expect, it } from "vitest";
import { compositeValueScore } from "./compositeValueScore.js";
import { caught as errorOf } from "../../test/support/errors.js";

const close = (actual: number, expected: number, rel = 1e-12) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

const records = Object.freeze(
  [
    { id: "A", profit: 100, growth: 0.1, violations: 0 },
    { id: "B", profit: 40, growth: 0.5, violations: 1 },
    { id: "C", profit: 70, growth: 0.3, violations: 3 },
    { id: "D", profit: 10, growth: 0.3, violations: 0 },
  ].map((r) => Object.freeze(r)),
);
const scoreOf = (rows: { id: string; score: number }[], id: string) => rows.find((r) => r.id === id)!.score;

describe("compositeValueScore: criteria", () => {
  it("weights min-max normalised criteria, violations as a penalty", () => {
    // profit minmax over [10, 100]: A 1, B 30/90, C 60/90, D 0.
    // violations lower: (max - x) / (max - min) over [0, 3]: A 1, B 2/3, C 0, D 1.
    // score = 0.7 profit + 0.3 violations:
    // A 0.7 + 0.3 = 1; B 0.23333 + 0.2 = 0.43333; C 0.46667 + 0 = 0.46667; D 0 + 0.3 = 0.3.
    const rows = compositeValueScore(records, {
      criteria: [
        { field: "profit", weight: 0.7 },
        { field: "violations", weight: 0.3, direction: "lower" },
      ],
    });
    close(scoreOf(rows, "A"), 1);
    close(scoreOf(rows, "B"), 0.7 * (30 / 90) + 0.3 * (2 / 3));
    close(scoreOf(rows, "C"), 0.7 * (60 / 90));
    close(scoreOf(rows, "D"), 0.3);
    expect(rows.map((r) => [r.id, r.rank])).toEqual([
      ["A", 1],
      ["C", 2],
      ["B", 3],
      ["D", 4],
    ]);
  });

  it("breaks exact ties by id ascending", () => {
    const rows = compositeValueScore(
      [
        { id: "b", v: 1 },
        { id: "a", v: 1 },
        { id: "c", v: 0 },
      ],
      { criteria: [{ field: "v", weight: 1 }] },
    );
    expect(rows).toEqual([
      { id: "a", score: 1, rank: 1 },
      { id: "b", score: 1, rank: 2 },
      { id: "c", score: 0, rank: 3 },
    ]);
  });

  it("z-scores with the sample standard deviation", () => {
    // profit 100, 40, 70, 10: mean 55; deviations 45, -15, 15, -45;
    // sample variance (2025 + 225 + 225 + 2025) / 3 = 1500; sd = sqrt(1500).
    const rows = compositeValueScore(records, {
      criteria: [{ field: "profit", weight: 1, normalize: "zscore" }],
    });
    close(scoreOf(rows, "A"), 45 / Math.sqrt(1500));
    close(scoreOf(rows, "D"), -45 / Math.sqrt(1500));
  });

  it("ranks with average ranks for ties, scaled to [0, 1]", () => {
    // growth 0.1, 0.5, 0.3, 0.3: ranks A 1, C and D 2.5, B 4 -> (rank - 1) / 3: A 0, C/D 0.5, B 1.
    const rows = compositeValueScore(records, {
      criteria: [{ field: "growth", weight: 1, normalize: "rank" }],
    });
    expect(rows.map((r) => [r.id, r.score])).toEqual([
      ["B", 1],
      ["C", 0.5],
      ["D", 0.5],
      ["A", 0],
    ]);
    // Lower is better: the order flips, ties stay tied.
    const lower = compositeValueScore(records, {
      criteria: [{ field: "growth", weight: 1, normalize: "rank", direction: "lower" }],
    });
    expect(lower.map((r) => [r.id, r.score])).toEqual([
      ["A", 1],
      ["C", 0.5],
      ["D", 0.5],
      ["B", 0],
    ]);
  });

  it("gives 0 to a criterion that cannot separate the records", () => {
    const same = [
      { id: "x", v: 5 },
      { id: "y", v: 5 },
    ];
    for (const normalize of ["minmax", "zscore", "rank"] as const) {
      expect(
        compositeValueScore(same, { criteria: [{ field: "v", weight: 1, normalize }] }).map((r) => r.score),
      ).toEqual([0, 0]);
    }
    expect(compositeValueScore([{ id: "x", v: 5 }], { criteria: [{ field: "v", weight: 1 }] })).toEqual([
      { id: "x", score: 0, rank: 1 },
    ]);
    expect(compositeValueScore([], { criteria: [{ field: "v", weight: 1 }] })).toEqual([]);
  });

  it("checks the weights: explicit, >= 0, summing to 1 unless normalizeWeights", () => {
    const e = errorOf(() =>
      compositeValueScore(records, {
        criteria: [
          { field: "profit", weight: 0.6 },
          { field: "growth", weight: 0.3 },
        ],
      }),
    );
    expect(e.code).toBe("INVALID_OPTION");
    expect(e.message).toMatch(/compositeValueScore: the weights must sum to 1/);
    const rows = compositeValueScore(records, {
      criteria: [
        { field: "profit", weight: 3 },
        { field: "growth", weight: 1 },
      ],
      normalizeWeights: true,
    });
    // D: profit 0, growth (0.3 - 0.1) / 0.4 = 0.5 -> 0.25 * 0.5 = 0.125.
    close(scoreOf(rows, "D"), 0.125);
    expect(
      errorOf(() => compositeValueScore(records, { criteria: [{ field: "profit", weight: -1 }] })).code,
    ).toBe("INVALID_OPTION");
    expect(errorOf(() => compositeValueScore(records, { criteria: [] })).code).toBe("INVALID_OPTION");
  });

  it("reports missing fields and ids", () => {
    const bad = [{ id: "A", profit: 1 }, { id: "B", profit: "2" }, { id: "C" }] as unknown as {
      id: string;
      profit: number;
    }[];
    const e = errorOf(() => compositeValueScore(bad, { criteria: [{ field: "profit", weight: 1 }] }));
    expect(e.code).toBe("INVALID_RECORD");
    expect(e.issues.map((i) => i.path)).toEqual(["[1].profit", "[2].profit"]);
    expect(
      errorOf(() => compositeValueScore(records, { criteria: [{ field: "nope" as "profit", weight: 1 }] }))
        .code,
    ).toBe("UNKNOWN_NAME");
    expect(
      errorOf(() =>
        compositeValueScore(
          [
            { id: "A", v: 1 },
            { id: "A", v: 2 },
          ],
          { criteria: [{ field: "v", weight: 1 }] },
        ),
      ).code,
    ).toBe("DUPLICATE_ID");
    // Ids from customerId or from a function; "__proto__" is an ordinary id.
    const rows = compositeValueScore(
      [
        { customerId: "__proto__", v: 1 },
        { customerId: "b", v: 2 },
      ],
      { criteria: [{ field: "v", weight: 1 }] },
    );
    expect(rows.map((r) => r.id)).toEqual(["b", "__proto__"]);
    const byFn = compositeValueScore(
      [{ key: 7, v: 1 }],
      { criteria: [{ field: "v", weight: 1 }] },
      { id: (r) => `k${r.key}` },
    );
    expect(byFn[0]!.id).toBe("k7");
  });
});

describe("compositeValueScore: formula", () => {
  it("evaluates arithmetic on the named fields", () => {
    // A: 0.6*100 + 0.4*0.1*100 - 2*0 = 64; B: 24 + 20 - 2 = 42; C: 42 + 12 - 6 = 48; D: 6 + 12 - 0 = 18.
    const rows = compositeValueScore(records, {
      formula: "0.6 * profit + 0.4 * (growth * 100) - 2 * violations",
    });
    expect(rows.map((r) => r.id)).toEqual(["A", "C", "B", "D"]);
    close(scoreOf(rows, "A"), 64);
    close(scoreOf(rows, "B"), 42);
    close(scoreOf(rows, "C"), 48);
    close(scoreOf(rows, "D"), 18);
  });

  it("allows unary signs, powers, implicit multiplication and the whitelisted functions", () => {
    // B: -(-40) + 1^2 + 2 * 0.5 + abs(-1) + max(40, 3) + min(1, 0.5) + sqrt(4) + log(exp(1)) = 40 + 1 + 1 + 1 + 40 + 0.5 + 2 + 1
    const rows = compositeValueScore([records[1]!], {
      formula:
        "-(-profit) + violations^2 + 2 growth + abs(-violations) + max(profit, 3) + min(violations, growth) + sqrt(4) + log(exp(1))",
    });
    close(rows[0]!.score, 86.5);
  });

  it("can normalise the fields first", () => {
    // minmax: profit A 1, D 0; violations A 0, C 1 -> A: 1 - 0 = 1; C: 60/90 - 1.
    const rows = compositeValueScore(records, { formula: "profit - violations", normalize: "minmax" });
    close(scoreOf(rows, "A"), 1);
    close(scoreOf(rows, "C"), 60 / 90 - 1);
  });

  const attacks = [
    "import({ pwned: 1 }, { override: true })",
    'evaluate("1 + 1")',
    'createUnit("foo")',
    'parse("1")',
    'compile("1")',
    "profit.constructor",
    'profit["constructor"]',
    'f = cos.constructor; f("return process")',
    "cos.constructor",
    "constructor",
    "__proto__",
    "f(x) = x",
    "profit = 1",
    "{ a: profit }",
    "[profit, growth]",
    "profit[1]",
    "'text'",
    '"text"',
    "true",
    "5 cm",
    "profit to cm",
    "profit > 1 ? profit : 0",
    "profit == 1",
    "profit % 2",
    "profit!",
    "profit'",
    "1:3",
    "profit; growth",
    "profit and growth",
    "pi * profit",
    "e",
    "Infinity",
    "NaN",
    "random()",
    "sin(profit)",
    'derivative("x^2", "x")',
    'simplify("x")',
    "resolve(profit)",
  ];

  it.each(attacks)("refuses %s with UNSAFE_FORMULA", (formula) => {
    const e = errorOf(() => compositeValueScore(records, { formula }));
    expect(e.code).toBe("UNSAFE_FORMULA");
    expect(e.message).toMatch(/^compositeValueScore: formula may only use/);
  });

  it("never ran the refused formulas (mathjs untouched)", () => {
    expect("pwned" in mathjs).toBe(false);
    expect(mathjs.evaluate("1 + 1")).toBe(2);
  });

  it("refuses what mathjs cannot even parse, before anything runs", () => {
    for (const formula of ['cos.constructor("return process")()', 'sqrt.constructor("return this")()']) {
      expect(errorOf(() => compositeValueScore(records, { formula })).code).toBe("INVALID_OPTION");
    }
  });

  it("names unknown fields and syntax errors separately", () => {
    expect(errorOf(() => compositeValueScore(records, { formula: "profti * 2" })).code).toBe("UNKNOWN_NAME");
    expect(errorOf(() => compositeValueScore(records, { formula: "profit +" })).code).toBe("INVALID_OPTION");
    expect(errorOf(() => compositeValueScore(records, { formula: "" })).code).toBe("INVALID_OPTION");
    expect(errorOf(() => compositeValueScore(records, { formula: "id" })).code).toBe("UNKNOWN_NAME"); // a string field
    expect(
      errorOf(() => compositeValueScore(records, { formula: "profit" } as never, { id: 3 as never })).code,
    ).toBe("INVALID_OPTION");
    expect(
      errorOf(() => compositeValueScore(records, { formula: "profit", criteria: [] } as never)).code,
    ).toBe("INVALID_OPTION");
  });

  it("rejects a field used as a function", () => {
    const e = errorOf(() => compositeValueScore([{ id: "a", abs: 1 }], { formula: "abs(abs)" }));
    expect(e.code).toBe("UNSAFE_FORMULA");
  });

  it("reports records whose value is not a finite real number", () => {
    const e = errorOf(() => compositeValueScore(records, { formula: "profit / violations" }));
    expect(e.code).toBe("INVALID_RECORD");
    expect(e.issues.map((i) => i.path)).toEqual(["[0]", "[3]"]); // A and D have 0 violations
    expect(errorOf(() => compositeValueScore(records, { formula: "sqrt(-profit)" })).code).toBe(
      "INVALID_RECORD",
    );
  });
});
