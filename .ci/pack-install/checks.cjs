/**
 * One check per entry point of the installed package, shared by the ESM, CommonJS and
 * Deno runs of .ci/pack-install.sh. `load(specifier)` imports (or requires) a module.
 * Every entry point the package exports must have a check here, so a new one cannot go
 * untested. Values are worked out by hand beside each check.
 */
"use strict";

function expect(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
}
const near = (a, b, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

// Four customers with totals 10, 20, 30, 40 (one return of -5 for "d").
const ROWS = [
  ["a", "2011-01-03", 10],
  ["b", "2011-01-04", 20],
  ["c", "2011-02-01", 30],
  ["d", "2011-02-02", 45],
  ["d", "2011-03-01", -5],
];

const CHECKS = {
  ".": async (load) => {
    const cv = await load("customer-value");
    // 20% of 4 customers is the top 1: d (40) of 100 = 0.4.
    const totals = [
      { id: "a", value: 10 },
      { id: "b", value: 20 },
      { id: "c", value: 30 },
      { id: "d", value: 40 },
    ];
    const split = cv.paretoSplit(totals, { value: "value" });
    expect(split.headCount === 1 && near(split.headValueShare, 0.4), "paretoSplit head of 10/20/30/40");
    // Gini of 10, 20, 30, 40: 2*(1*10+2*20+3*30+4*40)/(4*100) - 5/4 = 1.5 - 1.25 = 0.25.
    expect(near(cv.gini([10, 20, 30, 40]), 0.25), "gini of 10/20/30/40");
    // A formula runs through the bundled mathjs instance: 0.5 * 10 + 2 = 7.
    const scores = cv.compositeValueScore(
      [{ id: "a", x: 10 }],
      { formula: "0.5 * x + 2", normalize: "none" },
      { id: "id" },
    );
    expect(near(scores[0].score, 7), "compositeValueScore formula");
    // CSV through the bundled papaparse; dates through the bundled date-fns and @date-fns/tz.
    const csv = `customerId,date,amount\n${ROWS.map((r) => r.join(",")).join("\n")}\n`;
    const parsed = cv.parseTransactionsCsv(csv);
    expect(parsed.transactions.length === 5, "parseTransactionsCsv rows");
    expect(
      cv.periodKey(new Date("2011-01-31T20:00:00Z"), "month", { timeZone: "Asia/Shanghai" }) === "2011-02",
      "periodKey in a zone",
    );
    const cohorts = cv.cohortRetention(parsed.transactions, { period: "month" });
    expect(cohorts[0].cohort === "2011-01" && cohorts[0].size === 2, "cohortRetention first cohort");
    try {
      cv.validateTransactions([{ customerId: "", date: "2011-02-30", amount: "1" }]);
      expect(false, "validateTransactions must throw");
    } catch (error) {
      expect(error instanceof cv.CustomerValueError && error.code === "INVALID_RECORD", "CustomerValueError");
      expect(error.issues.length === 3, "every issue listed");
    }
    const sample = cv.generateSampleData({ customers: 50, months: 6, seed: 1 });
    expect(sample.transactions.length > 0, "generateSampleData");
  },

  "./models": async (load) => {
    const cv = await load("customer-value");
    const models = await load("customer-value/models");
    const sample = cv.generateSampleData({ customers: 200, months: 18, seed: 2 });
    const fit = models.fitBgNbd(cv.rfmSummary(sample.transactions, { unit: "week" }));
    expect(
      [fit.r, fit.alpha, fit.a, fit.b].every((p) => Number.isFinite(p) && p > 0),
      "fitBgNbd parameters",
    );
    expect(near(fit.expectedPurchases(0), 0), "expectedPurchases(0) = 0");
  },

  "./charts": async (load) => {
    const cv = await load("customer-value");
    const charts = await load("customer-value/charts");
    const spec = charts.paretoChart(
      cv.paretoSplit(
        [
          { id: "a", v: 3 },
          { id: "b", v: 1 },
        ],
        { value: "v" },
      ),
      { value: "v" },
    );
    expect(spec.$schema === "https://vega.github.io/schema/vega-lite/v5.json", "paretoChart spec");
  },

  "./render": async (load) => {
    const cv = await load("customer-value");
    const charts = await load("customer-value/charts");
    const { renderSvg } = await load("customer-value/render");
    const svg = await renderSvg(charts.lorenzChart(cv.lorenzCurve([1, 2, 3, 10])), { strict: true });
    expect(svg.startsWith("<svg"), "renderSvg writes SVG");
  },

  "./duckdb": async (load) => {
    const { DuckDBInstance } = await load("@duckdb/node-api");
    const duckdb = await load("customer-value/duckdb");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const totals = await duckdb.customerTotalsFromDuckDB(connection, { sql: valuesSql() });
      expect(
        JSON.stringify(totals.map((t) => [t.id, t.value])) === JSON.stringify(EXPECTED_TOTALS),
        "customerTotalsFromDuckDB",
      );
    } finally {
      connection.closeSync?.();
    }
  },

  "./sql": async (load) => {
    const { DuckDBInstance } = await load("@duckdb/node-api");
    const sql = await load("customer-value/sql");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const totals = await sql.customerTotalsFromSql(
        sql.duckdbExecutor(connection),
        { sql: valuesSql() },
        {},
      );
      expect(
        JSON.stringify(totals.map((t) => [t.id, t.value])) === JSON.stringify(EXPECTED_TOTALS),
        "customerTotalsFromSql",
      );
    } finally {
      connection.closeSync?.();
    }
  },
};

const EXPECTED_TOTALS = [
  ["a", 10],
  ["b", 20],
  ["c", 30],
  ["d", 40],
];

function valuesSql() {
  const values = ROWS.map(([id, date, amount]) => `('${id}', DATE '${date}', ${amount}.0)`).join(", ");
  return `SELECT * FROM (VALUES ${values}) AS t(customerId, date, amount)`;
}

/** Runs the check of every entry point in `exports`; returns the names checked. */
async function run(load, exports) {
  const entries = Object.keys(exports).filter((entry) => entry !== "./package.json");
  const missing = entries.filter((entry) => !(entry in CHECKS));
  if (missing.length > 0) throw new Error(`no check for the entry point(s) ${missing.join(", ")}`);
  for (const entry of entries) {
    try {
      await CHECKS[entry](load);
    } catch (error) {
      throw new Error(`${entry}: ${error.stack ?? error}`);
    }
  }
  return entries;
}

module.exports = { run };
