/**
 * The warnings a fitted model carries: signs that an estimate, though found, should
 * not be trusted as it is. Each says what is wrong and what to try. Not public
 * (the type is re-exported by the models entry point).
 */

/** What a warning is about. */
export type FitWarningCode = "boundary" | "ill-conditioned" | "p-alive-near-one" | "p-alive-near-zero";

/** One warning of a fitted model. */
export interface FitWarning {
  /**
   * `"boundary"`: a parameter sits at the edge of its range (near 0 or huge), where
   * the likelihood is flat; `"ill-conditioned"`: the Hessian is nearly singular (or
   * not positive definite), so the estimates trade off against each other and their
   * standard errors are unreliable or `null`; `"p-alive-near-one"` /
   * `"p-alive-near-zero"`: the model calls nearly every repeat buyer alive (or dead),
   * which makes P(alive) useless for ranking customers.
   */
  readonly code: FitWarningCode;
  /** The parameter concerned, for `"boundary"`. */
  readonly parameter?: string;
  /** What is wrong, with the numbers. */
  readonly message: string;
  /** What to try. */
  readonly advice: string;
}

// A shape parameter below SHAPE_LOW or above SHAPE_HIGH, or any parameter beyond
// e^±LOG_EXTREME, is at the edge of its range.
const SHAPE_LOW = 0.01;
const SHAPE_HIGH = 1e4;
const LOG_EXTREME = 16;
// Condition number of the Hessian on the log-parameter scale above which it is
// ill-conditioned (well-identified fits, CDNOW's among them, stay below 1e3).
const CONDITION_LIMIT = 1e6;

const BOUNDARY_ADVICE =
  "compare another model with compareModels (Pareto/NBD or MBG/NBD when BG/NBD's a or b runs off), fit on a longer observation period or a coarser time unit, add a small options.penalty (0.001 to 0.1), and check the summary (recency = time from the first to the last purchase; wholesale or test accounts that buy on a schedule)";

/** Boundary and conditioning warnings from the estimates and the Hessian's eigenvalues. */
export function parameterWarnings(fit: {
  readonly names: readonly string[];
  readonly params: readonly number[];
  readonly shapes: readonly string[];
  readonly eigenvalues: readonly number[];
  readonly standardErrors: readonly (number | null)[];
}): FitWarning[] {
  const warnings: FitWarning[] = [];
  fit.names.forEach((name, i) => {
    const value = fit.params[i]!;
    const isShape = fit.shapes.includes(name);
    const low = Math.log(value) < -LOG_EXTREME || (isShape && value < SHAPE_LOW);
    const high = Math.log(value) > LOG_EXTREME || (isShape && value > SHAPE_HIGH);
    if (!low && !high) return;
    warnings.push({
      code: "boundary",
      parameter: name,
      message: `${name} = ${value.toPrecision(3)} is at the edge of its range (${low ? "near 0" : "very large"}): the likelihood is nearly flat toward the boundary, so the estimate and the predictions that depend on it are unreliable`,
      advice: BOUNDARY_ADVICE,
    });
  });
  const smallest = fit.eigenvalues[0]!;
  const largest = fit.eigenvalues[fit.eigenvalues.length - 1]!;
  if (!(smallest > 0) || fit.standardErrors.includes(null)) {
    warnings.push({
      code: "ill-conditioned",
      message:
        "the Hessian of the log-likelihood is not positive definite at the estimate (a flat ridge or a boundary), so some standard errors are null",
      advice: `${BOUNDARY_ADVICE}; try other options.initialParams to check that the fit lands on the same maximum`,
    });
  } else if (largest / smallest > CONDITION_LIMIT) {
    warnings.push({
      code: "ill-conditioned",
      message: `the Hessian of the log-likelihood is ill-conditioned (condition number ${(largest / smallest).toExponential(1)} on the log-parameter scale): some parameters trade off almost exactly, so their standard errors are large and their values unreliable`,
      advice: BOUNDARY_ADVICE,
    });
  }
  return warnings;
}

// Share of repeat buyers whose P(alive) is beyond the cut-offs that triggers a warning.
const ALIVE_SHARE = 0.9;

/**
 * The P(alive) warnings, from P(alive) of each distinct repeat-buyer row and its
 * weight: nearly everyone above 0.99, or nearly everyone below 0.01.
 */
export function aliveWarnings(pAlive: Float64Array, weight: Float64Array): FitWarning[] {
  let total = 0;
  let high = 0;
  let low = 0;
  for (let i = 0; i < pAlive.length; i++) {
    total += weight[i]!;
    if (pAlive[i]! > 0.99) high += weight[i]!;
    if (pAlive[i]! < 0.01) low += weight[i]!;
  }
  if (total === 0) return [];
  const share = (k: number) => `${((100 * k) / total).toFixed(1)}%`;
  if (high >= ALIVE_SHARE * total) {
    return [
      {
        code: "p-alive-near-one",
        message: `P(alive) > 0.99 for ${share(high)} of the repeat buyers: the model sees almost no drop-out, so P(alive) cannot tell active customers from lapsed ones`,
        advice: `look for a boundary warning on the drop-out parameters; ${BOUNDARY_ADVICE}; check calibrationVsHoldout before trusting the forecasts`,
      },
    ];
  }
  if (low >= ALIVE_SHARE * total) {
    return [
      {
        code: "p-alive-near-zero",
        message: `P(alive) < 0.01 for ${share(low)} of the repeat buyers: the model calls nearly everyone gone`,
        advice: `check the time unit and observationEnd of the summary (T must reach the end of observation); ${BOUNDARY_ADVICE}`,
      },
    ];
  }
  return [];
}
