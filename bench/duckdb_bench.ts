/**
 * DuckDB's side of the bench (`@duckdb/node-api`, in-memory database, DuckDB's default
 * threads = all cores): the same computations as bench/lib_bench.ts in SQL, on the same
 * files, results read back into JavaScript. Prints one JSON line like the other sides.
 * DuckDB has no BG/NBD fit; that row is left empty.
 *
 *   npx tsx bench/duckdb_bench.ts <dir> <runs> <warmup>
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

const dir = process.argv[2]!;
const runs = Number(process.argv[3] ?? 3);
const warmup = Number(process.argv[4] ?? 2);
const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as { asOf: string };
const file = (name: string) => join(dir, name).replaceAll("'", "''");
const asOf = `TIMESTAMPTZ '${meta.asOf.replace("T", " ").replace("Z", "+00")}'`;

const instance = await DuckDBInstance.create(":memory:");
const db = await instance.connect();
await db.run("SET TimeZone = 'UTC'");
const all = async (sql: string) => (await db.runAndReadAll(sql)).getRows();

const timings: Record<string, number> = {};
const every: Record<string, number[]> = {};
const first: Record<string, number[]> = {};
/** `warmup` first calls (timed apart), then `runs` timed ones, as on the other sides. */
async function time<T>(name: string, f: () => Promise<T>): Promise<T> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < warmup + runs; i++) {
    result = undefined;
    const t0 = performance.now();
    result = await f();
    times.push(performance.now() - t0);
  }
  first[name] = times.splice(0, warmup);
  every[name] = times;
  timings[name] = times.slice().sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  return result as T;
}

// Untimed set-up, as on the other sides: the customer list and the survey.
await db.run(`CREATE TABLE customers AS SELECT * FROM read_csv('${file("customers.csv")}', header = true,
  columns = {'id': 'VARCHAR', 'terminationNoticeAt': 'TIMESTAMPTZ', 'noticeWithdrawnAt': 'TIMESTAMPTZ',
             'satisfaction': 'DOUBLE', 'value': 'DOUBLE'})`);
await db.run(`CREATE TABLE survey AS SELECT * FROM read_csv('${file("survey.csv")}', header = true,
  columns = {'customerId': 'VARCHAR', 'value': 'DOUBLE', 'quality': 'DOUBLE', 'delivery': 'DOUBLE',
             'service': 'DOUBLE', 'price': 'DOUBLE'})`);

// 1. Ingestion and validation: CSV -> table, every row checked.
await time("ingest", async () => {
  await db.run(`CREATE OR REPLACE TABLE tx AS SELECT * FROM read_csv('${file("transactions.csv")}', header = true,
    columns = {'customerId': 'VARCHAR', 'date': 'TIMESTAMPTZ', 'amount': 'DOUBLE', 'profit': 'DOUBLE', 'quantity': 'DOUBLE'})`);
  const [[bad]] =
    (await all(`SELECT count(*) FROM tx WHERE customerId IS NULL OR customerId = '' OR date IS NULL
    OR amount IS NULL OR isinf(amount) OR isnan(amount) OR isinf(profit) OR isinf(quantity)`)) as [[bigint]];
  if (bad !== 0n) throw new Error(`${bad} bad rows`);
});

// 2. RFM summary (day-level purchases, as lifetimes and the library).
const rfmSql = `
  WITH d AS (SELECT customerId, date_trunc('day', date) AS day, sum(amount) AS amount FROM tx GROUP BY ALL),
  f AS (SELECT customerId, min(day) AS first, max(day) AS last, count(*) AS n FROM d GROUP BY ALL)
  SELECT f.customerId, any_value(n) - 1 AS frequency,
         date_diff('day', any_value(first), any_value(last)) AS recency,
         date_diff('day', any_value(first), date_trunc('day', ${asOf})) AS T,
         coalesce(avg(d.amount) FILTER (WHERE d.day > f.first), 0) AS monetaryValue
  FROM f JOIN d USING (customerId) GROUP BY f.customerId`;
const rfm = await time("rfmSummary", () => all(rfmSql));

