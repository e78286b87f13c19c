/**
 * Polars' side of the bench (nodejs-polars, the engine a TypeScript user would otherwise
 * pick; its own thread pool, all cores): the same computations as bench/pandas_bench.py on
 * the same files, written with polars' lazy expressions and collected into DataFrames.
 * Prints one JSON line like the other sides. Polars has no optimiser for the BG/NBD fit;
 * that row is left empty.
 *
 *   npx tsx bench/polars_bench.ts <dir> <runs> <warmup>
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pl from "nodejs-polars";

const dir = process.argv[2]!;
const runs = Number(process.argv[3] ?? 3);
const warmup = Number(process.argv[4] ?? 2);
const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as { asOf: string };
const asOf = new Date(meta.asOf);
/** `date` minus `months` calendar months (day of month clipped to the month's end), as pandas' DateOffset. */
const monthsBefore = (date: Date, months: number) => {
  const day = date.getUTCDate();
  const d = new Date(date);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
};

const timings: Record<string, number> = {};
const every: Record<string, number[]> = {};
const first: Record<string, number[]> = {};
/** `warmup` first calls (timed apart), then `runs` timed ones, as on the other sides. */
function time<T>(name: string, f: () => T): T {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < warmup + runs; i++) {
    result = undefined;
    const t0 = performance.now();
    result = f();
    times.push(performance.now() - t0);
  }
  first[name] = times.splice(0, warmup);
  every[name] = times;
  timings[name] = times.slice().sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  return result as T;
}

const col = pl.col;
const month = (c: string) => col(c).dt.year().mul(12).add(col(c).dt.month()).sub(1).cast(pl.Int32);
/** Days since 1970-01-01 (UTC). */
const day = (c: string) => col(c).cast(pl.Date).cast(pl.Int32);
const ISO = "%Y-%m-%dT%H:%M:%S%#z";
/** A point in time as a literal of the parsed dates' type (UTC). */
const instant = (date: Date) => pl.lit(date).cast(pl.Datetime("us", "UTC"));

// Untimed set-up, as on the other sides: the customer list and the survey.
const customers = pl
  .readCSV(join(dir, "customers.csv"), {
    dtypes: {
      id: pl.Utf8,
      terminationNoticeAt: pl.Utf8,
      noticeWithdrawnAt: pl.Utf8,
      satisfaction: pl.Float64,
      value: pl.Float64,
    },
  })
  .withColumns(
    col("terminationNoticeAt").str.strptime(pl.Datetime("ms"), ISO),
    col("noticeWithdrawnAt").str.strptime(pl.Datetime("ms"), ISO),
  );
const survey = pl.readCSV(join(dir, "survey.csv"), { dtypes: { customerId: pl.Utf8 } });

// 1. Ingestion and validation: CSV -> typed columns, every row checked as the library does.
const df = time("ingest", () => {
  const raw = pl
    .readCSV(join(dir, "transactions.csv"), {
      dtypes: {
        customerId: pl.Utf8,
        date: pl.Utf8,
        amount: pl.Float64,
        profit: pl.Float64,
        quantity: pl.Float64,
      },
    })
    .withColumns(col("date").str.strptime(pl.Datetime("ms"), ISO));
  const [bad] = raw
    .select(
      col("customerId")
        .isNull()
        .or(col("customerId").eq(pl.lit("")))
        .or(col("date").isNull())
        .or(col("amount").isFinite().not())
        .or(col("profit").isInfinite())
        .or(col("quantity").isInfinite())
        .sum(),
    )
    .row(0) as [number];
  if (bad > 0) throw new Error(`${bad} bad rows`);
  return raw.withColumns(col("customerId").cast(pl.Categorical));
});

// 2. RFM summary, lifetimes' conventions: purchases are days.
const end = Math.floor(asOf.getTime() / 86_400_000);
const rfm = time("rfmSummary", () =>
  df
    .lazy()
    .groupBy([col("customerId"), day("date").alias("day")])
    .agg(col("amount").sum())
    .groupBy("customerId")
    .agg(
      col("day").min().alias("first"),
      col("day").max().alias("last"),
      pl.len().alias("count"),
      col("amount")
        .filter(col("day").gt(col("day").min()))
        .mean()
        .alias("repeat"),
    )
    .select(
      col("customerId"),
      col("count").sub(1).alias("frequency"),
      col("last").sub(col("first")).alias("recency"),
      pl.lit(end).sub(col("first")).alias("T"),
      col("repeat").fillNull(0).alias("monetaryValue"),
    )
    .collectSync(),
);

