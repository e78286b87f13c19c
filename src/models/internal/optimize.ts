/**
 * Minimisation for the model fits: the BFGS quasi-Newton method with a
 * backtracking line search, the Hessian from analytic gradients (for standard
 * errors), and the small dense linear algebra around it. Not public.
 */

/**
 * An objective with its gradient: returns f(x) and, when `gradient` is given,
 * writes the partial derivatives into it. Non-finite values mean "undefined here".
 */
export type Objective = (x: readonly number[], gradient: number[] | undefined) => number;

/** Options of {@link quasiNewton}. */
export interface QuasiNewtonOptions {
  /** Converged when every |partial derivative| is at most this. */
  readonly gradientTolerance: number;
  /** Largest number of iterations. */
  readonly maxIterations: number;
  /** Largest change of any coordinate in one step (keeps a search away from absurd points). */
  readonly maxStep: number;
  /** Called before every evaluation; throws to stop the search (a time budget). */
  readonly checkpoint?: () => void;
  /** A starting estimate of the inverse Hessian (default: the identity, scaled after the first step). */
  readonly inverseHessian?: readonly (readonly number[])[];
}

/** The outcome of {@link quasiNewton}. */
export interface QuasiNewtonResult {
  readonly x: number[];
  readonly value: number;
  readonly gradient: number[];
  readonly iterations: number;
  readonly evaluations: number;
  /** The gradient test held; false when iterations ran out or no step lowered f. */
  readonly converged: boolean;
  /** The final estimate of the inverse Hessian. */
  readonly inverseHessian: number[][];
}

const dot = (a: readonly number[], b: readonly number[]) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const maxAbs = (a: readonly number[]) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const identity = (n: number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => +(i === j)));

/**
 * Minimises `f` from `x0` by BFGS (Nocedal & Wright, "Numerical Optimization",
 * 2nd ed., algorithm 6.1): the inverse-Hessian estimate is scaled after the first
 * step (their eq. 6.20) and updated only when the curvature s'y is positive; a step
 * is accepted by the Armijo test after halving-or-interpolating backtracking, and a
 * step that fails is retried once along the steepest descent. Non-finite values of
 * `f` count as +Infinity.
 */
export function quasiNewton(
  f: Objective,
  x0: readonly number[],
  options: QuasiNewtonOptions,
): QuasiNewtonResult {
  const n = x0.length;
  let evaluations = 0;
  const evaluate = (x: readonly number[], g: number[]) => {
    options.checkpoint?.();
    evaluations++;
    const v = f(x, g);
    return Number.isFinite(v) && g.every(Number.isFinite) ? v : Number.POSITIVE_INFINITY;
  };
  let x = x0.slice();
  let g = new Array<number>(n).fill(0);
  let fx = evaluate(x, g);
  let H = options.inverseHessian?.map((row) => row.slice()) ?? identity(n);
  let scaled = options.inverseHessian !== undefined;
  let iterations = 0;
  const done = (converged: boolean) => ({
    x,
    value: fx,
    gradient: g,
    iterations,
    evaluations,
    converged,
    inverseHessian: H,
  });
  if (!Number.isFinite(fx)) return done(false);
  while (iterations < options.maxIterations) {
    if (maxAbs(g) <= options.gradientTolerance) return done(true);
    iterations++;
    let step = lineSearch(evaluate, x, fx, g, direction(H, g), options.maxStep);
    if (step === undefined && scaled) {
      H = identity(n); // the estimate misled the search: restart from steepest descent
      scaled = false;
      step = lineSearch(evaluate, x, fx, g, direction(H, g), options.maxStep);
    }
    if (step === undefined) break;
    const s = step.x.map((v, i) => v - x[i]!);
    const y = step.gradient.map((v, i) => v - g[i]!);
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (!scaled) {
        H = identity(n).map((row) => row.map((v) => (v * sy) / dot(y, y)));
        scaled = true;
      }
      H = bfgsUpdate(H, s, y, sy);
    }
    x = step.x;
    fx = step.value;
    g = step.gradient;
  }
  return done(maxAbs(g) <= options.gradientTolerance);
}

/** -H g, or -g when that is not a descent direction. */
function direction(H: readonly (readonly number[])[], g: readonly number[]): number[] {
  const p = H.map((row) => -dot(row, g));
  return dot(p, g) < 0 ? p : g.map((v) => -v);
}

