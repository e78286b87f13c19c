/**
 * The `customer-value` command, run in-process: the sample data as CSV, the HTML report
 * with every chart inline, the JSON results, and errors with row numbers.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { latinWords } from "../.ci/report-language.mjs";
import { main } from "../src/cli/main.js";

const hide = new URL("./support/hide-packages.cjs", import.meta.url).pathname;

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
    // 80 customers over 14 months are too few for BG/NBD (its drop-out parameters run
    // off): its section says so, and lifetime value, built on it, names that reason.
    expect(results.sections.bgNbd).toMatchObject({ status: "empty", reason: "failed" });
    expect(results.sections.lifetimeValue).toMatchObject({ status: "empty", reason: "noPurchaseModel" });
    expect(html).toContain("the BG/NBD model, on which lifetime value builds, could not be fitted");
    expect(html).not.toContain('class="warning"');
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

  it("stops on bad rows, listing each with its row number and the flag that skips them", async () => {
    const r = await run(...reportOn(bad), "--json", join(dir, "bad.json"));
    expect(r.status).toBe(1);
    expect(r.err).toContain(`customer-value report: --transactions ${bad}: 2 invalid rows of 3`);
    expect(r.err).toMatch(/row 2\b.*amount/);
    expect(r.err).toMatch(/row 3\b.*date/);
    expect(r.err).toContain("Run with --skip-invalid to leave the bad rows out");
    expect(r.err).not.toMatch(/onInvalid|parseTransactionsCsv/);
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
    const missing = await run("report", "--transactions", bad);
    expect(missing.status).toBe(2);
    expect(missing.err).toContain("give --out FILE, --json FILE or both");
    const asOf = await run("report", "--transactions", bad, "--json", "x.json", "--as-of", "2011-13-45");
    expect(asOf.status).toBe(2);
    expect(asOf.err).toContain("--as-of must be a date (2011-12-09)");
    const period = await run(...reportOn(bad), "--json", "x", "--period", "fortnight");
    expect(period.status).toBe(2);
    expect(period.err).toContain("--period must be one of");
    expect((await run("frobnicate")).status).toBe(2);
    const help = await run("report", "--help");
    expect(help.status).toBe(0);
    expect(help.out).toContain("Usage: customer-value report");
    const nofile = await run(...reportOn(join(dir, "nope.csv")), "--json", join(dir, "x.json"));
    expect(nofile.status).toBe(2);
    expect(nofile.err).toBe(
      `customer-value report: cannot read ${join(dir, "nope.csv")}: no such file or folder (ENOENT)\n`,
    );
  });
});

describe("customer-value report: reading an export as it is", () => {
  // An export in the shape of UCI Online Retail: the amount is Quantity x UnitPrice,
  // cancellations start with C, some rows have no customer.
  const uci = [
    "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
    "536365,85123A,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
    "536366,71053,2,2010-12-01 09:00:00,3.5,13047.0,United Kingdom",
    "C536379,D,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom",
    "536380,22086,4,2010-12-01 10:00:00,2.5,,United Kingdom",
    "536381,22087,0,2010-12-02 10:00:00,1.0,13047.0,France",
    "536382,22088,10,2010-12-09 17:30:00,1.25,17850.0,France",
  ].join("\n");
  const flags = [
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
    "--quiet",
  ];

  it("reads .csv and .csv.gz alike (told apart by content, not name), with --amount and --exclude", async () => {
    const plain = join(dir, "uci.csv");
    writeFileSync(plain, uci);
    const gz = join(dir, "uci.csv.gz");
    writeFileSync(gz, gzipSync(uci));
    const misnamed = join(dir, "uci-gzip.csv");
    writeFileSync(misnamed, gzipSync(uci));
    const outputs = [];
    for (const file of [plain, gz, misnamed]) {
      const json = join(dir, `${file.split("/").pop()}.json`);
      const r = await run("report", "--transactions", file, ...flags, "--json", json);
      expect(r.err).toBe("");
      expect(r.status).toBe(0);
      outputs.push(JSON.parse(readFileSync(json, "utf8")));
    }
    const [results] = outputs;
    expect(outputs[1]).toEqual(results);
    expect(outputs[2]).toEqual(results);
    // Kept: 536365 (6 x 2.55 = 15.3), 536366 (7), 536382 (12.5): 34.8; each rule counted once.
    expect(results.input.transactions).toBe(3);
    expect(results.input.netRevenue).toBeCloseTo(34.8, 12);
    expect(results.csv.excludedBy).toEqual([
      { formula: 'CustomerID == ""', rows: 1 },
      { formula: 'startsWith(InvoiceNo, "C")', rows: 1 },
      { formula: "Quantity <= 0", rows: 1 },
    ]);
  });

  it("takes a date-only --as-of as the end of that day, and defaults to the end of the last day", async () => {
    const file = join(dir, "uci.csv");
    const asOf = async (...extra: string[]) => {
      const json = join(dir, "asof.json");
      const r = await run("report", "--transactions", file, ...flags, "--json", json, ...extra);
      expect(r.status).toBe(0);
      return JSON.parse(readFileSync(json, "utf8"));
    };
    // The 17:30 purchase of 9 December is in with --as-of 2010-12-09, and by default.
    const day = await asOf("--as-of", "2010-12-09");
    expect([day.asOf, day.input.transactions, day.input.transactionsAfterAsOf]).toEqual([
      "2010-12-09T23:59:59.999Z",
      3,
      0,
    ]);
    const none = await asOf();
    expect([none.asOf, none.asOfSource, none.input.transactions]).toEqual([
      "2010-12-09T23:59:59.999Z",
      "end of the last day with a transaction",
      3,
    ]);
    // A date and time is taken as it is: 17:00 leaves the 17:30 purchase out.
    const instant = await asOf("--as-of", "2010-12-09T17:00:00Z");
    expect([instant.input.transactions, instant.input.transactionsAfterAsOf]).toEqual([2, 1]);
  });

  it("words every problem in CLI terms: a missing column, a formula, a zip file", async () => {
    const file = join(dir, "uci.csv");
    const missing = await run("report", "--transactions", file, "--json", join(dir, "m.json"));
    expect(missing.status).toBe(2);
    expect(missing.err).toContain('has no column "customerId" (columns: InvoiceNo, StockCode');
    expect(missing.err).toContain("name its column with --map customerId=COLUMN");
    const unknown = await run("report", "--transactions", file, ...flags, "--amount2", "x");
    expect(unknown.status).toBe(2);
    const badColumn = await run(
      "report",
      "--transactions",
      file,
      "--map",
      "customerId=CustomerID",
      "--map",
      "date=InvoiceDate",
      "--amount",
      "Qty * UnitPrice",
      "--json",
      join(dir, "b.json"),
    );
    expect(badColumn.status).toBe(2);
    expect(badColumn.err).toContain('--amount "Qty * UnitPrice": formula names "Qty", which is not a column');
    expect(badColumn.err).toContain("has the columns InvoiceNo, StockCode, Quantity");
    const unsafe = await run(
      "report",
      "--transactions",
      file,
      ...flags,
      "--exclude",
      "process.exit(1)",
      "--json",
      join(dir, "u.json"),
    );
    expect(unsafe.status).toBe(2);
    expect(unsafe.err).toMatch(/--exclude "process\.exit\(1\)": formula may only use/);
    const zip = join(dir, "export.zip");
    writeFileSync(zip, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    const zipped = await run("report", "--transactions", zip, "--json", join(dir, "z.json"));
    expect(zipped.status).toBe(2);
    expect(zipped.err).toContain("is a zip archive: unzip it first");
    // A text cell where the amount formula needs a number: the rows are listed, the flag named.
    const text = join(dir, "text.csv");
    writeFileSync(text, `${uci}\n536383,X,many,2010-12-09 18:00:00,1.0,17850.0,France\n`);
    const cells = await run(
      "report",
      "--transactions",
      text,
      ...flags.slice(0, 8),
      "--json",
      join(dir, "t.json"),
    );
    expect(cells.status).toBe(1);
    expect(cells.err).toMatch(/row 7\.amount: expected a finite number, got NaN/);
    expect(cells.err).toContain(
      '--amount "Quantity * UnitPrice": the left side of * must be a number, got "many"',
    );
    expect(cells.err).toContain("Run with --skip-invalid");
    // An --exclude formula that meets the text first: the rows are counted, the formula named.
    const excluded = await run("report", "--transactions", text, ...flags, "--json", join(dir, "t.json"));
    expect(excluded.status).toBe(1);
    expect(excluded.err).toContain(
      '1 row where a formula could not be evaluated, e.g. --exclude "Quantity <= 0"',
    );
  });
});

describe("customer-value report: the optional packages of the HTML report", () => {
  it("--help lists them", async () => {
    const help = await run("report", "--help");
    expect(help.out).toContain("needs the optional packages vega and vega-lite");
    expect(help.out).toContain("npm install vega vega-lite");
  });

  it("without vega the report fails at once, before reading any data, naming the package", async () => {
    // A named pipe nobody writes to: reading it would block, so a quick answer proves no read.
    const fifo = join(dir, "never.csv");
    execFileSync("mkfifo", [fifo]);
    let err = "";
    const started = performance.now();
    const status = await main(["report", "--transactions", fifo, "--out", join(dir, "r.html")], {
      out: () => {},
      err: (t) => (err += t),
      errIsTty: false,
      resolvePackage: (name) => name !== "vega",
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(status).toBe(2);
    expect(err).toBe(
      'customer-value report: the HTML report (--out) needs the optional package vega, not installed: run "npm install vega vega-lite" (or write only --json)\n',
    );
  });

  it("the same in a separate process where vega cannot be resolved: under a second once loaded", () => {
    const fifo = join(dir, "never2.csv");
    execFileSync("mkfifo", [fifo]);
    // The command's own time, from the call of main to its answer, in a process started
    // with vega hidden from module resolution (loading node and the TypeScript loader is
    // not the command's time, and varies with the machine's load).
    const driver = `
      const { main } = await import(${JSON.stringify(new URL("../src/cli/main.ts", import.meta.url).href)});
      const started = performance.now();
      const status = await main(process.argv.slice(1));
      console.log(JSON.stringify({ status, ms: performance.now() - started }));`;
    const r = spawnSync(
      process.execPath,
      [
        "--require",
        hide,
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        driver,
        "report",
        "--transactions",
        fifo,
        "--out",
        join(dir, "r2.html"),
      ],
      { env: { ...process.env, HIDE_PACKAGES: "vega,vega-lite" }, encoding: "utf8", timeout: 120_000 },
    );
    expect(r.stderr).toContain("needs the optional packages vega and vega-lite, not installed");
    const { status, ms } = JSON.parse(r.stdout.trim().split("\n").pop()!);
    expect(status).toBe(2);
    expect(ms).toBeLessThan(1000);
  }, 150_000);
});

describe("customer-value report --locale zh", () => {
  it("writes headings, tables, definitions and sentences in Chinese: no Latin-script word outside data values", async () => {
    const sample = await run("sample", "--dir", join(dir, "zh"), "--customers", "60", "--months", "14");
    expect(sample.status).toBe(0);
    const files = [
      "--transactions",
      "transactions.csv",
      "--customers",
      "customers.csv",
      "--survey",
      "survey.csv",
    ].map((x) => (x.startsWith("--") ? x : join(dir, "zh", x)));
    const out = (locale: string) => join(dir, "zh", `report.${locale}.html`);
    for (const locale of ["zh", "en"]) {
      const r = await run(
        "report",
        ...files,
        "--locale",
        locale,
        "--currency",
        "CNY",
        "--out",
        out(locale),
        "--quiet",
      );
      expect(r.status).toBe(0);
    }
    const zh = readFileSync(out("zh"), "utf8");
    expect(latinWords(zh)).toEqual([]);
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toMatch(/<h2>摘要<\/h2>\n<ul class="summary">\n(<li>[^<]+<\/li>\n){4,6}<\/ul>/);
    // The check can fail: the English report is full of Latin words.
    expect(latinWords(readFileSync(out("en"), "utf8")).length).toBeGreaterThan(100);
  }, 60_000);
});