// 3. Monthly activity: active (a purchase, amount > 0, in the month), new, retained,
// reactivated, churned, rates, revenue (every row).
const activity = time("periodActivity", () => {
  const rows = df.lazy().select("customerId", month("date").alias("m"), "amount");
  const revenue = rows.groupBy("m").agg(col("amount").sum().alias("revenue"));
  const counts = rows
    .filter(col("amount").gt(0))
    .select("customerId", "m")
    .unique()
    .sort("m")
    .withColumns(
      col("m").min().over("customerId").alias("firstMonth"),
      col("m").shift(1).over("customerId").alias("previousMonth"),
    )
    .groupBy("m")
    .agg(
      pl.len().alias("active"),
      col("m").eq(col("firstMonth")).sum().alias("new"),
      col("previousMonth").eq(col("m").sub(1)).sum().alias("retained"),
    );
  const [lo, hi] = df.select(month("date").min().alias("lo"), month("date").max().alias("hi")).row(0) as [
    number,
    number,
  ];
  const ratio = (a: pl.Expr, b: pl.Expr) => pl.when(b.gt(0)).then(a.div(b)).otherwise(pl.lit(null));
  return pl
    .DataFrame({ m: pl.intRange(lo, hi + 1, 1, pl.Int32, true) })
    .lazy()
    .join(counts, { on: "m", how: "left" })
    .join(revenue, { on: "m", how: "left" })
    .fillNull(0)
    .withColumns(
      col("active").shift(1).fillNull(0).alias("previousActive"),
      col("active").sub(col("new")).sub(col("retained")).alias("reactivated"),
    )
    .withColumns(col("previousActive").sub(col("retained")).alias("churned"))
    .withColumns(
      ratio(col("retained"), col("previousActive")).alias("retentionRate"),
      ratio(col("churned"), col("previousActive")).alias("churnRate"),
      ratio(col("new"), col("previousActive")).alias("acquisitionRate"),
      ratio(col("new").add(col("reactivated")), col("churned")).alias("quickRatio"),
    )
    .sort("m")
    .collectSync();
});

// 4. Monthly cohorts (month of the first purchase): classic retention of purchases and
// revenue retention of every row from the cohort month on.
const cohorts = time("cohortRetention", () => {
  const rows = df.lazy().select("customerId", month("date").alias("m"), "amount");
  const cohortOf = rows.filter(col("amount").gt(0)).groupBy("customerId").agg(col("m").min().alias("cohort"));
  const cells = rows
    .join(cohortOf, { on: "customerId", how: "inner" })
    .withColumns(col("m").sub(col("cohort")).alias("offset"))
    .filter(col("offset").gtEq(0));
  const active = cells
    .filter(col("amount").gt(0))
    .groupBy(["cohort", "offset"])
    .agg(col("customerId").nUnique().alias("active"));
  const revenue = cells.groupBy(["cohort", "offset"]).agg(col("amount").sum().alias("revenue"));
  const atStart = (c: string) => col(c).filter(col("offset").eq(0)).first().over("cohort");
  return revenue
    .join(active, { on: ["cohort", "offset"], how: "left" })
    .fillNull(0)
    .withColumns(
      col("active").div(atStart("active")).alias("retention"),
      col("revenue").div(atStart("revenue")).alias("revenueRetention"),
    )
    .sort(["cohort", "offset"])
    .collectSync();
});

// 5. Pareto split and Gini of customer totals (the totals are untimed set-up, as on the other sides).
const totals = df.groupBy("customerId").agg(col("amount").sum());
const pareto = time("paretoSplit+gini", () => {
  // Ranked by value descending, ties by id ascending; the head is the top 20% of customers.
  const ranked = totals
    .lazy()
    .withColumns(col("customerId").cast(pl.Utf8))
    .sort(["amount", "customerId"], [true, false])
    .withColumns(col("amount").cumSum().alias("cumulative"))
    .collectSync();
  const n = ranked.height;
  const head = Math.ceil(Number((0.2 * n).toFixed(9)));
  const cumulative = ranked.getColumn("cumulative");
  const headValueShare = (cumulative.get(head - 1) as number) / (cumulative.get(n - 1) as number);
  ranked.head(head);
  ranked.tail(n - head);
  const [gini] = totals
    .lazy()
    .select(col("amount").sort().alias("x"))
    .select(
      col("x")
        .mul(pl.intRange(1, pl.len().add(1)))
        .sum()
        .mul(2)
        .div(col("x").sum().mul(pl.len()))
        .sub(pl.lit(n + 1).div(n)),
    )
    .collectSync()
    .row(0) as [number];
  return { head, headValueShare, gini };
});

