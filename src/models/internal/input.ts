/**
 * Reading the per-customer summary the models are fitted on, and the fitting
 * machinery they share (optimiser on log-parameters, standard errors). Not public.
 */
import { CustomerValueError, type ValidationIssue } from "../../errors/CustomerValueError.js";
import { assertArray, assertFinite, assertInRange, assertOptions } from "../../internal/assert.js";
import { describeValue } from "../../internal/dates.js";
import { invertPositiveDefinite, nelderMead, numericalHessian } from "./optimize.js";

/**
 * One customer as the models see it: the output row of `rfmSummary` (or any
 * object with these fields). Times are in one unit of your choice (days or weeks);
 * every time-dependent result of a model fitted on these rows is in that unit.
 */
export interface ModelCustomer {
  /** Optional id, carried into per-customer results. */
  readonly customerId?: string;
  /** Number of repeat purchases (periods with a purchase after the first); a whole number >= 0. */
  readonly frequency: number;
  /** Time from the first to the last purchase; 0 when `frequency` is 0; at most `T`. */
  readonly recency: number;
  /**
   * Time from the first purchase to the end of observation; >= 0 (a customer whose
   * first purchase is at the end, T = 0, adds nothing to a likelihood, as in `lifetimes`).
   */
  readonly T: number;
  /** Mean value of the repeat purchases (Gamma-Gamma only); > 0 when `frequency` > 0. */
  readonly monetaryValue?: number;
}

/** The summary as columns of unique (frequency, recency, T) rows with their counts. */
export interface SummaryColumns {
  readonly n: number;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  /** The distinct frequencies, and each row's index into them (for per-frequency caching). */
  readonly levels: Float64Array;
  readonly level: Int32Array;
  /** Distinct (frequency, time) pairs among (x, tx) and (x, T), and each row's two indices into them. */
  readonly pairX: Float64Array;
  readonly pairTime: Float64Array;
  readonly txPair: Int32Array;
  readonly TPair: Int32Array;
  /**
   * The distinct times among recency and T, and each row's two indices into them:
   * a likelihood computes `log(alpha + t)` once per distinct time instead of twice
   * per row (daily data holds a few thousand distinct times for any number of rows).
   */
  readonly times: Float64Array;
  readonly txTime: Int32Array;
  readonly TTime: Int32Array;
}

/** Checks one customer row; pushes every problem to `issues` under `path`. */
export function checkCustomer(
  row: unknown,
  path: string,
  issues: ValidationIssue[],
  needMonetary: boolean,
): void {
  if (typeof row !== "object" || row === null) {
    issues.push({
      path,
      message: `expected an object with frequency, recency and T, got ${describeValue(row)}`,
    });
    return;
  }
  const r = row as Record<string, unknown>;
  const { frequency, recency, T } = r;
  const validF = typeof frequency === "number" && Number.isInteger(frequency) && frequency >= 0;
  if (!validF) {
    issues.push({
      path: `${path}.frequency`,
      message: `expected a whole number >= 0, got ${describeValue(frequency)}`,
    });
  }
  const validT = typeof T === "number" && Number.isFinite(T) && T >= 0;
  if (!validT)
    issues.push({ path: `${path}.T`, message: `expected a finite number >= 0, got ${describeValue(T)}` });
  if (typeof recency !== "number" || !Number.isFinite(recency) || recency < 0) {
    issues.push({
      path: `${path}.recency`,
      message: `expected a finite number >= 0, got ${describeValue(recency)}`,
    });
  } else if (validT && recency > (T as number)) {
    issues.push({
      path: `${path}.recency`,
      message: `must be at most T (${T}), got ${recency}; recency is the time from the first to the last purchase`,
    });
  } else if (validF && frequency === 0 && recency !== 0) {
    issues.push({
      path: `${path}.recency`,
      message: `must be 0 when frequency is 0, got ${recency}; recency is the time from the first to the last purchase (as rfmSummary computes it), not the time since the last purchase`,
    });
  }
  if (needMonetary && validF && (frequency as number) > 0) {
    const m = r["monetaryValue"];
    if (typeof m !== "number" || !Number.isFinite(m) || m <= 0) {
      issues.push({
        path: `${path}.monetaryValue`,
        message: `expected a finite number > 0 for a repeat buyer, got ${describeValue(m)}`,
      });
    }
  }
}

