/**
 * The maximum-likelihood machinery every fit shares: options, the time and
 * evaluation budget, the quasi-Newton search on log-parameters, standard errors
 * from the Hessian, and the generic warnings. Not public.
 */
import { CustomerValueError } from "../../errors/CustomerValueError.js";
import { assertInRange, assertOptions } from "../../internal/assert.js";
import {
  hessianFromGradient,
  invertPositiveDefinite,
  polishWithNewton,
  quasiNewton,
  symmetricEigenvalues,
} from "./optimize.js";
import { type FitWarning, parameterWarnings } from "./warnings.js";

/** Options every fit accepts. */
export interface FitOptions {
  /**
   * L2 penalty coefficient `lambda >= 0`, as in Python `lifetimes`: the fit
   * minimises `-LL / n + lambda * sum(theta^2)` over the natural parameters
   * `theta`. Shrinks the parameters towards 0; use a small value (0.001 to 0.1)
   * when the unpenalised fit runs off to an extreme. Default 0.
   */
  readonly penalty?: number;
  /** Starting values of the parameters (all > 0). Default: each model's own (1 for shapes). */
  readonly initialParams?: Readonly<Record<string, number>>;
  /** Largest number of likelihood evaluations (each with its gradient). Default 5000. */
  readonly maxEvaluations?: number;
  /**
   * Wall-clock budget of the fit in milliseconds, standard errors included: past it
   * the fit stops with `NOT_CONVERGED` instead of running on. Default 8000, so that
   * a fit returns or throws within about 8 s whatever the input.
   */
  readonly timeBudgetMs?: number;
}

/** A fit's budget: started at the fit's first line, checked before every likelihood evaluation. */
export interface FitBudget {
  readonly fn: string;
  /** Counts one likelihood evaluation; throws `NOT_CONVERGED` once the time or evaluation budget is spent. */
  check(): void;
  /** Throws `NOT_CONVERGED` once the time budget is spent (for long single evaluations). */
  checkTime(): void;
  readonly evaluations: () => number;
}

/** Starts the budget of a fit (call first, so that reading the input counts too). */
export function startBudget(fn: string, options: FitOptions): FitBudget {
  assertOptions(options, fn);
  const timeBudgetMs = options.timeBudgetMs ?? 8000;
  assertInRange(timeBudgetMs, `${fn}: options.timeBudgetMs`, 0, Number.POSITIVE_INFINITY, { minOpen: true });
  const maxEvaluations = options.maxEvaluations ?? 5000;
  assertInRange(maxEvaluations, `${fn}: options.maxEvaluations`, 1, Number.POSITIVE_INFINITY);
  const started = Date.now();
  let evaluations = 0;
  const checkTime = () => {
    if (Date.now() - started > timeBudgetMs) {
      throw new CustomerValueError(
        "NOT_CONVERGED",
        `${fn}: stopped at the time budget of ${timeBudgetMs} ms (options.timeBudgetMs) after ${evaluations} likelihood evaluations; raise options.timeBudgetMs, fit on a random sample of customers, or ${ADVICE}`,
      );
    }
  };
  return {
    fn,
    evaluations: () => evaluations,
    checkTime,
    check() {
      if (evaluations >= maxEvaluations) {
        throw new CustomerValueError(
          "NOT_CONVERGED",
          `${fn}: the search did not converge within ${maxEvaluations} likelihood evaluations; raise options.maxEvaluations, or ${ADVICE}`,
        );
      }
      checkTime();
      evaluations++;
    },
  };
}

export const ADVICE =
  "try options.penalty (e.g. 0.001), other options.initialParams, or check that the summary has enough repeat buyers and uses recency = time from first to last purchase";

/** The total log-likelihood; writes d LL / d theta (natural parameters) into `gradient` when given. */
export type LogLikelihood = (theta: readonly number[], gradient: number[] | undefined) => number;

/** What a model's fit hands to {@link fitByMaximumLikelihood}. */
export interface LikelihoodProblem {
  readonly names: readonly string[];
  /** The number of customers (the objective is the mean per customer). */
  readonly n: number;
  readonly logLikelihood: LogLikelihood;
  /** Default starting values, in the order of `names`. */
  readonly start: readonly number[];
  /** Names of the shape parameters (dimensionless), for the boundary warning. */
  readonly shapes: readonly string[];
  /**
   * The same log-likelihood estimated on a sample of the customers (scaled to all of
   * them), cheap to evaluate: its optimum and curvature start the search on the full
   * data, which then needs a few steps instead of dozens.
   */
  readonly coarse?: LogLikelihood;
}