// 6. Lifecycle stage of every customer at asOf, the rules of pandas_bench.py. nodejs-polars'
// expressions have no calendar-month offset of a column, so the one test that needs it (a
// gap of six months before a purchase) goes through polars' SQL interface.
const interruption = monthsBefore(asOf, 6);
const recoveryFrom = monthsBefore(asOf, 3);
const before = monthsBefore(interruption, 6);
const stages = time("classifyLifecycles", () => {
  const purchases = df
    .lazy()
    .filter(
      col("amount")
        .gt(0)
        .and(col("date").ltEq(instant(asOf))),
    )
    .sort(["customerId", "date"])
    .withColumns(col("date").shift(1).over("customerId").alias("previous"));
  const recovered = pl
    .SQLContext({ p: purchases.filter(col("date").gt(instant(recoveryFrom))) })
    .execute("SELECT DISTINCT customerId FROM p WHERE previous <= date - INTERVAL '6 months'")
    .withColumns(pl.lit(true).alias("recovered"));
  const perCustomer = purchases
    .groupBy("customerId")
    .agg(
      col("date").min().alias("first"),
      col("date").max().alias("last"),
      col("amount")
        .filter(col("date").gt(instant(interruption)))
        .sum()
        .alias("recent"),
      col("amount")
        .filter(
          col("date")
            .gt(instant(before))
            .and(col("date").ltEq(instant(interruption))),
        )
        .sum()
        .alias("earlier"),
    )
    .join(recovered, { on: "customerId", how: "left" })
    .withColumns(col("customerId").cast(pl.Utf8).alias("id"));
  const change = col("recent").sub(col("earlier")).div(col("earlier"));
  const noticed = col("terminationNoticeAt")
    .ltEq(instant(asOf))
    .and(col("noticeWithdrawnAt").ltEq(instant(asOf)).fillNull(false).not());
  return customers
    .lazy()
    .join(perCustomer, { on: "id", how: "left" })
    .select(
      "id",
      pl
        .when(col("first").isNull())
        .then(pl.lit("prospecting"))
        .when(noticed.fillNull(false))
        .then(pl.lit("decline")) // the termination phase of decline
        .when(col("last").ltEq(instant(interruption)))
        .then(pl.lit("interruption"))
        .when(col("recovered").fillNull(false))
        .then(pl.lit("recovery"))
        .when(col("first").gt(instant(recoveryFrom)))
        .then(pl.lit("socialization"))
        .when(
          col("earlier")
            .eq(0)
            .and(col("recent").gt(0))
            .or(col("earlier").gt(0).and(change.gtEq(0.1))),
        )
        .then(pl.lit("growth"))
        .when(col("earlier").gt(0).and(change.ltEq(-0.1)))
        .then(pl.lit("decline"))
        .otherwise(pl.lit("maturity"))
        .alias("stage"),
    )
    .collectSync();
});

