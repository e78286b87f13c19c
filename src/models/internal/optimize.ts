/**
 * Minimisation for the model fits: Nelder-Mead with restarts, and the numerical
 * Hessian (for standard errors). Not public.
 */

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Largest number of objective evaluations over all restarts. */
  readonly maxEvaluations: number;
  /** Stop when the simplex's function values differ by at most this (absolute). */
  readonly fTolerance: number;
  /** ...and its vertices differ by at most this in every coordinate. */
  readonly xTolerance: number;
  /** Edge of the first simplex in every coordinate. */
  readonly initialStep: number;
  /** Restarts from the best point until a restart improves by less than fTolerance. */
  readonly maxRestarts: number;
}

/** The outcome of {@link nelderMead}. */
export interface NelderMeadResult {
  readonly x: number[];
  readonly value: number;
  readonly evaluations: number;
  readonly restarts: number;
  readonly converged: boolean;
}

/**
 * Minimises `f` from `x0` with the Nelder-Mead simplex method (reflection 1,
 * expansion 2, contraction 1/2, shrink 1/2; Nelder & Mead 1965, as in
 * scipy.optimize), restarted from the best vertex with a fresh simplex until a
 * restart no longer improves the value: restarts guard against the simplex
 * collapsing early, the known weakness of the method. Non-finite values of `f`
 * count as +Infinity, so the search stays where the objective is defined.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions,
): NelderMeadResult {
  const n = x0.length;
  let evaluations = 0;
  const evaluate = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };

  let best = x0.slice();
  let bestValue = evaluate(best);
  let restarts = 0;
  let converged = false;
  for (let run = 0; run <= options.maxRestarts; run++) {
    const step = run === 0 ? options.initialStep : options.initialStep / 4;
    const simplex: number[][] = [best.slice()];
    const values: number[] = [bestValue];
    for (let i = 0; i < n; i++) {
      const v = best.slice();
      v[i] = v[i]! + step;
      simplex.push(v);
      values.push(evaluate(v));
    }
    const runConverged = simplexSearch(simplex, values, evaluate, options, () => evaluations);
    let bi = 0;
    for (let i = 1; i <= n; i++) if (values[i]! < values[bi]!) bi = i;
    const improvement = bestValue - values[bi]!;
    if (values[bi]! <= bestValue) {
      best = simplex[bi]!.slice();
      bestValue = values[bi]!;
    }
    restarts = run;
    if (evaluations >= options.maxEvaluations) break;
    if (runConverged && run > 0 && improvement <= options.fTolerance) {
      converged = true;
      break;
    }
  }
  return { x: best, value: bestValue, evaluations, restarts, converged };
}

function simplexSearch(
  simplex: number[][],
  values: number[],
  evaluate: (x: readonly number[]) => number,
  options: NelderMeadOptions,
  used: () => number,
): boolean {
  const n = simplex.length - 1;
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const point = (base: readonly number[], toward: readonly number[], t: number) =>
    base.map((b, i) => b + t * (toward[i]! - b));
  while (used() < options.maxEvaluations) {
    order.sort((i, j) => values[i]! - values[j]!);
    const sortedS = order.map((i) => simplex[i]!);
    const sortedV = order.map((i) => values[i]!);
    for (let i = 0; i <= n; i++) {
      simplex[i] = sortedS[i]!;
      values[i] = sortedV[i]!;
      order[i] = i;
    }
    // Convergence: values and vertices both within tolerance of the best.
    let fSpread = 0;
    let xSpread = 0;
    for (let i = 1; i <= n; i++) {
      fSpread = Math.max(fSpread, Math.abs(values[i]! - values[0]!));
      for (let d = 0; d < n; d++) xSpread = Math.max(xSpread, Math.abs(simplex[i]![d]! - simplex[0]![d]!));
    }
    if (fSpread <= options.fTolerance && xSpread <= options.xTolerance) return true;

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < n; d++) centroid[d]! += simplex[i]![d]! / n;
    const worst = simplex[n]!;
    const reflected = point(centroid, worst, -1);
    const fr = evaluate(reflected);
    if (fr < values[0]!) {
      const expanded = point(centroid, worst, -2);
      const fe = evaluate(expanded);
      if (fe < fr) {
        simplex[n] = expanded;
        values[n] = fe;
      } else {
        simplex[n] = reflected;
        values[n] = fr;
      }
      continue;
    }
    if (fr < values[n - 1]!) {
      simplex[n] = reflected;
      values[n] = fr;
      continue;
    }
    // Contraction: outside if the reflection beat the worst vertex, else inside.
    const outside = fr < values[n]!;
    const contracted = outside ? point(centroid, worst, -0.5) : point(centroid, worst, 0.5);
    const fc = evaluate(contracted);
    if (outside ? fc <= fr : fc < values[n]!) {
      simplex[n] = contracted;
      values[n] = fc;
      continue;
    }
    for (let i = 1; i <= n; i++) {
      simplex[i] = point(simplex[0]!, simplex[i]!, 0.5);
      values[i] = evaluate(simplex[i]!);
    }
  }
  return false;
}

/**
 * The Hessian of `f` at `x` by central differences with relative steps
 * `h_i = step * |x_i|` (the second difference on the diagonal, the four-point
 * cross difference off it). Returns a symmetric n x n matrix.
 */
export function numericalHessian(
  f: (x: readonly number[]) => number,
  x: readonly number[],
  step = 1e-4,
): number[][] {
  const n = x.length;
  const h = x.map((xi) => step * Math.max(Math.abs(xi), 1e-8));
  const at = (di: number, si: number, dj: number, sj: number) => {
    const y = x.slice();
    y[di] = y[di]! + si * h[di]!;
    y[dj] = y[dj]! + sj * h[dj]!;
    return f(y);
  };
  const f0 = f(x);
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const y1 = x.slice();
    const y2 = x.slice();
    y1[i] = y1[i]! + h[i]!;
    y2[i] = y2[i]! - h[i]!;
    H[i]![i] = (f(y1) - 2 * f0 + f(y2)) / (h[i]! * h[i]!);
    for (let j = 0; j < i; j++) {
      const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h[i]! * h[j]!);
      H[i]![j] = v;
      H[j]![i] = v;
    }
  }
  return H;
}

/**
 * The inverse of a symmetric positive-definite matrix by Cholesky factorisation;
 * `null` when the matrix is not positive definite (or not finite).
 */
export function invertPositiveDefinite(A: readonly (readonly number[])[]): number[][] | null {
  const n = A.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return null;
        L[i]![i] = Math.sqrt(s);
      } else {
        L[i]![j] = s / L[j]![j]!;
      }
    }
  }
  // Inverse of L (lower triangular), then A^-1 = L^-T L^-1.
  const Li = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    Li[i]![i] = 1 / L[i]![i]!;
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i]![k]! * Li[k]![j]!;
      Li[i]![j] = s / L[i]![i]!;
    }
  }
  const inv = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += Li[k]![i]! * Li[k]![j]!;
      inv[i]![j] = s;
      inv[j]![i] = s;
    }
  }
  return inv;
}