/** H+ = (I - rho s y') H (I - rho y s') + rho s s', rho = 1 / s'y. */
function bfgsUpdate(H: number[][], s: readonly number[], y: readonly number[], sy: number): number[][] {
  const n = s.length;
  const rho = 1 / sy;
  const Hy = H.map((row) => dot(row, y));
  const yHy = dot(y, Hy);
  return H.map((row, i) =>
    row.map((h, j) => h - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!),
  ).slice(0, n);
}

interface Step {
  readonly x: number[];
  readonly value: number;
  readonly gradient: number[];
}

/**
 * Backtracking from the full step (capped at `maxStep` per coordinate) until the
 * Armijo condition f(x + a p) <= f(x) + 1e-4 a g'p holds; each retry takes the
 * minimiser of the quadratic through f(x), g'p and the failed value, kept within
 * [0.1 a, 0.5 a]. `undefined` after 50 tries, once the step no longer moves x, or
 * once the decrease it promises is below the rounding noise of f.
 */
function lineSearch(
  evaluate: (x: readonly number[], g: number[]) => number,
  x: readonly number[],
  fx: number,
  g: readonly number[],
  p: readonly number[],
  maxStep: number,
): Step | undefined {
  const slope = dot(g, p);
  let a = Math.min(1, maxStep / Math.max(maxAbs(p), 1e-300));
  for (let tries = 0; tries < 50; tries++) {
    // A decrease below the rounding noise of f cannot be seen: stop.
    if (-a * slope < 1e-15 * Math.abs(fx)) return undefined;
    const xn = x.map((v, i) => v + a * p[i]!);
    if (xn.every((v, i) => v === x[i])) return undefined;
    const gn = new Array<number>(x.length).fill(0);
    const fn = evaluate(xn, gn);
    if (fn <= fx + 1e-4 * a * slope) return { x: xn, value: fn, gradient: gn };
    const quadratic = Number.isFinite(fn) ? (-slope * a * a) / (2 * (fn - fx - slope * a)) : 0.1 * a;
    a = Math.min(0.5 * a, Math.max(0.1 * a, quadratic));
  }
  return undefined;
}

/**
 * The Hessian of a function at `x` from its analytic gradient, by central
 * differences with step `h` in every coordinate, symmetrised. Costs 2n gradient
 * evaluations; accurate to about h^2 and 1e-16 / h.
 */
export function hessianFromGradient(
  gradientAt: (x: readonly number[]) => number[],
  x: readonly number[],
  h = 1e-5,
): number[][] {
  const n = x.length;
  const columns = x.map((xj, j) => {
    const up = x.slice();
    const down = x.slice();
    up[j] = xj + h;
    down[j] = xj - h;
    const gu = gradientAt(up);
    const gd = gradientAt(down);
    return gu.map((v, i) => (v - gd[i]!) / (2 * h));
  });
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (columns[j]![i]! + columns[i]![j]!) / 2),
  );
}

/**
 * Newton steps on the gradient, `x <- x - H^-1 g` with a fixed Hessian `H`, kept
 * while they shrink the largest |g_i| (at most `steps`). This finds the zero of the
 * gradient to the gradient's own accuracy, where a search that compares values of f
 * stops at f's rounding noise: on a flat valley that is orders of magnitude closer.
 */
export function polishWithNewton(
  gradientAt: (x: readonly number[]) => number[],
  start: { readonly x: readonly number[]; readonly gradient: readonly number[] },
  hessian: readonly (readonly number[])[],
  steps = 4,
): { x: number[]; gradient: number[] } {
  const inverse = invertPositiveDefinite(hessian);
  let x = start.x.slice();
  let g = start.gradient.slice();
  if (inverse === null) return { x, gradient: g };
  for (let k = 0; k < steps && maxAbs(g) > 0; k++) {
    const next = x.map((v, i) => v - dot(inverse[i]!, g));
    const gn = gradientAt(next);
    if (!(maxAbs(gn) < maxAbs(g))) break;
    x = next;
    g = gn;
  }
  return { x, gradient: g };
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

/**
 * The eigenvalues of a small symmetric matrix, ascending, by cyclic Jacobi
 * rotations (Golub & Van Loan, "Matrix Computations", 4th ed., algorithm 8.5.3)
 * until the off-diagonal mass is below 1e-30 of the total.
 */
export function symmetricEigenvalues(A: readonly (readonly number[])[]): number[] {
  const n = A.length;
  const a = A.map((row) => row.slice());
  const offMass = () => {
    let s = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) s += a[i]![j]! ** 2;
    return s;
  };
  const total = a.reduce((s, row) => s + dot(row, row), 0);
  for (let sweep = 0; sweep < 100 && offMass() > 1e-30 * total; sweep++) {
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((row, i) => row[i]!).sort((x, y) => x - y);
}