/** What the shared fitter returns. */
export interface FitOutcome {
  readonly params: number[];
  readonly logLikelihood: number;
  readonly standardErrors: (number | null)[];
  readonly evaluations: number;
  readonly penalty: number;
  readonly warnings: FitWarning[];
}

// Parameters beyond e^±LOG_BOUND mean the fit ran to a boundary of the parameter space.
const LOG_BOUND = 25;

/**
 * Maximises the log-likelihood over `theta > 0` by BFGS on `u = log(theta)` with
 * analytic gradients (the objective is `-LL / n + lambda sum theta^2`), polishes
 * the optimum with Newton steps on the gradient, and takes the standard errors from
 * the Hessian of `n` times that objective (central differences of the gradient),
 * carried to the natural parameters. Throws `NOT_CONVERGED` when the search does
 * not settle, runs to a boundary, ends where the likelihood is not finite, or
 * spends the budget.
 */
export function fitByMaximumLikelihood(
  problem: LikelihoodProblem,
  options: FitOptions,
  budget: FitBudget,
): FitOutcome {
  const { fn } = budget;
  const { names, n } = problem;
  const penalty = options.penalty ?? 0;
  assertInRange(penalty, `${fn}: options.penalty`, 0, Number.POSITIVE_INFINITY);
  const init = names.map((name, i) => {
    const v = options.initialParams?.[name] ?? problem.start[i]!;
    assertInRange(v, `${fn}: options.initialParams.${name}`, 0, Number.POSITIVE_INFINITY, { minOpen: true });
    return Math.log(v);
  });
  // -LL + n lambda sum theta^2 and its gradient on the natural parameters.
  const penalised = (logLikelihood: LogLikelihood) => (theta: readonly number[], gradient: number[]) => {
    const ll = logLikelihood(theta, gradient);
    let pen = 0;
    theta.forEach((t, i) => {
      gradient[i] = -gradient[i]! + 2 * n * penalty * t;
      pen += t * t;
    });
    return -ll + n * penalty * pen;
  };
  // The mean objective on u = log(theta), and its gradient.
  const onLogScale = (logLikelihood: LogLikelihood) => {
    const natural = penalised(logLikelihood);
    return (u: readonly number[], gradient: number[] | undefined) => {
      if (u.some((ui) => Math.abs(ui) > LOG_BOUND)) return Number.POSITIVE_INFINITY;
      const theta = u.map(Math.exp);
      const g = new Array<number>(u.length).fill(0);
      const value = natural(theta, g) / n;
      if (gradient !== undefined) for (let i = 0; i < u.length; i++) gradient[i] = (g[i]! * theta[i]!) / n;
      return value;
    };
  };
  const objective = onLogScale(problem.logLikelihood);
  const search = { gradientTolerance: 1e-9, maxIterations: 1000, maxStep: 2, checkpoint: budget.check };
  let start = init;
  let inverseHessian: number[][] | undefined;
  if (problem.coarse !== undefined) {
    const rough = quasiNewton(onLogScale(problem.coarse), init, { ...search, gradientTolerance: 1e-6 });
    if (Number.isFinite(rough.value) && rough.x.every((u) => Math.abs(u) < LOG_BOUND - 2)) {
      start = rough.x;
      inverseHessian = rough.inverseHessian;
    }
  }
  const result = quasiNewton(
    objective,
    start,
    inverseHessian === undefined ? search : { ...search, inverseHessian },
  );
  if (!Number.isFinite(result.value)) {
    throw new CustomerValueError(
      "NOT_CONVERGED",
      `${fn}: the likelihood is not finite at the start; ${ADVICE}`,
    );
  }
  const ranOff = (x: readonly number[]) => {
    const k = x.findIndex((u) => Math.abs(u) > LOG_BOUND - 2);
    if (k < 0) return;
    throw new CustomerValueError(
      "NOT_CONVERGED",
      `${fn}: parameter ${names[k]} ran to ${Math.exp(x[k]!)} (the likelihood has no interior maximum for this data); ${ADVICE}`,
    );
  };
  ranOff(result.x);
  const gradientAt = (u: readonly number[]) => {
    budget.check();
    const g = new Array<number>(u.length).fill(0);
    return Number.isFinite(objective(u, g)) ? g : g.fill(Number.NaN);
  };
  // Newton on the gradient from where the search stopped, with the Hessian of the
  // mean objective on the log scale; recomputed for the standard errors if it moved.
  let logHessian = hessianFromGradient(gradientAt, result.x);
  const polished = polishWithNewton(gradientAt, result, logHessian);
  ranOff(polished.x);
  if (polished.x.some((u, i) => Math.abs(u - result.x[i]!) > 1e-4)) {
    logHessian = hessianFromGradient(gradientAt, polished.x);
  }
  const largest = Math.max(...polished.gradient.map(Math.abs));
  if (!(largest <= 1e-7 * Math.max(1, Math.abs(result.value)))) {
    throw new CustomerValueError(
      "NOT_CONVERGED",
      `${fn}: the search stopped before the gradient vanished (largest |d objective / d log parameter| ${largest.toExponential(2)}); ${ADVICE}`,
    );
  }
  const params = polished.x.map(Math.exp);
  // Total negative log-likelihood: Hessian on the log scale H_u = n (mean Hessian);
  // on the natural scale H = D^-1 (H_u - diag(g_u)) D^-1 with D = diag(theta).
  const totalLog = logHessian.map((row, i) =>
    row.map((h, j) => n * h - (i === j ? n * polished.gradient[i]! : 0)),
  );
  const logCovariance = invertPositiveDefinite(totalLog);
  const covariance = logCovariance?.map((row, i) => row.map((c, j) => c * params[i]! * params[j]!)) ?? null;
  const standardErrors = names.map((_, i) => {
    const v = covariance?.[i]?.[i];
    return v !== undefined && v > 0 && Number.isFinite(v) ? Math.sqrt(v) : null;
  });
  const eigenvalues = symmetricEigenvalues(totalLog);
  const warnings = parameterWarnings({ names, params, shapes: problem.shapes, eigenvalues, standardErrors });
  if (covariance === null && warnings.some((w) => w.code === "boundary")) {
    const where = warnings.filter((w) => w.code === "boundary").map((w) => w.message.split(" is ")[0]);
    throw new CustomerValueError(
      "NOT_CONVERGED",
      `${fn}: the likelihood has no interior maximum for this data: it keeps rising toward the boundary (${where.join(", ")}); ${ADVICE}`,
    );
  }
  const logLikelihood = problem.logLikelihood(params, undefined);
  return {
    params,
    logLikelihood,
    standardErrors,
    evaluations: budget.evaluations(),
    penalty,
    warnings,
  };
}

