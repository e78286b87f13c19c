/**
 * The CLI summed each customer's total with plain `+=`, so the report's total net revenue
 * and the activity table (compensated sums) disagreed in the cents. A customer whose
 * amounts are 1e16, 0.34 and -1e16 has a net revenue of exactly 0.34: plain addition
 * gives 0 (1e16 + 0.34 rounds back to 1e16).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

const dir = mkdtempSync(join(tmpdir(), "cv-totals-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("CLI customer totals", () => {
  it("are compensated sums, equal to the activity table's revenue to the cent", async () => {
    const log = join(dir, "t.csv");
    writeFileSync(
      log,
      [
        "customerId,date,amount",
        "big,2011-03-01,10000000000000000",
        "big,2011-03-02,0.34",
        "big,2011-03-03,-10000000000000000",
        "small,2011-03-04,0.1",
        "small,2011-03-05,0.2",
      ].join("\n"),
    );
    const json = join(dir, "r.json");
    const status = await main(["report", "--transactions", log, "--json", json, "--quiet"], {
      out: () => {},
      err: () => {},
      errIsTty: false,
    });
    expect(status).toBe(0);
    const results = JSON.parse(readFileSync(json, "utf8"));
    // The exact sum of the five doubles, rounded once (Python:
    // float(sum(map(Fraction, [1e16, 0.34, -1e16, 0.1, 0.2]))) == 0.64); plain += gives 0.30000000000000004.
    expect(results.input.netRevenue).toBe(0.64);
    const activity = results.activity.reduce((s: number, r: { revenue: number }) => s + r.revenue, 0);
    expect(results.input.netRevenue).toBe(activity);
    // big's own total is 0.34, not 0 (Python: float(Fraction(1e16) + Fraction(0.34) - Fraction(1e16))),
    // small's 0.1 + 0.2 rounds once to 0.30000000000000004.
    const abc = Object.fromEntries(
      results.pareto.abc.map((r: { id: string; value: number }) => [r.id, r.value]),
    );
    expect(abc).toEqual({ big: 0.34, small: 0.30000000000000004 });
  });
});
