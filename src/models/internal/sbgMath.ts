/**
 * The shifted-beta-geometric (sBG) model of contract renewals (Fader & Hardie 2007,
 * "How to project customer retention", Journal of Interactive Marketing 21(1)) on
 * plain numbers, validated by the callers. Not public.
 *
 * Each customer renews at the end of every period with probability 1 - theta,
 * theta ~ Beta(alpha, beta); T is the period at whose end the customer leaves.
 */
import { CustomerValueError, type ValidationIssue } from "../../errors/CustomerValueError.js";
import { describeValue } from "../../internal/dates.js";
import { digamma, logGamma } from "./special.js";

/** The most periods a cohort may span. */
export const MAX_SBG_PERIODS = 10_000;

/**
 * ln P(T = t) = ln B(alpha+1, beta+t-1) - ln B(alpha, beta) (t >= 1) and
 * ln S(t) = ln B(alpha, beta+t) - ln B(alpha, beta) (t >= 0).
 */
export function sbgLogChurn(alpha: number, beta: number, t: number): number {
  return (
    Math.log(alpha) +
    logGamma(beta + t - 1) -
    logGamma(beta) +
    logGamma(alpha + beta) -
    logGamma(alpha + beta + t)
  );
}

/** ln S(t): the log-probability of still being a customer after t periods. */
export function sbgLogSurvival(alpha: number, beta: number, t: number): number {
  return logGamma(beta + t) - logGamma(beta) + logGamma(alpha + beta) - logGamma(alpha + beta + t);
}

/**
 * `LL = sum_cohorts [sum_{t=1..k} (n_{t-1} - n_t) ln P(T=t) + n_k ln S(k)]` from the
 * counts still active `n_0 (cohort size), n_1, ..., n_k`, and its gradient:
 * d ln P(T=t)/d alpha = 1/alpha + psi(alpha+beta) - psi(alpha+beta+t),
 * d ln P(T=t)/d beta = psi(beta+t-1) - psi(beta) + psi(alpha+beta) - psi(alpha+beta+t),
 * d ln S(t)/d alpha = psi(alpha+beta) - psi(alpha+beta+t),
 * d ln S(t)/d beta = psi(beta+t) - psi(beta) + psi(alpha+beta) - psi(alpha+beta+t).
 */
export function sbgTotal(
  theta: readonly number[],
  cohorts: readonly (readonly number[])[],
  gradient?: number[],
): number {
  const [alpha, beta] = theta as [number, number];
  const psiB = digamma(beta);
  const psiAB = digamma(alpha + beta);
  let total = 0;
  let ga = 0;
  let gb = 0;
  for (const counts of cohorts) {
    const k = counts.length - 1;
    for (let t = 1; t <= k; t++) {
      const lost = counts[t - 1]! - counts[t]!;
      if (lost === 0) continue;
      total += lost * sbgLogChurn(alpha, beta, t);
      if (gradient === undefined) continue;
      const psiABt = digamma(alpha + beta + t);
      ga += lost * (1 / alpha + psiAB - psiABt);
      gb += lost * (digamma(beta + t - 1) - psiB + psiAB - psiABt);
    }
    const left = counts[k]!;
    if (left === 0) continue;
    total += left * sbgLogSurvival(alpha, beta, k);
    if (gradient === undefined) continue;
    const psiABk = digamma(alpha + beta + k);
    ga += left * (psiAB - psiABk);
    gb += left * (digamma(beta + k) - psiB + psiAB - psiABk);
  }
  if (gradient !== undefined) {
    gradient[0] = ga;
    gradient[1] = gb;
  }
  return total;
}

/**
 * Reads the counts still active per period, beginning with the cohort size — one
 * cohort as numbers, or several as arrays of numbers — checking every cohort (all
 * problems at once): at least two counts, whole numbers, the first > 0, none above
 * the one before.
 */
export function readCohorts(input: unknown, fnName: string): number[][] {
  if (!Array.isArray(input)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fnName}: activeCounts must be an array of counts (or of such arrays), got ${describeValue(input)}`,
    );
  }
  if (input.length === 0)
    throw new CustomerValueError("EMPTY_INPUT", `${fnName}: activeCounts must not be empty`);
  const several = Array.isArray(input[0]);
  const cohorts = (several ? input : [input]) as unknown[];
  const issues: ValidationIssue[] = [];
  for (let c = 0; c < cohorts.length; c++) checkCohort(cohorts[c], several ? `[${c}]` : "", issues);
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fnName}: invalid activeCounts (${issues.length} issues)`,
      {
        issues,
      },
    );
  }
  return cohorts as number[][];
}

function checkCohort(cohort: unknown, path: string, issues: ValidationIssue[]): void {
  if (!Array.isArray(cohort) || cohort.length < 2 || cohort.length > MAX_SBG_PERIODS + 1) {
    issues.push({
      path: path || "activeCounts",
      message: `expected an array of 2 to ${MAX_SBG_PERIODS + 1} counts (the cohort size, then the customers still active after each period), got ${describeValue(cohort)}`,
    });
    return;
  }
  cohort.forEach((v, t) => {
    const where = `${path}[${t}]`;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
      issues.push({ path: where, message: `expected a whole number >= 0, got ${describeValue(v)}` });
    } else if (t === 0 && v === 0) {
      issues.push({ path: where, message: "the cohort size must be > 0" });
    } else if (t > 0 && typeof cohort[t - 1] === "number" && v > cohort[t - 1]) {
      issues.push({
        path: where,
        message: `must be at most the count before it (${cohort[t - 1]}): customers who left do not come back in this model, got ${v}`,
      });
    }
  });
}