// 7. Value-weighted satisfaction, as pandas_bench.py computes it: per indicator the plain and
// the value-weighted mean with linearisation standard errors and normal intervals, Kish's
// effective n, the value-adjusted scores per respondent, and the index's standard errors.
const INDICATORS = survey.columns.filter((c) => c !== "customerId" && c !== "value");
const satisfaction = time("valueWeightedSatisfaction", () => {
  const k = col("value");
  const answered = (q: string) => col(q).isNotNull();
  // First the means and totals per indicator, then everything that depends on them.
  const [reference, ...firsts] = survey
    .select(
      k.mean().alias("reference"),
      ...INDICATORS.flatMap((q) => [
        col(q).count().alias(`${q}_n`),
        k.filter(answered(q)).sum().alias(`${q}_total`),
        col(q).mean().alias(`${q}_mu`),
        col(q)
          .mul(k)
          .sum()
          .div(k.filter(answered(q)).sum())
          .alias(`${q}_mw`),
      ]),
    )
    .row(0) as number[];
  const at = (i: number) => (q: string) => firsts[INDICATORS.indexOf(q) * 4 + i]!;
  const [n, total, mu, mw] = [at(0), at(1), at(2), at(3)];
  // Linearisation (influence) values of each mean, null where the indicator was skipped.
  const u = (q: string) => col(q).sub(mu(q)).div(n(q));
  const w = (q: string) => k.mul(col(q).sub(mw(q))).div(total(q));
  const se = (q: string, z: pl.Expr) =>
    z
      .sub(z.mean())
      .pow(2)
      .sum()
      .mul(n(q) / (n(q) - 1))
      .pow(0.5);
  const indexSe = (z: (q: string) => pl.Expr) =>
    pl
      .sumHorizontal(INDICATORS.map((q) => z(q).fillNull(0).div(INDICATORS.length)))
      .pow(2)
      .sum()
      .pow(0.5);
  const adjusted = (q: string) => col(q).mul(k).div(reference!);
  const stats = survey
    .select(
      ...INDICATORS.flatMap((q) => [
        se(q, u(q)).alias(`${q}_se_u`),
        se(q, w(q)).alias(`${q}_se_w`),
        pl
          .lit(total(q) ** 2)
          .div(k.filter(answered(q)).pow(2).sum())
          .alias(`${q}_n_eff`),
        adjusted(q).mean().alias(`${q}_adjusted_mean`),
        adjusted(q).max().alias(`${q}_adjusted_max`),
      ]),
      indexSe(u).alias("index_se_u"),
      indexSe(w).alias("index_se_w"),
    )
    .withColumns(
      ...INDICATORS.flatMap((q) => [
        pl.lit(mu(q)).alias(`${q}_mu`),
        pl.lit(mw(q)).alias(`${q}_mw`),
        ...["u", "w"].flatMap((z) => {
          const [mean, error] = [z === "u" ? mu(q) : mw(q), col(`${q}_se_${z}`).mul(1.96)];
          return [pl.lit(mean).sub(error).alias(`${q}_m${z}_lo`), error.add(mean).alias(`${q}_m${z}_hi`)];
        }),
      ]),
    );
  // The adjusted scores per respondent, as a DataFrame (polars' own result; the library
  // and pandas make one object per respondent).
  const responses = survey.select(col("customerId"), k, ...INDICATORS.map((q) => adjusted(q).alias(q)));
  return { stats, responses };
});

const peakRssMB = process.resourceUsage().maxRSS / 1024;
const sum = (frame: pl.DataFrame, c: string) => Number(frame.getColumn(c).sum());
const stageCounts: Record<string, number> = {};
for (const s of stages.getColumn("stage").toArray() as string[]) stageCounts[s] = (stageCounts[s] ?? 0) + 1;
const stat = (name: string) => Number(satisfaction.stats.getColumn(name).get(0));
console.log(
  JSON.stringify({
    engine: "polars",
    timings,
    all: every,
    first,
    peakRssMB,
    check: {
      rows: df.height,
      customers: totals.height,
      rfmRows: rfm.height,
      rfmFrequency: sum(rfm, "frequency"),
      rfmRecency: sum(rfm, "recency"),
      rfmT: sum(rfm, "T"),
      rfmMonetaryValue: sum(rfm, "monetaryValue"),
      activityPeriods: activity.height,
      activityActive: sum(activity, "active"),
      activityNew: sum(activity, "new"),
      activityRetained: sum(activity, "retained"),
      activityChurned: sum(activity, "churned"),
      activityRevenue: sum(activity, "revenue"),
      cohorts: cohorts.getColumn("cohort").nUnique(),
      cohortActive: sum(cohorts, "active"),
      cohortRevenue: sum(cohorts, "revenue"),
      paretoHeadCount: pareto.head,
      paretoHeadValueShare: pareto.headValueShare,
      gini: pareto.gini,
      stages: stageCounts,
      responses: survey.height,
      satisfactionUnweighted: INDICATORS.slice()
        .sort()
        .map((q) => stat(`${q}_mu`)),
      satisfactionWeighted: INDICATORS.slice()
        .sort()
        .map((q) => stat(`${q}_mw`)),
    },
  }),
);
