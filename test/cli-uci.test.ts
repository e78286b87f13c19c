/**
 * `customer-value report` on UCI Online Retail as downloaded (a .csv.gz with
 * InvoiceNo, Quantity, UnitPrice, CustomerID, …), with CLI flags only: the customers and
 * transactions kept, the top-20% value share and the Gini against an independent pandas
 * computation (test/reference/cli/uci_report.py, its output in uci_report.json), with a
 * date-only --as-of and with none; and the last, partial month flagged in the data and
 * greyed in the chart. Under CI a missing data folder fails instead of skipping.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import reference from "./reference/cli/uci_report.json" with { type: "json" };

const file = new URL("../../shared/data/uci_online_retail/online_retail.csv.gz", import.meta.url).pathname;
const HAS_DATA = existsSync(file);
const dir = mkdtempSync(join(tmpdir(), "cv-cli-uci-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The flags a BI analyst passes for the file as downloaded. */
const UCI_FLAGS = [
  "--map",
  "customerId=CustomerID",
  "--map",
  "date=InvoiceDate",
  "--amount",
  "Quantity * UnitPrice",
  "--exclude",
  'CustomerID == ""',
  "--exclude",
  'startsWith(InvoiceNo, "C")',
  "--exclude",
  "Quantity <= 0",
  "--exclude",
  "UnitPrice <= 0",
  "--currency",
  "GBP",
  "--quiet",
];

async function run(...argv: string[]) {
  let err = "";
  const status = await main(argv, { out: () => {}, err: (t) => (err += t), errIsTty: false });
  return { status, err };
}

describe.skipIf(!HAS_DATA && !process.env.CI)(
  "customer-value report on UCI Online Retail, flags only",
  () => {
    it.each([
      ["--as-of 2011-12-09", ["--as-of", "2011-12-09", "--out", join(dir, "report.html")]],
      ["no --as-of", []],
    ] as const)(
      "%s: rows, customers, head share and Gini match pandas",
      async (name, extra) => {
        const json = join(dir, `${name.replace(/\W+/g, "_")}.json`);
        const { status, err } = await run(
          "report",
          "--transactions",
          file,
          ...UCI_FLAGS,
          "--json",
          json,
          ...extra,
        );
        expect(err).toBe("");
        expect(status).toBe(0);
        const results = JSON.parse(readFileSync(json, "utf8"));
        const expected = reference.cases[name];
        expect(results.asOf).toBe(expected.asOf);
        expect(results.csv.rowCount).toBe(reference.rowsRead);
        expect(
          Object.fromEntries(
            results.csv.excludedBy.map((e: { formula: string; rows: number }) => [e.formula, e.rows]),
          ),
        ).toEqual(reference.excluded);
        expect(results.input.transactions).toBe(expected.transactions);
        expect(results.input.transactionsAfterAsOf).toBe(0); // the 617 rows of 9 December are in
        expect(results.input.customersWithTransactions).toBe(expected.customers);
        expect(results.pareto.split.headCount).toBe(expected.headCount);
        expect(results.pareto.split.headValueShare).toBeCloseTo(expected.headValueShare, 12);
        expect(results.pareto.gini).toBeCloseTo(expected.gini, 12);
        // The customer BCG on two 6-month windows: who is drawn, who is counted apart, per quadrant.
        const { months, quadrants, ...counts } = reference.portfolio;
        expect(results.portfolio.windows.months).toBe(months);
        expect(results.portfolio.counts).toEqual(counts);
        const placed = results.portfolio.summary.quadrants as Record<string, { count: number }>;
        expect(Object.fromEntries(Object.entries(placed).map(([q, s]) => [q, s.count]))).toEqual(quadrants);
        // December 2011 has 9 days of data: flagged partial, and only that month.
        const partial = results.activity.filter((row: { partial: boolean }) => row.partial);
        expect(partial.map((row: { period: string }) => row.period)).toEqual(["2011-12"]);
        expect(results.cohorts.every((row: { lastColumnPartial: boolean }) => row.lastColumnPartial)).toBe(
          true,
        );
      },
      240_000,
    );

    it("greys the partial month in the activity chart and in the cohort heatmap", () => {
      const html = readFileSync(join(dir, "report.html"), "utf8");
      const figure = (name: string) => {
        const start = html.indexOf(`<figure data-chart="${name}"`);
        return html.slice(start, html.indexOf("</figure>", start));
      };
      const activity = figure("activity");
      expect(activity).toContain("Grey: 2011-12, not fully covered by the data");
      // The December bars are drawn in the partial grey; no other month is.
      expect(activity.match(/aria-label="[^"]*2011-12[^"]*"[^>]*fill="#cfcfcf"/g)?.length).toBeGreaterThan(0);
      expect(activity).not.toMatch(/aria-label="[^"]*2011-11[^"]*"[^>]*fill="#cfcfcf"/);
      // Every row's last cell is December 2011, and the December 2011 cohort itself is partial.
      expect(figure("cohorts")).toMatch(
        /Grey: each row's last cell \(the last period\), cohort 2011-12, not fully covered/,
      );
    });

    it("words each chart with its own horizon: 6-month portfolio windows, 12-month lifetime value", () => {
      const html = readFileSync(join(dir, "report.html"), "utf8");
      expect(html).toContain("Growth = purchases in the last 6 months against the 6 months before");
      expect(html).toContain("Expected revenue of the next 12 months per RFM segment");
      expect(html).not.toMatch(/next 6 months/);
    });

    it("passes on the BG/NBD fit's warnings: in the JSON, under its table and in the summary", () => {
      // UCI's repeat buyers nearly all bought within the last months: the drop-out
      // parameter a runs to 0 and P(alive) > 0.99 for nearly everyone (docs/models.md).
      const results = JSON.parse(readFileSync(join(dir, "_as_of_2011_12_09.json"), "utf8"));
      const codes = results.bgNbd.warnings.map((w: { code: string }) => w.code);
      expect(codes).toContain("p-alive-near-one");
      const html = readFileSync(join(dir, "report.html"), "utf8");
      const section = html.slice(
        html.indexOf('<section id="bgNbd">'),
        html.indexOf("</section>", html.indexOf('<section id="bgNbd">')),
      );
      expect(section).toContain('<p class="warning">The model sees almost no drop-out');
      expect(html).toMatch(/probably still active\. But the model(&#39;|')s fit carries warnings/);
    });
  },
);
