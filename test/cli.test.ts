/**
 * The `customer-value` command, run in-process: the sample data as CSV, the HTML report
 * with every chart inline, the JSON results, and errors with row numbers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";

const dir = mkdtempSync(join(tmpdir(), "cv-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  return runWith({}, ...argv);
}

async function runWith(
  options: { progressBytes?: number },
  ...argv: string[]
): Promise<{ status: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io = { out: (t: string) => (out += t), err: (t: string) => (err += t), errIsTty: false, ...options };
  const status = await main(argv, io);
  return { status, out, err };
}

/** `report --transactions <file> --as-of 2011-12-31`, the start of most command lines here. */
const reportOn = (transactions: string) => [
  "report",
  "--transactions",
  transactions,
  "--as-of",
  "2011-12-31",
];

describe("customer-value sample + report", () => {
  it("writes a self-contained HTML report with every chart and the JSON results", async () => {
    const sample = await run(
      "sample",
      "--dir",
      join(dir, "s"),
      "--customers",
      "80",
      "--months",
      "14",
      "--seed",
      "7",
    );
    expect(sample.status).toBe(0);
    const asOf = sample.out.trim();
    expect(asOf).toMatch(/^\d{4}-\d\d-\d\dT/);
    const csv = readFileSync(join(dir, "s", "transactions.csv"), "utf8")
      .trim()
      .split("\n");
    expect(csv[0]).toBe("customerId,date,amount,profit,quantity,productId,invoiceId");

    const report = await run(
      "report",
      "--transactions",
      join(dir, "s", "transactions.csv"),
      "--customers",
      join(dir, "s", "customers.csv"),
      "--survey",
      join(dir, "s", "survey.csv"),
      "--as-of",
      asOf,
      "--out",
      join(dir, "out", "report.html"),
      "--json",
      join(dir, "out", "results.json"),
    );
    expect(report.err).toContain("analysing: lifecycle stages");
    expect(report.status).toBe(0);

    const html = readFileSync(join(dir, "out", "report.html"), "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    for (const chart of [
      "pareto",
      "lorenz",
      "whale",
      "activity",
      "cohorts",
      "portfolio",
      "lifecycle",
      "satisfaction",
    ]) {
      const start = html.indexOf(`<figure data-chart="${chart}"`);
      expect(start, chart).toBeGreaterThan(0);
      const figure = html.slice(start, html.indexOf("</figure>", start));
      expect(figure, chart).toContain("<svg");
      expect(figure, chart).toMatch(/class="mark-\w+ role-mark/);
    }
    // Self-contained: no external script, stylesheet or image.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src="http/);
    // Ids made unique per chart (vega numbers its gradients from 0 in every SVG).
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);

    const results = JSON.parse(readFileSync(join(dir, "out", "results.json"), "utf8"));
    // Every data row of the CSV is dated on or before the sample's asOf (its last instant).
    expect(results.input.transactions).toBe(csv.length - 1);
    expect(results.csv.rowCount).toBe(csv.length - 1);
    expect(results.csv.invalid).toEqual([]);
    expect(Object.keys(results)).toEqual(
      expect.arrayContaining([
        "pareto",
        "whale",
        "activity",
        "cohorts",
        "portfolio",
        "lifecycle",
        "satisfaction",
      ]),
    );
    expect(results.satisfaction.valueSource).toBe("customers.value");
    // The lifecycle covers the whole customer list (prospects included).
    const customers =
      readFileSync(join(dir, "s", "customers.csv"), "utf8")
        .trim()
        .split("\n").length - 1;
    expect(results.lifecycle.customers).toHaveLength(customers);
  });
});

describe("customer-value report: errors", () => {
  const bad = join(dir, "bad.csv");
  writeFileSync(bad, "customerId,date,amount\nC1,2011-03-04,12.5\nC2,2011-03-05,oops\nC3,2011-02-30,4\n");

  it("stops on bad rows, listing each with its row number", async () => {
    const r = await run(...reportOn(bad), "--json", join(dir, "bad.json"));
    expect(r.status).toBe(1);
    expect(r.err).toContain("INVALID_RECORD");
    expect(r.err).toMatch(/row 2\b.*amount/);
    expect(r.err).toMatch(/row 3\b.*date/);
  });

  it("shows how much of a large file has been read", async () => {
    // 1-byte threshold: every file counts as large; the last report is 100%.
    const r = await runWith(
      { progressBytes: 1 },
      ...reportOn(bad),
      "--json",
      join(dir, "p.json"),
      "--skip-invalid",
    );
    expect(r.err).toMatch(/^reading .*bad\.csv \(0\.0 MB\)$/m);
    expect(r.err).toMatch(/^ {2}read 100%$/m);
    const quiet = await runWith(
      { progressBytes: 1 },
      ...reportOn(bad),
      "--json",
      join(dir, "p.json"),
      "--skip-invalid",
      "--quiet",
    );
    expect(quiet.err).toBe("");
  });

  it("leaves bad rows out with --skip-invalid and lists them in the JSON", async () => {
    const out = join(dir, "skip.json");
    const r = await run(...reportOn(bad), "--json", out, "--skip-invalid", "--quiet");
    expect(r.err).toBe("");
    expect(r.status).toBe(0);
    const results = JSON.parse(readFileSync(out, "utf8"));
    expect(results.csv.invalid.map((row: { row: number }) => row.row)).toEqual([2, 3]);
    expect(results.input.transactions).toBe(1);
  });

  it("names the row of a bad customer or survey record", async () => {
    const tx = join(dir, "tx.csv");
    writeFileSync(tx, "customerId,date,amount\nC1,2011-03-04,12.5\nC2,2011-03-05,3\n");
    const customers = join(dir, "customers.csv");
    writeFileSync(customers, "id,value\nC1,10\nC2,-abc\n");
    const r = await run(...reportOn(tx), "--customers", customers, "--json", join(dir, "c.json"));
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/row 2\.value/);

    const survey = join(dir, "survey.csv");
    writeFileSync(survey, "customerId,quality\nC1,7\n,5\n");
    const s = await run(...reportOn(tx), "--survey", survey, "--json", join(dir, "s.json"));
    expect(s.status).toBe(1);
    expect(s.err).toMatch(/row 2\.customerId/);
  });

  it("explains bad usage with status 2", async () => {
    expect((await run()).status).toBe(2);
    const missing = await run("report", "--transactions", bad, "--json", "x.json");
    expect(missing.status).toBe(2);
    expect(missing.err).toContain("--as-of DATE is required");
    const period = await run(...reportOn(bad), "--json", "x", "--period", "fortnight");
    expect(period.status).toBe(2);
    expect(period.err).toContain("--period must be one of");
    expect((await run("frobnicate")).status).toBe(2);
    const help = await run("report", "--help");
    expect(help.status).toBe(0);
    expect(help.out).toContain("Usage: customer-value report");
    const nofile = await run(...reportOn(join(dir, "nope.csv")), "--json", "x");
    expect(nofile.status).toBe(1);
    expect(nofile.err).toContain("nope.csv");
  });
});
