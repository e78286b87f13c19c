/**
 * This library's side of the bench, on a `TransactionTable`: one process per size, reading
 * the files that `bench/data.ts` wrote, timing each computation (median of `runs`, after
 * `warmup` first calls, timed apart), and printing one JSON line with the medians (ms),
 * every run, the first calls, the peak resident memory of the whole process (MB) and the
 * check figures that bench/run.ts compares across engines.
 *
 *   npx tsx bench/lib_bench.ts <dir> <runs> <warmup>
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type Customer,
  classifyLifecycles,
  cohortRetention,
  gini,
  paretoSplit,
  periodActivity,
  type RfmSummaryRow,
  rfmSummary,
  transactionTableFromCsv,
  valueWeightedSatisfaction,
} from "customer-value";
import { fitBgNbd } from "customer-value/models";
import {
  activityCheck,
  cohortCheck,
  createTimer,
  paretoCheck,
  readCustomers,
  readSurvey,
  rfmCheck,
  satisfactionCheck,
  stageCheck,
} from "./lib_common.js";

const dir = process.argv[2]!;
const runs = Number(process.argv[3] ?? 3);
const warmup = Number(process.argv[4] ?? 2);
const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as { asOf: string };
const { time, timings, all, first } = createTimer(runs, warmup);

// 1. Ingestion and validation: file bytes -> checked columnar table.
const table = time("ingest", () => transactionTableFromCsv(readFileSync(join(dir, "transactions.csv"))));

// 2. RFM summary (lifetimes' summary_data_from_transaction_data: day-level purchases),
// and 8. the BG/NBD fit on it (run here so that the summary need not stay alive).
let rfm: RfmSummaryRow[] | undefined = time("rfmSummary", () =>
  rfmSummary(table, { observationEnd: meta.asOf }),
);
const bg = time("fitBgNbd", () => fitBgNbd(rfm!));
const rfmFigures = rfmCheck(rfm);
rfm = undefined;

// 3. Monthly activity: active, new, retained, reactivated, churned, revenue per month.
const activity = activityCheck(time("periodActivity", () => periodActivity(table, { period: "month" })));

// 4. Monthly cohorts, classic retention (and revenue retention).
const cohorts = cohortCheck(time("cohortRetention", () => cohortRetention(table, { period: "month" })));

// 5. Pareto split and Gini of customer totals (the totals themselves are untimed set-up).
const totals = new Float64Array(table.customerIds.length);
for (let i = 0; i < table.length; i++) totals[table.customer[i]!]! += table.amount[i]!;
// Columnar input (ItemColumns), as pandas holds the totals: ids and a Float64Array of values;
// both functions check it in full (ids unique, values finite and >= 0) on every call.
const columns = { ids: table.customerIds, values: totals };
const [split, g] = time("paretoSplit+gini", () => [paretoSplit(columns), gini(columns.values)] as const);
const pareto = paretoCheck(split, g);

// Untimed set-up, made only now (and dropped after use) so that the record objects do not
// weigh on the garbage collector during the columnar computations above: the customer list
// and the survey as records, as a caller would have them.

// 6. Lifecycle stage of every customer at the end of the history.
let customers: Customer[] = readCustomers(dir);
const stages = stageCheck(
  time("classifyLifecycles", () => classifyLifecycles(customers, table, { asOf: meta.asOf })),
);
customers = [];

// 7. Value-weighted satisfaction of the survey.
const { responses, values } = readSurvey(dir);
const satisfaction = satisfactionCheck(
  time("valueWeightedSatisfaction", () => valueWeightedSatisfaction(responses, values)),
);

const peakRssMB = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    engine: "library",
    timings,
    all,
    first,
    peakRssMB,
    check: {
      rows: table.length,
      customers: table.customerIds.length,
      ...rfmFigures,
      bgNbd: [bg.r, bg.alpha, bg.a, bg.b],
      bgNbdEvaluations: bg.evaluations,
      bgNbdLogLikelihood: bg.logLikelihood,
      ...activity,
      ...cohorts,
      ...pareto,
      ...stages,
      responses: responses.length,
      ...satisfaction,
    },
  }),
);