// 3. Monthly activity: active = a purchase (amount > 0) in the month; revenue = every row.
const activity = await time("periodActivity", () =>
  all(`
  WITH p AS (SELECT DISTINCT customerId, year(date) * 12 + month(date) - 1 AS m FROM tx WHERE amount > 0),
  q AS (SELECT m, m = min(m) OVER (PARTITION BY customerId) AS is_new,
               lag(m) OVER (PARTITION BY customerId ORDER BY m) = m - 1 AS is_retained FROM p),
  a AS (SELECT m, count(*) AS active, count(*) FILTER (WHERE is_new) AS new,
               count(*) FILTER (WHERE is_retained) AS retained FROM q GROUP BY m),
  r AS (SELECT year(date) * 12 + month(date) - 1 AS m, sum(amount) AS revenue FROM tx GROUP BY 1),
  s AS (SELECT m, coalesce(active, 0) AS active, coalesce(new, 0) AS new, coalesce(retained, 0) AS retained,
               coalesce(active - new - retained, 0) AS reactivated,
               lag(coalesce(active, 0), 1, 0) OVER (ORDER BY m) AS previousActive, revenue
        FROM r LEFT JOIN a USING (m))
  SELECT m, active, new, retained, reactivated, previousActive, revenue, previousActive - retained AS churned,
         CASE WHEN previousActive > 0 THEN retained / previousActive END AS retentionRate,
         CASE WHEN previousActive > 0 THEN (previousActive - retained) / previousActive END AS churnRate,
         CASE WHEN previousActive > 0 THEN new / previousActive END AS acquisitionRate
  FROM s ORDER BY m`),
);

// 4. Monthly cohorts (month of the first purchase): classic retention of purchases and revenue
// retention of every row from the cohort month on.
const cohorts = await time("cohortRetention", () =>
  all(`
  WITH t AS (SELECT customerId, year(date) * 12 + month(date) - 1 AS m, amount FROM tx),
  c AS (SELECT customerId, min(m) AS cohort FROM t WHERE amount > 0 GROUP BY 1),
  x AS (SELECT cohort, m - cohort AS "offset", count(DISTINCT customerId) FILTER (WHERE amount > 0) AS active,
               sum(amount) AS revenue
        FROM t JOIN c USING (customerId) WHERE m >= cohort GROUP BY ALL)
  SELECT cohort, "offset", active, revenue, active / first_value(active) OVER w AS retention,
         revenue / first_value(revenue) OVER w AS revenueRetention
  FROM x WINDOW w AS (PARTITION BY cohort ORDER BY "offset") ORDER BY cohort, "offset"`),
);

// 5. Pareto split and Gini of customer totals (the totals are untimed set-up).
await db.run("CREATE TABLE totals AS SELECT customerId, sum(amount) AS value FROM tx GROUP BY 1");
// The head is the top 20% of customers (the smallest k >= 0.2 n), ranked by value, ties by id.
const pareto = await time("paretoSplit+gini", () =>
  all(`
  WITH tot AS (SELECT sum(value) AS total, count(*) AS n FROM totals),
  s AS (SELECT row_number() OVER (ORDER BY value DESC, customerId) AS k,
               sum(value) OVER (ORDER BY value DESC, customerId ROWS UNBOUNDED PRECEDING) AS cum FROM totals),
  g AS (SELECT sum(rk * value) AS weighted FROM (SELECT value, row_number() OVER (ORDER BY value) AS rk FROM totals))
  SELECT any_value(ceil(round(0.2 * n, 9))) AS headCount,
         max(cum) FILTER (WHERE k = ceil(round(0.2 * n, 9))) / any_value(total) AS headValueShare,
         any_value(2 * weighted / (n * total) - (n + 1) / n) AS gini
  FROM s, tot, g`),
);

// 6. Lifecycle stage of every customer at asOf (the library's rules, default options).
const stages = await time("classifyLifecycles", () =>
  all(`
  WITH p AS (SELECT customerId, date, amount, lag(date) OVER (PARTITION BY customerId ORDER BY date) AS prev
             FROM tx WHERE amount > 0 AND date <= ${asOf}),
  a AS (SELECT customerId, min(date) AS first, max(date) AS last,
               bool_or(date > ${asOf} - INTERVAL 3 MONTH AND prev <= date - INTERVAL 6 MONTH) AS recovered,
               coalesce(sum(amount) FILTER (WHERE date > ${asOf} - INTERVAL 6 MONTH), 0) AS vr,
               coalesce(sum(amount) FILTER (WHERE date > ${asOf} - INTERVAL 6 MONTH - INTERVAL 6 MONTH
                                              AND date <= ${asOf} - INTERVAL 6 MONTH), 0) AS vq
        FROM p GROUP BY 1)
  SELECT c.id, CASE
    WHEN a.first IS NULL THEN 'prospecting'
    WHEN c.terminationNoticeAt <= ${asOf}
         AND NOT coalesce(c.noticeWithdrawnAt <= ${asOf}, false) THEN 'decline' -- its termination phase
    WHEN a.last <= ${asOf} - INTERVAL 6 MONTH THEN 'interruption'
    WHEN a.recovered THEN 'recovery'
    WHEN a.first > ${asOf} - INTERVAL 3 MONTH THEN 'socialization'
    WHEN a.vq = 0 AND a.vr > 0 THEN 'growth'
    WHEN a.vq > 0 AND (a.vr - a.vq) / a.vq >= 0.1 THEN 'growth'
    WHEN a.vq > 0 AND (a.vr - a.vq) / a.vq <= -0.1 THEN 'decline'
    ELSE 'maturity' END AS stage
  FROM customers c LEFT JOIN a ON a.customerId = c.id`),
);