/** Validates the summary (all problems at once) and groups identical rows. */
export function readSummary(summary: readonly ModelCustomer[], fnName: string): SummaryColumns {
  assertArray(summary, `${fnName}: summary`);
  if (summary.length === 0) {
    throw new CustomerValueError("EMPTY_INPUT", `${fnName}: summary must hold at least one customer, got 0`);
  }
  const issues: ValidationIssue[] = [];
  for (let i = 0; i < summary.length; i++) checkCustomer(summary[i], `[${i}]`, issues, false);
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fnName}: invalid summary rows (${issues.length} issues)`,
      {
        issues,
      },
    );
  }
  const index = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const weight: number[] = [];
  for (const row of summary) {
    const key = `${row.frequency}|${row.recency}|${row.T}`;
    const k = index.get(key);
    if (k === undefined) {
      index.set(key, x.length);
      x.push(row.frequency);
      tx.push(row.recency);
      T.push(row.T);
      weight.push(1);
    } else {
      weight[k]!++;
    }
  }
  const levelIndex = new Map<number, number>();
  const levels: number[] = [];
  const level = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let k = levelIndex.get(x[i]!);
    if (k === undefined) {
      k = levels.length;
      levelIndex.set(x[i]!, k);
      levels.push(x[i]!);
    }
    level[i] = k;
  }
  const pairIndex = new Map<string, number>();
  const pairX: number[] = [];
  const pairTime: number[] = [];
  const pairOf = (xi: number, time: number) => {
    const key = `${xi}|${time}`;
    let k = pairIndex.get(key);
    if (k === undefined) {
      k = pairX.length;
      pairIndex.set(key, k);
      pairX.push(xi);
      pairTime.push(time);
    }
    return k;
  };
  const txPair = new Int32Array(x.length);
  const TPair = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    txPair[i] = pairOf(x[i]!, tx[i]!);
    TPair[i] = pairOf(x[i]!, T[i]!);
  }
  const timeIndex = new Map<number, number>();
  const times: number[] = [];
  const timeOf = (time: number) => {
    let k = timeIndex.get(time);
    if (k === undefined) {
      k = times.length;
      timeIndex.set(time, k);
      times.push(time);
    }
    return k;
  };
  const txTime = new Int32Array(x.length);
  const TTime = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    txTime[i] = timeOf(tx[i]!);
    TTime[i] = timeOf(T[i]!);
  }
  return {
    n: summary.length,
    times: Float64Array.from(times),
    txTime,
    TTime,
    levels: Float64Array.from(levels),
    level,
    pairX: Float64Array.from(pairX),
    pairTime: Float64Array.from(pairTime),
    txPair,
    TPair,
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    weight: Float64Array.from(weight),
  };
}

/** Validates one customer passed to a prediction method. */
export function readCustomer(customer: ModelCustomer, where: string, needMonetary = false): void {
  const issues: ValidationIssue[] = [];
  checkCustomer(customer, "customer", issues, needMonetary);
  if (issues.length > 0) {
    throw new CustomerValueError("INVALID_RECORD", `${where}: invalid customer`, { issues });
  }
}

/** Validates a time argument `t >= 0` (in the unit of the data). */
export function readTime(t: unknown, where: string): number {
  assertFinite(t, where);
  if (t < 0) throw new CustomerValueError("INVALID_OPTION", `${where} must be >= 0, got ${t}`);
  return t;
}

/** Options every fit accepts. */
export interface FitOptions {
  /**
   * L2 penalty coefficient `lambda >= 0`, as in Python `lifetimes`: the fit
   * minimises `-LL / n + lambda * sum(theta^2)` over the natural parameters
   * `theta`. Shrinks the parameters towards 0; use a small value (0.001 to 0.1)
   * when the unpenalised fit runs off to an extreme. Default 0.
   */
  readonly penalty?: number;
  /** Starting values of the parameters (all > 0). Default all 1, as `lifetimes`. */
  readonly initialParams?: Readonly<Record<string, number>>;
  /** Largest number of likelihood evaluations. Default 20000. */
  readonly maxEvaluations?: number;
}

/** What the shared fitter returns. */
export interface FitOutcome {
  readonly params: number[];
  readonly logLikelihood: number;
  readonly standardErrors: (number | null)[];
  readonly evaluations: number;
}

// Parameters beyond these bounds (in log space) mean the fit ran to a boundary.
const LOG_BOUND = 25;

/**
 * Maximises `logLikelihood(theta)` (the total over customers) over `theta > 0` by
 * Nelder-Mead on `log(theta)`, with the optional L2 penalty; then computes the
 * standard errors from the numerical Hessian of `-LL + n lambda sum theta^2` at
 * the optimum, on the natural parameters. Throws `NOT_CONVERGED` when the search
 * does not settle, runs to a boundary, or ends where the likelihood is not finite.
 */
export function fitByMaximumLikelihood(
  fnName: string,
  names: readonly string[],
  n: number,
  logLikelihood: (theta: readonly number[]) => number,
  options: FitOptions,
): FitOutcome {
  assertOptions(options, fnName);
  const penalty = options.penalty ?? 0;
  assertInRange(penalty, `${fnName}: options.penalty`, 0, Number.POSITIVE_INFINITY);
  const maxEvaluations = options.maxEvaluations ?? 20_000;
  assertInRange(maxEvaluations, `${fnName}: options.maxEvaluations`, 1, Number.POSITIVE_INFINITY);
  const init = names.map((name) => {
    const v = options.initialParams?.[name] ?? 1;
    assertInRange(v, `${fnName}: options.initialParams.${name}`, 0, Number.POSITIVE_INFINITY, {
      minOpen: true,
    });
    return Math.log(v);
  });
  const objectiveNatural = (theta: readonly number[]) => {
    let pen = 0;
    for (const t of theta) pen += t * t;
    return -logLikelihood(theta) / n + penalty * pen;
  };
  const objective = (u: readonly number[]) => {
    for (const ui of u) if (Math.abs(ui) > LOG_BOUND) return Number.POSITIVE_INFINITY;
    return objectiveNatural(u.map(Math.exp));
  };
  const result = nelderMead(objective, init, {
    maxEvaluations,
    fTolerance: 1e-10,
    xTolerance: 1e-7,
    initialStep: 0.5,
    maxRestarts: 8,
  });
  const advice =
    "try options.penalty (e.g. 0.001), other options.initialParams, or check that the summary has enough repeat buyers and uses recency = time from first to last purchase";
  if (!Number.isFinite(result.value)) {
    throw new CustomerValueError(
      "NOT_CONVERGED",
      `${fnName}: the likelihood is not finite anywhere the search went; ${advice}`,
    );
  }
  const atBound = result.x.findIndex((u) => Math.abs(u) > LOG_BOUND - 1);
  if (atBound >= 0) {
    throw new CustomerValueError(
      "NOT_CONVERGED",
      `${fnName}: parameter ${names[atBound]} ran to ${Math.exp(result.x[atBound]!)} (the likelihood has no interior maximum for this data); ${advice}`,
    );
  }
  if (!result.converged) {
    throw new CustomerValueError(
      "NOT_CONVERGED",
      `${fnName}: the search did not converge within ${maxEvaluations} likelihood evaluations; raise options.maxEvaluations, or ${advice}`,
    );
  }
  const params = result.x.map(Math.exp);
  const hessian = numericalHessian((theta) => n * objectiveNatural(theta), params);
  const covariance = invertPositiveDefinite(hessian);
  const standardErrors = names.map((_, i) => {
    const v = covariance?.[i]?.[i];
    return v !== undefined && v > 0 && Number.isFinite(v) ? Math.sqrt(v) : null;
  });
  return {
    params,
    logLikelihood: logLikelihood(params),
    standardErrors,
    evaluations: result.evaluations,
  };
}

/** Copies a parameter vector into a named record. */
export function named<K extends string>(
  names: readonly K[],
  values: readonly (number | null)[],
): Record<K, number | null> {
  const out = {} as Record<K, number | null>;
  names.forEach((name, i) => {
    out[name] = values[i] ?? null;
  });
  return out;
}

/** Columns of the repeat buyers of a summary (frequency 0 rows are skipped). */
export function readRepeatBuyers(
  summary: readonly ModelCustomer[],
  fnName: string,
): { x: Float64Array; zbar: Float64Array } {
  if (!Array.isArray(summary)) {
    throw new CustomerValueError("INVALID_RECORD", `${fnName}: summary must be an array`);
  }
  const issues: ValidationIssue[] = [];
  for (let i = 0; i < summary.length; i++) checkCustomer(summary[i], `[${i}]`, issues, true);
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fnName}: invalid summary rows (${issues.length} issues)`,
      {
        issues,
      },
    );
  }
  const x: number[] = [];
  const zbar: number[] = [];
  for (const row of summary) {
    if (row.frequency > 0) {
      x.push(row.frequency);
      zbar.push(row.monetaryValue!);
    }
  }
  if (x.length === 0) {
    throw new CustomerValueError(
      "EMPTY_INPUT",
      `${fnName}: summary must hold at least one repeat buyer (frequency > 0), got ${summary.length} customers and none with a repeat purchase`,
    );
  }
  return { x: Float64Array.from(x), zbar: Float64Array.from(zbar) };
}

/**
 * Returns `value` (with -0 as 0) when finite; otherwise throws `NOT_CONVERGED`:
 * the hypergeometric series behind a prediction did not converge (its argument
 * was extremely close to 1: a very long horizon `t`, or a fitted `alpha` or
 * `beta` tiny next to the other). Never lets NaN out.
 */
export function finiteResult(value: number, where: string): number {
  if (Number.isFinite(value)) return value + 0;
  throw new CustomerValueError(
    "NOT_CONVERGED",
    `${where}: the hypergeometric series did not converge for these parameters and this horizon (argument too close to 1); try a shorter t`,
  );
}
