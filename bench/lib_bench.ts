/**
 * This library's side of the bench: one process per size, reading the files that
 * `bench/data.ts` wrote, timing each computation (median of `runs`, after `warmup` first
 * calls, timed apart), and printing one JSON line with the medians (ms), every run, the
 * first calls and the peak resident memory of the whole process (MB).
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
  type SurveyResponse,
  transactionTableFromCsv,
  valueWeightedSatisfaction,
} from "customer-value";
import { fitBgNbd } from "customer-value/models";

const dir = process.argv[2]!;
const runs = Number(process.argv[3] ?? 3);
const warmup = Number(process.argv[4] ?? 2);
const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as { asOf: string };

/** A full collection outside the timed span, when node runs with --expose-gc (bench/run.ts does). */
const collect = () => (globalThis as { gc?: () => void }).gc?.();

const timings: Record<string, number> = {};
const all: Record<string, number[]> = {};
const first: Record<string, number[]> = {};
/** `warmup` first calls (timed apart: the engine compiles as they run), then `runs` timed ones. */
function time<T>(name: string, f: () => T): T {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < warmup + runs; i++) {
    result = undefined; // let the previous result go before the next run
    collect();
    const t0 = performance.now();
    result = f();
    times.push(performance.now() - t0);
  }
  first[name] = times.splice(0, warmup);
  all[name] = times;
  timings[name] = times.slice().sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  return result as T;
}

// 1. Ingestion and validation: file bytes -> checked columnar table.
const table = time("ingest", () => transactionTableFromCsv(readFileSync(join(dir, "transactions.csv"))));

// 2. RFM summary (lifetimes' summary_data_from_transaction_data: day-level purchases),
// and 8. the BG/NBD fit on it (run here so that the summary need not stay alive).
let rfm: RfmSummaryRow[] | undefined = time("rfmSummary", () =>
  rfmSummary(table, { observationEnd: meta.asOf }),
);
const bg = time("fitBgNbd", () => fitBgNbd(rfm!));
const rfmRows = rfm.length;
rfm = undefined;

// 3. Monthly activity: active, new, retained, reactivated, churned, revenue per month.
time("periodActivity", () => periodActivity(table, { period: "month" }));

// 4. Monthly cohorts, classic retention (and revenue retention).
time("cohortRetention", () => cohortRetention(table, { period: "month" }));

// 5. Pareto split and Gini of customer totals (the totals themselves are untimed set-up).
const totals = new Float64Array(table.customerIds.length);
for (let i = 0; i < table.length; i++) totals[table.customer[i]!]! += table.amount[i]!;
// Columnar input (ItemColumns), as pandas holds the totals: ids and a Float64Array of values;
// both functions check it in full (ids unique, values finite and >= 0) on every call.
const columns = { ids: table.customerIds, values: totals };
time("paretoSplit+gini", () => [paretoSplit(columns), gini(columns.values)]);

// Untimed set-up, made only now (and dropped after use) so that the record objects do not
// weigh on the garbage collector during the columnar computations above: the customer list
// and the survey as records, as a caller would have them.

// 6. Lifecycle stage of every customer at the end of the history.
let customers: Customer[] = [];
{
  const lines = readFileSync(join(dir, "customers.csv"), "utf8").split("\n");
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === "") continue;
    const [id, notice, withdrawn, satisfaction] = lines[i]!.split(",");
    const c: Record<string, unknown> = { id };
    if (notice) c.terminationNoticeAt = notice;
    if (withdrawn) c.noticeWithdrawnAt = withdrawn;
    if (satisfaction) c.satisfaction = Number(satisfaction);
    customers.push(c as Customer);
  }
}
time("classifyLifecycles", () => classifyLifecycles(customers, table, { asOf: meta.asOf }));
customers = [];

const responses: SurveyResponse[] = [];
const responseValues = new Map<string, number>();
{
  const lines = readFileSync(join(dir, "survey.csv"), "utf8").split("\n");
  const names = lines[0]!.split(",").slice(2);
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === "") continue;
    const cells = lines[i]!.split(",");
    const scores: Record<string, number | null> = {};
    names.forEach((name, k) => {
      const cell = cells[k + 2]!;
      scores[name] = cell === "" ? null : Number(cell);
    });
    responses.push({ customerId: cells[0]!, scores });
    responseValues.set(cells[0]!, Number(cells[1]));
  }
}

// 7. Value-weighted satisfaction of the survey.
time("valueWeightedSatisfaction", () => valueWeightedSatisfaction(responses, responseValues));

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
      rfmRows,
      bgNbd: [bg.r, bg.alpha, bg.a, bg.b],
      bgNbdEvaluations: bg.evaluations,
      bgNbdLogLikelihood: bg.logLikelihood,
      responses: responses.length,
    },
  }),
);
