/**
 * The Pareto/NBD log-likelihood summed over a grouped summary, with its gradient.
 * Not public.
 *
 * Each customer's death-time integral runs from tx to T at the customer's
 * frequency. Per frequency, the distinct times of its customers cut the time axis
 * into pieces; each piece is integrated once (paretoIntegral.ts), and a customer's
 * integral is the sum of the pieces between its tx and T: summed directly when
 * they are few, else as the difference of two sums from the top (f decreases, so
 * the difference loses at most the ratio of the remaining tail to the integral).
 */
import type { SummaryColumns } from "./input.js";
import { addPiece, type Integrand, integratePiece, type LogIntegral, logIntegral } from "./paretoIntegral.js";
import { paretoAlive } from "./paretoNbdMath.js";
import { digamma, logAddExp, logGamma, logSubExp } from "./special.js";

/** The grouping of rows by frequency and of each frequency's times (fixed for a fit). */
export interface ParetoStructure {
  /** Per level: its customers' distinct times (recency and T), ascending. */
  readonly levelTimes: readonly Float64Array[];
  /** Row indices ordered by level; level k's rows are `rows[start[k] .. start[k+1])`. */
  readonly rows: Int32Array;
  readonly start: Int32Array;
  /** Per row: the positions of its recency and of its T in its level's times. */
  readonly txAt: Int32Array;
  readonly TAt: Int32Array;
}

/** Builds the {@link ParetoStructure} of a grouped summary. */
export function paretoStructure(c: SummaryColumns): ParetoStructure {
  const nl = c.levels.length;
  const count = new Int32Array(nl + 1);
  for (let i = 0; i < c.x.length; i++) count[c.level[i]! + 1]!++;
  for (let k = 0; k < nl; k++) count[k + 1]! += count[k]!;
  const start = count.slice();
  const next = count.slice(0, nl);
  const rows = new Int32Array(c.x.length);
  for (let i = 0; i < c.x.length; i++) rows[next[c.level[i]!]!++] = i;
  const position = new Int32Array(c.times.length).fill(-1);
  const txAt = new Int32Array(c.x.length);
  const TAt = new Int32Array(c.x.length);
  const levelTimes: Float64Array[] = [];
  for (let k = 0; k < nl; k++) {
    const used: number[] = [];
    for (let j = start[k]!; j < start[k + 1]!; j++) {
      for (const t of [c.txTime[rows[j]!]!, c.TTime[rows[j]!]!]) {
        if (position[t] === -1) {
          position[t] = 0;
          used.push(t);
        }
      }
    }
    used.sort((a, b) => c.times[a]! - c.times[b]!);
    for (let p = 0; p < used.length; p++) position[used[p]!] = p;
    for (let j = start[k]!; j < start[k + 1]!; j++) {
      txAt[rows[j]!] = position[c.txTime[rows[j]!]!]!;
      TAt[rows[j]!] = position[c.TTime[rows[j]!]!]!;
    }
    levelTimes.push(Float64Array.from(used, (t) => c.times[t]!));
    for (const t of used) position[t] = -1;
  }
  return { levelTimes, rows, start, txAt, TAt };
}

/** The pieces of one level and their sums from the top, as logs with weighted means. */
interface LevelPieces {
  readonly pieceLog: Float64Array;
  readonly pieceMeans: Float64Array;
  readonly topLog: Float64Array;
  readonly topMeans: Float64Array;
}

function levelPieces(times: Float64Array, integrand: Integrand): LevelPieces {
  const J = times.length;
  const pieceLog = new Float64Array(J);
  const pieceMeans = new Float64Array(4 * J);
  const topLog = new Float64Array(J).fill(Number.NEGATIVE_INFINITY);
  const topMeans = new Float64Array(4 * J);
  const piece = logIntegral();
  const acc = logIntegral();
  for (let j = J - 2; j >= 0; j--) {
    integratePiece(integrand, times[j]!, times[j + 1]!, piece);
    pieceLog[j] = piece.log;
    pieceMeans.set(piece.means, 4 * j);
    addPiece(acc, piece.log, piece.means);
    topLog[j] = acc.log;
    topMeans.set(acc.means, 4 * j);
  }
  return { pieceLog, pieceMeans, topLog, topMeans };
}

