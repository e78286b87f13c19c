/** Test helpers for the models domain: data loading, a seeded simulator, float comparison. */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

/** ../shared/data/cdnow_lifetimes from the repo root. */
export const CDNOW_DIR = fileURLToPath(new URL("../../../../shared/data/cdnow_lifetimes/", import.meta.url));
export const HAS_CDNOW = existsSync(`${CDNOW_DIR}cdnow_customers_summary.csv`);
/** Skip the data tests only outside CI: under CI a missing data folder must fail them. */
export const SKIP_CDNOW = !HAS_CDNOW && !process.env["CI"];

export interface Row {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  monetaryValue?: number;
}

/** cdnow_customers_summary.csv (ID,frequency,recency,T; weeks). */
export function loadCdnowSummary(): Row[] {
  const lines = readFileSync(`${CDNOW_DIR}cdnow_customers_summary.csv`, "utf8").trim().split("\n").slice(1);
  return lines.map((line) => {
    const [id, f, r, T] = line.split(",");
    return { customerId: id!, frequency: Number(f), recency: Number(r), T: Number(T) };
  });
}

/** cdnow_customers_summary_with_transactions.csv (ID,x,t_x,T,zbar) as model rows. */
export function loadCdnowWithSpend(): Row[] {
  const lines = readFileSync(`${CDNOW_DIR}cdnow_customers_summary_with_transactions.csv`, "utf8")
    .trim()
    .split("\n")
    .slice(1);
  return lines.map((line) => {
    const [id, x, tx, T, zbar] = line.split(",");
    return {
      customerId: id!,
      frequency: Number(x),
      recency: Number(tx),
      T: Number(T),
      monetaryValue: Number(zbar),
    };
  });
}

/** CDNOW_sample.txt (master id, sample id, YYYYMMDD, CDs, dollars; CRLF) as transactions of the sample ids. */
export function loadCdnowTransactions(): { customerId: string; date: string; amount: number }[] {
  const lines = readFileSync(`${CDNOW_DIR}CDNOW_sample.txt`, "utf8").trim().split(/\r?\n/);
  return lines.map((line) => {
    const [, id, d, , dollars] = line.trim().split(/\s+/);
    return {
      customerId: id!,
      date: `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)}`,
      amount: Number(dollars),
    };
  });
}

/** donations.csv (frequency,recency,periods,weights): the BG/BB rows of Fader, Hardie & Shang (2010). */
export function loadDonations(): { frequency: number; recency: number; periods: number; weight: number }[] {
  const lines = readFileSync(`${CDNOW_DIR}donations.csv`, "utf8").trim().split("\n").slice(1);
  return lines.map((line) => {
    const [frequency, recency, periods, weight] = line.split(",").map(Number);
    return { frequency: frequency!, recency: recency!, periods: periods!, weight: weight! };
  });
}

/** |actual - expected| <= rel * |expected| (or <= rel when expected is 0). */
export function expectClose(actual: number, expected: number, rel: number): void {
  const scale = expected === 0 ? 1 : Math.abs(expected);
  expect(Number.isFinite(actual), `${actual} is not finite`).toBe(true);
  expect(Math.abs(actual - expected) / scale, `${actual} vs ${expected}`).toBeLessThanOrEqual(rel);
}

/** For log-likelihoods: |actual - expected| <= tol * max(1, |expected|) (a log near 0 is compared absolutely). */
export function expectCloseLog(actual: number, expected: number, tol: number): void {
  expect(Number.isFinite(actual), `${actual} is not finite`).toBe(true);
  expect(
    Math.abs(actual - expected) / Math.max(1, Math.abs(expected)),
    `${actual} vs ${expected}`,
  ).toBeLessThanOrEqual(tol);
}

/** An independent maximum-likelihood fit (scipy + mpmath): parameters, standard errors, log-likelihood. */
export interface ReferenceFit<Name extends string> {
  readonly params: Readonly<Record<Name, number>>;
  readonly standardErrors: Readonly<Record<Name, number>>;
  readonly logLikelihood: number;
}

/**
 * Checks a fit against an independent one: each parameter, each standard error and the
 * log-likelihood within its relative tolerance (set at about 10x the error achieved).
 */
export function expectReferenceFit<Name extends string>(
  model: Readonly<Record<NoInfer<Name>, number>> & {
    readonly standardErrors: Readonly<Record<NoInfer<Name>, number | null>>;
    readonly logLikelihood: number;
  },
  ref: ReferenceFit<Name>,
  tolerance: { readonly params: number; readonly standardErrors: number; readonly logLikelihood: number },
): void {
  for (const name of Object.keys(ref.params) as Name[]) {
    expectClose(model[name], ref.params[name], tolerance.params);
    const se = model.standardErrors[name];
    expect(se, `standard error of ${name}`).not.toBeNull();
    expectClose(se!, ref.standardErrors[name], tolerance.standardErrors);
  }
  expectClose(model.logLikelihood, ref.logLikelihood, tolerance.logLikelihood);
}

/**
 * Checks that a fit on simulated data recovers the true parameters: each standard
 * error positive and each estimate within 3 standard errors of the truth.
 */
export function expectRecovered<Name extends string>(
  model: Readonly<Record<NoInfer<Name>, number>> & {
    readonly standardErrors: Readonly<Record<NoInfer<Name>, number | null>>;
  },
  truth: Readonly<Record<Name, number>>,
): void {
  for (const name of Object.keys(truth) as Name[]) {
    const se = model.standardErrors[name]!;
    expect(se, `standard error of ${name}`).toBeGreaterThan(0);
    expect(Math.abs(model[name] - truth[name]), name).toBeLessThan(3 * se);
  }
}

/** Freezes simulated rows (each row and the array: a fit must not mutate its input) and fits them. */
export function fitSimulated<Row extends object, Model>(
  rows: Row[],
  fitModel: (summary: readonly Readonly<Row>[]) => Model,
): { summary: readonly Readonly<Row>[]; model: Model } {
  const summary = Object.freeze(rows.map((row) => Object.freeze(row)));
  return { summary, model: fitModel(summary) };
}