/** What every fitted model reports beside its parameters and predictions. */
export interface FitReport<Name extends string> {
  /** The maximised log-likelihood (without the penalty), summed over the customers fitted on. */
  readonly logLikelihood: number;
  /**
   * Standard errors of the parameters from the inverse Hessian of the (penalised)
   * negative log-likelihood at the optimum, on the natural parameters; `null` when the
   * Hessian is not positive definite there.
   */
  readonly standardErrors: { readonly [K in Name]: number | null };
  /** Number of customers fitted on (see each fit for who counts). */
  readonly customers: number;
  /** The L2 penalty used (0 = plain maximum likelihood). */
  readonly penalty: number;
  /** Likelihood evaluations the optimiser used (each with its gradient). */
  readonly evaluations: number;
  /**
   * Reasons not to trust the fit as it is, each with what to try: a parameter at the edge
   * of its range, an ill-conditioned Hessian, and for purchase models P(alive) near 1 (or
   * 0) for nearly every repeat buyer. Empty when none applies.
   */
  readonly warnings: readonly FitWarning[];
}

/** The {@link FitReport} of an outcome whose parameters are `names`. */
export function fitReport<Name extends string>(
  names: readonly Name[],
  outcome: FitOutcome,
  customers: number,
  warnings: readonly FitWarning[] = outcome.warnings,
): FitReport<Name> {
  const { logLikelihood, penalty, evaluations } = outcome;
  return {
    logLikelihood,
    standardErrors: named(names, outcome.standardErrors),
    customers,
    penalty,
    evaluations,
    warnings,
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