/** The integral from times[i] to times[k] (i < k) of one level, into `out`. */
function between(p: LevelPieces, i: number, k: number, out: LogIntegral): void {
  if (k - i <= 4) {
    out.log = Number.NEGATIVE_INFINITY;
    for (let j = i; j < k; j++) addPiece(out, p.pieceLog[j]!, p.pieceMeans, 4 * j);
    return;
  }
  const e = Math.exp(p.topLog[k]! - p.topLog[i]!);
  out.log = logSubExp(p.topLog[i]!, p.topLog[k]!);
  for (let j = 0; j < 4; j++) out.means[j] = (p.topMeans[4 * i + j]! - e * p.topMeans[4 * k + j]!) / (1 - e);
}

/**
 * Sum of the Pareto/NBD log-likelihood over grouped rows; with `gradient`, its
 * derivatives with respect to (r, alpha, s, beta). With alpha^r beta^s folded into
 * both terms (paretoNbdMath.ts), w the share of the death term and E the mean over
 * (tx, T] weighted by f:
 * d/dr = psi(r+x) - psi(r) - (1-w) log1p(T/alpha) - w E[log1p(tau/alpha)],
 * d/dalpha = (1-w) (rT - x alpha)/(alpha (alpha+T)) + w E[(r tau - x alpha)/(alpha (alpha+tau))],
 * d/ds = -(1-w) log1p(T/beta) + w (1/s - E[log1p(tau/beta)]),
 * d/dbeta = (1-w) sT/(beta (beta+T)) + w E[(s tau - beta)/(beta (beta+tau))].
 * `checkTime` is called every 256 pieces. Returns NaN when rounding makes a
 * customer without repeat purchases more likely than certain (the search then
 * treats the point as undefined).
 */
export function paretoNbdTotal(
  theta: readonly number[],
  c: SummaryColumns,
  structure: ParetoStructure,
  gradient?: number[],
  checkTime?: () => void,
): number {
  const [r, alpha, s, beta] = theta as [number, number, number, number];
  const g = [0, 0, 0, 0];
  const logS = Math.log(s);
  const psiR = gradient === undefined ? 0 : digamma(r);
  const dead = logIntegral();
  let total = 0;
  let pieces = 0;
  for (let k = 0; k < c.levels.length; k++) {
    const x = c.levels[k]!;
    const times = structure.levelTimes[k]!;
    pieces += times.length;
    if (pieces > 256) {
      checkTime?.();
      pieces = 0;
    }
    const p = levelPieces(times, { r, alpha, s, beta, x });
    const head = logGamma(r + x) - logGamma(r);
    let levelWeight = 0;
    for (let j = structure.start[k]!; j < structure.start[k + 1]!; j++) {
      const i = structure.rows[j]!;
      const w = c.weight[i]!;
      const T = c.T[i]!;
      const alive = paretoAlive(r, alpha, s, beta, x, T);
      const iTx = structure.txAt[i]!;
      const iT = structure.TAt[i]!;
      if (iTx < iT) between(p, iTx, iT, dead);
      else dead.log = Number.NEGATIVE_INFINITY;
      const deadLog = logS + dead.log;
      const ll = head + logAddExp(alive, deadLog);
      if (x === 0 && ll > 1e-9) return Number.NaN;
      total += w * ll;
      if (gradient === undefined) continue;
      levelWeight += w;
      const wd = deadLog === Number.NEGATIVE_INFINITY ? 0 : w / (1 + Math.exp(alive - deadLog));
      const wa = w - wd;
      g[0]! += -wa * Math.log1p(T / alpha) + wd * dead.means[0];
      g[1]! += (wa * (r * T - x * alpha)) / (alpha * (alpha + T)) + wd * dead.means[1];
      g[2]! += -wa * Math.log1p(T / beta) + wd * (1 / s + dead.means[2]);
      g[3]! += (wa * s * T) / (beta * (beta + T)) + wd * dead.means[3];
    }
    if (gradient !== undefined) g[0]! += levelWeight * (digamma(r + x) - psiR);
  }
  if (gradient !== undefined) for (let j = 0; j < 4; j++) gradient[j] = g[j]!;
  return total;
}
