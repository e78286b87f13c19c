/**
 * `customer-value report` on the sample data with --as-of 2030-01-01 (nobody bought in the
 * last years) died with `EMPTY_INPUT: bcgChart: placements must not be empty`. It now
 * writes the report, and says which sections are empty and why.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

const dir = mkdtempSync(join(tmpdir(), "cv-empty-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let err = "";
  const status = await main(argv, { out: () => {}, err: (t) => (err += t), errIsTty: false });
  return { status, err };
}

describe("a report whose data leave sections empty", () => {
  it("--as-of 2030-01-01 on the sample data: written, the empty portfolio named with its reason", async () => {
    expect((await run("sample", "--dir", dir, "--customers", "80", "--months", "14")).status).toBe(0);
    const html = join(dir, "out", "report.html");
    const json = join(dir, "out", "results.json");
    const started = process.cpuUsage(); // CPU time: the machine may be busy with other jobs
    const r = await run(
      "report",
      "--transactions",
      join(dir, "transactions.csv"),
      "--as-of",
      "2030-01-01",
      "--out",
      html,
      "--json",
      json,
      "--quiet",
    );
    expect(r.err).toBe("");
    expect(r.status).toBe(0);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(15_000);
    const results = JSON.parse(readFileSync(json, "utf8"));
    expect(results.sections.portfolio).toEqual({
      status: "empty",
      reason: "noPurchasesInWindows",
      // Half the history from January 2023 to 2030, at most 12 months: two 12-month windows.
      details: { months: 12, from: "2028-01-01T23:59:59.999Z", to: "2030-01-01T23:59:59.999Z" },
    });
    expect(results.portfolio).toBeUndefined();
    const page = readFileSync(html, "utf8");
    expect(page).toContain(
      "This section is empty: nobody bought in the two 12-month windows from 1 January 2028 to 1 January 2030, so there is no portfolio to place.",
    );
    expect(page).toContain(
      "The data leave these sections empty (the reasons are given below): The customer portfolio",
    );
    expect(page).not.toContain('data-chart="portfolio"');
    expect(page).toContain('data-chart="lifecycle"'); // the other sections are drawn
  }, 60_000);

  it("a log of returns only: every section that needs a purchase says so", async () => {
    const log = join(dir, "returns.csv");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(log, "customerId,date,amount\nA,2011-03-01,-5\nB,2011-03-02,-7\n");
    const json = join(dir, "returns.json");
    expect((await run("report", "--transactions", log, "--json", json, "--quiet")).status).toBe(0);
    const sections = JSON.parse(readFileSync(json, "utf8")).sections;
    expect(sections.concentration.reason).toBe("noRevenue");
    for (const id of ["activity", "cohorts", "portfolio", "rfm", "bgNbd"])
      expect(sections[id].reason, id).toBe("noPurchases");
    expect(sections.lifetimeValue.reason).toBe("noRepeatPurchases");
  });
});
