/**
 * What the library's two bench processes (bench/lib_bench.ts on a `TransactionTable`,
 * bench/lib_records_bench.ts on arrays of records) share: the timer, the customer list,
 * and the `check` figures that bench/run.ts compares across engines.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type {
  CohortRow,
  Customer,
  LifecycleRow,
  PeriodActivityRow,
  RfmSummaryRow,
  SurveyResponse,
} from "customer-value";

/** A full collection outside the timed span, when node runs with --expose-gc (bench/run.ts does). */
const collect = () => (globalThis as { gc?: () => void }).gc?.();

/** Medians (ms), every timed run, and the first calls, by computation. */
export interface Timings {
  readonly timings: Record<string, number>;
  readonly all: Record<string, number[]>;
  readonly first: Record<string, number[]>;
}

/**
 * A timer: `time(name, f)` calls `f` `warmup` times (timed apart: the engine compiles as
 * they run), then `runs` times, each after a full collection, and keeps the median.
 */
export function createTimer(runs: number, warmup: number) {
  const out: Timings = { timings: {}, all: {}, first: {} };
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
    out.first[name] = times.splice(0, warmup);
    out.all[name] = times;
    out.timings[name] = times.slice().sort((a, b) => a - b)[Math.floor(runs / 2)]!;
    return result as T;
  }
  return { time, ...out };
}

/** The customer list of `customers.csv`, as records, as a caller would have them. */
export function readCustomers(dir: string): Customer[] {
  const customers: Customer[] = [];
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
  return customers;
}

/** The survey of `survey.csv`: responses as records, and each respondent's value. */
export function readSurvey(dir: string): { responses: SurveyResponse[]; values: Map<string, number> } {
  const responses: SurveyResponse[] = [];
  const values = new Map<string, number>();
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
    values.set(cells[0]!, Number(cells[1]));
  }
  return { responses, values };
}

// The check figures: totals every engine can give, so that bench/run.ts can show where
// two engines computed different things. Each is untimed.

const total = (xs: Iterable<number>) => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

export function rfmCheck(rows: readonly RfmSummaryRow[]) {
  return {
    rfmRows: rows.length,
    rfmFrequency: total(rows.map((r) => r.frequency)),
    rfmRecency: total(rows.map((r) => r.recency)),
    rfmT: total(rows.map((r) => r.T)),
    rfmMonetaryValue: total(rows.map((r) => r.monetaryValue)),
  };
}

export function activityCheck(rows: readonly PeriodActivityRow[]) {
  return {
    activityPeriods: rows.length,
    activityActive: total(rows.map((r) => r.active)),
    activityNew: total(rows.map((r) => r.new)),
    activityRetained: total(rows.map((r) => r.retained)),
    activityChurned: total(rows.map((r) => r.churned)),
    activityRevenue: total(rows.map((r) => r.revenue)),
  };
}

export function cohortCheck(rows: readonly CohortRow[]) {
  return {
    cohorts: rows.length,
    cohortActive: total(rows.flatMap((r) => r.active)),
    cohortRevenue: total(rows.flatMap((r) => r.revenue)),
  };
}

export function paretoCheck(split: { headCount: number; headValueShare: number }, gini: number) {
  return { paretoHeadCount: split.headCount, paretoHeadValueShare: split.headValueShare, gini };
}

export function stageCheck(rows: readonly LifecycleRow[]) {
  const stages: Record<string, number> = {};
  for (const r of rows) stages[r.stage] = (stages[r.stage] ?? 0) + 1;
  return { stages };
}

export function satisfactionCheck(result: {
  indicators: Readonly<Record<string, { unweighted: number | null; weighted: number | null }>>;
}) {
  const names = Object.keys(result.indicators).sort();
  return {
    satisfactionUnweighted: names.map((n) => result.indicators[n]!.unweighted),
    satisfactionWeighted: names.map((n) => result.indicators[n]!.weighted),
  };
}
