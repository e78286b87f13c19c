/**
 * customerPortfolio against the independent pandas reference in test/reference/bcg/
 * (customer_portfolio.py): the library's sample data (always runs) and the UCI Online
 * Retail log (runs when ../shared/data is present).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { customerPortfolio, generateSampleData, portfolioSummary, type Transaction } from "customer-value";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "reference", "bcg");
const uciFile = join(here, "..", "..", "shared", "data", "uci_online_retail", "online_retail.csv.gz");

const close = (actual: number, expected: number, rel = 1e-9) =>
  Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected));

interface ReferenceRow {
  id: string;
  lastRevenue: number;
  earlierRevenue: number;
  growth: number | null;
  relativeShare: number;
  quadrant: string;
}

function expectRowsMatch(actual: ReturnType<typeof customerPortfolio>, expected: readonly ReferenceRow[]) {
  const byId = new Map(actual.map((r) => [r.id, r]));
  for (const e of expected) {
    const a = byId.get(e.id);
    expect(a, e.id).toBeDefined();
    expect(
      close(a!.lastRevenue, e.lastRevenue),
      `${e.id} lastRevenue ${a!.lastRevenue} vs ${e.lastRevenue}`,
    ).toBe(true);
    expect(close(a!.earlierRevenue, e.earlierRevenue), `${e.id} earlierRevenue`).toBe(true);
    if (e.growth === null) expect(a!.growth, e.id).toBeNull();
    else expect(close(a!.growth!, e.growth), `${e.id} growth ${a!.growth} vs ${e.growth}`).toBe(true);
    expect(close(a!.relativeShare, e.relativeShare), `${e.id} relativeShare`).toBe(true);
    expect(a!.quadrant, e.id).toBe(e.quadrant);
  }
}

describe("customerPortfolio vs pandas: sample data", () => {
  it("matches every customer of sample_portfolio.csv", () => {
    const text = readFileSync(join(fixtures, "sample_portfolio.csv"), "utf8");
    const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
    const expected: ReferenceRow[] = parsed.data.map((r) => ({
      id: r.id!,
      lastRevenue: Number(r.lastRevenue),
      earlierRevenue: Number(r.earlierRevenue),
      growth: r.growth === "" ? null : Number(r.growth),
      relativeShare: Number(r.relativeShare),
      quadrant: r.quadrant!,
    }));
    const sample = generateSampleData();
    const actual = customerPortfolio(sample.transactions, { asOf: sample.asOf });
    expect(actual).toHaveLength(expected.length);
    expectRowsMatch(actual, expected);
  });
});

describe.skipIf(!existsSync(uciFile))("customerPortfolio vs pandas: UCI Online Retail", () => {
  const load = (): Transaction[] => {
    const text = gunzipSync(readFileSync(uciFile)).toString("utf8");
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const [q, p, d, c] = [col("Quantity"), col("UnitPrice"), col("InvoiceDate"), col("CustomerID")];
    const out: Transaction[] = [];
    for (let i = 1; i < rows.length; i++) {
      const r = rows[i]!;
      const id = r[c]!;
      if (id === "") continue;
      out.push({ customerId: id.replace(/\.0$/, ""), date: r[d]!, amount: Number(r[q]) * Number(r[p]) });
    }
    return out;
  };
  const reference = JSON.parse(readFileSync(join(fixtures, "uci_portfolio.json"), "utf8"));

  it("matches counts, sizes and sampled rows (mean and median reference)", () => {
    const transactions = load();
    for (const relativeTo of ["mean", "median"] as const) {
      const ref = reference[relativeTo];
      const actual = customerPortfolio(transactions, {
        asOf: reference.asOf,
        window: reference.window,
        relativeTo,
      });
      expect(actual).toHaveLength(ref.customers);
      expect(actual.filter((r) => r.noEarlierRevenue)).toHaveLength(ref.noEarlierRevenue);
      const summary = portfolioSummary(actual);
      for (const quadrant of ["star", "cashCow", "questionMark", "dog"] as const) {
        expect(summary.quadrants[quadrant].count, `${relativeTo} ${quadrant}`).toBe(ref.counts[quadrant]);
        expect(close(summary.quadrants[quadrant].totalSize, ref.totalSize[quadrant])).toBe(true);
      }
      expectRowsMatch(actual, ref.rows);
    }
  });
});
