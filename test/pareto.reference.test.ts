/**
 * The pareto module against independent references:
 * - `gini` against R's `ineq::Gini` source (test/reference/pareto/gini_ineq.R) on four
 *   committed datasets (one of 10,000 heavy-tailed values) and, when the shared data is
 *   present, on CDNOW customer totals — to 1e-12;
 * - `paretoSplit`, `abcClassify`, `lorenzCurve`, `concentrationSummary` against pandas
 *   (test/reference/pareto/cdnow_pareto.py) on CDNOW customer totals.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { abcClassify, concentrationSummary, gini, lorenzCurve, paretoSplit } from "customer-value";
import { expectClose } from "./reference/pareto/helpers.js";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const referenceDir = here("./reference/pareto/");
const dataDir = here("../../shared/data/cdnow_lifetimes/");

interface GiniReference {
  readonly file: string;
  readonly n: number;
  readonly gini: number;
  readonly giniCorrected: number;
}
const giniReference = JSON.parse(readFileSync(`${referenceDir}gini_ineq.json`, "utf8")) as Record<
  string,
  GiniReference
>;

function readValues(file: string): number[] {
  const lines = readFileSync(`${referenceDir}${file}`, "utf8").trim().split("\n");
  expect(lines[0]).toBe("value");
  return lines.slice(1).map(Number);
}

/** Total dollar_value per customer_id in CDNOW_master.txt. */
function cdnowTotals(): { id: string; value: number }[] {
  const text = readFileSync(`${dataDir}CDNOW_master.txt`, "utf8");
  const totals = new Map<string, number>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4) continue;
    const id = fields[0]!;
    totals.set(id, (totals.get(id) ?? 0) + Number(fields[3]));
  }
  return [...totals].map(([id, value]) => ({ id, value }));
}

describe("gini agrees with R ineq::Gini (reproduced source) to 1e-12", () => {
  for (const name of ["small", "ties", "lognormal", "pareto"]) {
    it(`on ${name}`, () => {
      const ref = giniReference[name]!;
      const values = readValues(ref.file);
      expect(values.length).toBe(ref.n);
      expectClose(gini(values), ref.gini, 1e-12);
      expectClose(gini(values, { corrected: true }), ref.giniCorrected, 1e-12);
    });
  }

  it("covers a 10,000-value heavy-tailed dataset", () => {
    expect(giniReference.lognormal?.n).toBe(10_000);
  });

  it.skipIf(!existsSync(dataDir) || giniReference.cdnowMaster === undefined)(
    "on CDNOW customer totals",
    () => {
      const values = cdnowTotals().map((c) => c.value);
      expect(values.length).toBe(giniReference.cdnowMaster!.n);
      expectClose(gini(values), giniReference.cdnowMaster!.gini, 1e-12);
      expectClose(gini(values, { corrected: true }), giniReference.cdnowMaster!.giniCorrected, 1e-12);
    },
  );
});

describe.skipIf(!existsSync(dataDir))("Pareto split, ABC and Lorenz on CDNOW agree with pandas", () => {
  const ref = JSON.parse(readFileSync(`${referenceDir}cdnow_pareto.json`, "utf8"));

  it("paretoSplit by customer share and by value share", () => {
    const customers = cdnowTotals();
    expect(customers.length).toBe(ref.n);
    const head = paretoSplit(customers, { value: "value" });
    expectClose(head.totalValue, ref.totalValue, 1e-12);
    expect(head.headCount).toBe(ref.headCount);
    expectClose(head.headValueShare, ref.headValueShare, 1e-12);
    expect(head.cutoffValue).toBeCloseTo(ref.cutoffValue, 9);
    expect(head.head.slice(0, 5).map((c) => c.id)).toEqual(ref.topIds);
    expect(paretoSplit(customers, { value: "value", valueShare: 0.8 }).headCount).toBe(ref.valueShare80Count);
    const summary = concentrationSummary(customers, { value: "value" });
    expect(summary.valueCount).toBe(ref.valueShare80Count);
    expect(summary.text.en).toMatch(
      /^The top 20% of customers bring 68% of revenue; 33% of customers bring 80%; Gini 0\.63\.$/,
    );
  });

  it("abcClassify counts and Lorenz points", () => {
    const customers = cdnowTotals();
    expect(abcClassify(customers, { value: "value" }).counts).toEqual(ref.abcCounts);
    const lorenz = lorenzCurve(customers.map((c) => c.value));
    ref.lorenz.k.forEach((k: number, i: number) => {
      expectClose(lorenz[k]?.valueShare, ref.lorenz.valueShare[i], 1e-12);
    });
  });
});