// 7. Value-weighted satisfaction, as the library computes it: plain and value-weighted means
// with linearisation standard errors, Kish's effective n, and the adjusted scores per respondent.
const INDICATORS = ["quality", "delivery", "service", "price"];
const satisfaction = await time("valueWeightedSatisfaction", async () => {
  const stats = await all(`
    WITH m AS (SELECT avg(value) AS reference,
      ${INDICATORS.map(
        (
          q,
        ) => `avg(${q}) AS mu_${q}, sum(${q} * value) / sum(value) FILTER (WHERE ${q} IS NOT NULL) AS mw_${q},
        sum(value) FILTER (WHERE ${q} IS NOT NULL) AS k_${q}, count(${q}) AS n_${q}`,
      ).join(", ")} FROM survey)
    SELECT ${INDICATORS.map(
      (q) => `any_value(mu_${q}), any_value(mw_${q}),
        sqrt(var_samp((${q} - mu_${q}) / n_${q}) * any_value(n_${q}) * any_value(n_${q}) / (any_value(n_${q}) - 1) * (any_value(n_${q}) - 1) / any_value(n_${q})),
        sqrt(var_samp(value * (${q} - mw_${q}) / k_${q}) * any_value(n_${q})),
        pow(sum(value) FILTER (WHERE ${q} IS NOT NULL), 2) / sum(value * value) FILTER (WHERE ${q} IS NOT NULL),
        max(value / reference * ${q})`,
    ).join(", ")}
    FROM survey, m`);
  const adjusted = await all(
    `SELECT customerId, value / avg(value) OVER () AS factor, ${INDICATORS.map((q) => `value / avg(value) OVER () * ${q}`).join(", ")} FROM survey`,
  );
  return [stats, adjusted];
});

const peakRssMB = process.resourceUsage().maxRSS / 1024;
/** The sum of column `c` of result rows (numbers, bigints, or null as 0). */
const sum = (rows: unknown[][], c: number) => rows.reduce<number>((s, r) => s + Number(r[c] ?? 0), 0);
const stageCounts: Record<string, number> = {};
for (const [, stage] of stages) stageCounts[String(stage)] = (stageCounts[String(stage)] ?? 0) + 1;
const sorted = INDICATORS.slice().sort();
const [[responses]] = (await all("SELECT count(*) FROM survey")) as [[bigint]];
const [[rows, customers]] = (await all("SELECT count(*), count(DISTINCT customerId) FROM tx")) as [
  [bigint, bigint],
];
console.log(
  JSON.stringify({
    engine: "duckdb",
    timings,
    all: every,
    first,
    peakRssMB,
    check: {
      rows: Number(rows),
      customers: Number(customers),
      rfmRows: rfm.length,
      rfmFrequency: sum(rfm, 1),
      rfmRecency: sum(rfm, 2),
      rfmT: sum(rfm, 3),
      rfmMonetaryValue: sum(rfm, 4),
      activityPeriods: activity.length,
      activityActive: sum(activity, 1),
      activityNew: sum(activity, 2),
      activityRetained: sum(activity, 3),
      activityChurned: sum(activity, 7),
      activityRevenue: sum(activity, 6),
      cohorts: new Set(cohorts.map((r) => Number(r[0]))).size,
      cohortActive: sum(cohorts, 2),
      cohortRevenue: sum(cohorts, 3),
      paretoHeadCount: Number(pareto[0]![0]),
      paretoHeadValueShare: Number(pareto[0]![1]),
      gini: Number(pareto[0]![2]),
      stages: stageCounts,
      responses: Number(responses),
      // The statistics row holds six values per indicator, the plain and weighted means first.
      satisfactionUnweighted: sorted.map((q) => Number(satisfaction[0]![0]![6 * INDICATORS.indexOf(q)])),
      satisfactionWeighted: sorted.map((q) => Number(satisfaction[0]![0]![6 * INDICATORS.indexOf(q) + 1])),
    },
  }),
);
db.closeSync();
