import { quantileSorted } from "simple-statistics";
import { idOrderOf } from "../engine/ids.js";
import { CompensatedSums } from "../engine/sum.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInteger, assertOneOf } from "../internal/assert.js";
import { assertTimeZone, type DateInput, describeValue, periodIndex, toTime } from "../internal/dates.js";
import type { TransactionInput } from "../table/TransactionTable.js";
import { assertFiniteTotal, type DailyLog, readDailyLog } from "./internal.js";

/** A named RFM segment: inclusive score ranges `[min, max]`; an omitted dimension matches any score. */
export interface RfmSegment {
  /** The segment's name, e.g. `"champions"`. */
  readonly name: string;
  /** Recency scores `[min, max]` (inclusive; a high score = a recent buyer). */
  readonly recency?: readonly [number, number];
  /** Frequency scores `[min, max]` (inclusive). */
  readonly frequency?: readonly [number, number];
  /** Monetary scores `[min, max]` (inclusive). */
  readonly monetary?: readonly [number, number];
}

const segment = (name: string, recency: [number, number], frequency: [number, number]): RfmSegment =>
  Object.freeze({ name, recency: Object.freeze(recency), frequency: Object.freeze(frequency) });

/**
 * The default segments of {@link rfmScores}, on recency and frequency scores 1..5: the
 * widely used RFM segment map (R by F grid). Every (R, F) pair falls in exactly one
 * segment. They are plain data: copy, edit and pass your own as `segments`.
 */
export const RFM_SEGMENTS: readonly RfmSegment[] = Object.freeze([
  segment("champions", [5, 5], [4, 5]),
  segment("loyal", [3, 4], [4, 5]),
  segment("potential-loyalists", [4, 5], [2, 3]),
  segment("new", [5, 5], [1, 1]),
  segment("promising", [4, 4], [1, 1]),
  segment("need-attention", [3, 3], [3, 3]),
  segment("about-to-sleep", [3, 3], [1, 2]),
  segment("cannot-lose", [1, 2], [5, 5]),
  segment("at-risk", [1, 2], [3, 4]),
  segment("hibernating", [1, 2], [1, 2]),
]);

/** Interior bin edges per dimension, ascending (`bins - 1` numbers each). */
export interface RfmEdges {
  readonly recency: readonly number[];
  readonly frequency: readonly number[];
  readonly monetary: readonly number[];
}

/** Options of {@link rfmScores}. */
export interface RfmScoresOptions {
  /** The day of the analysis, inclusive: transactions dated on or before it count (required). */
  readonly asOf: DateInput;
  /** Number of scores per dimension, 1..bins (default 5; a whole number from 2 to 100). */
  readonly bins?: number;
  /**
   * Fixed interior bin edges per dimension instead of quantiles, strictly ascending,
   * `bins - 1` numbers each (default: the quantiles of the customers' values).
   */
  readonly edges?: Partial<RfmEdges>;
  /**
   * Named segments, the first matching rule wins (default {@link RFM_SEGMENTS} when
   * `bins` is 5, else none, so `segment` is `null`).
   */
  readonly segments?: readonly RfmSegment[];
  /**
   * What frequency counts: `"days"` — distinct purchase days, so several rows of one
   * order count once (default) — or `"transactions"` — purchase rows.
   */
  readonly count?: "days" | "transactions";
  /** IANA time zone in which calendar days are cut (default UTC). */
  readonly timeZone?: string;
}

/** One customer's row of {@link rfmScores}. */
export interface RfmScoresRow {
  readonly customerId: string;
  /** Whole days from the last purchase day to `asOf` (0 = bought on `asOf`). */
  readonly recency: number;
  /** Number of purchase days (or purchase rows, with `count: "transactions"`). */
  readonly frequency: number;
  /** Net total amount up to `asOf`: purchases minus returns. */
  readonly monetary: number;
  /** 1..bins; `bins` = the most recent buyers. */
  readonly recencyScore: number;
  /** 1..bins; `bins` = the most frequent buyers. */
  readonly frequencyScore: number;
  /** 1..bins; `bins` = the highest totals. */
  readonly monetaryScore: number;
  /** The three scores written together, `"545"` (separated by `-` when `bins` > 9). */
  readonly code: string;
  /** The first segment whose ranges hold the scores, or `null` when none does. */
  readonly segment: string | null;
}

/** Most scores per dimension that {@link rfmScores} accepts (100: percentiles). */
const MAX_BINS = 100;

/**
 * RFM scoring (Hughes 1994): per customer, recency (days since the last purchase),
 * frequency (purchase days) and monetary value (net total), each turned into a score
 * 1..`bins` by quantiles of the customers' values, and a named segment.
 *
 * The quantile edges are `e_k = quantile(values, k / bins)` for `k = 1..bins-1`
 * (simple-statistics `quantileSorted`, linear interpolation: R type 7, numpy's default),
 * and a value's bin is the number of edges strictly below it, plus one — bins are
 * right-closed `(e_(k-1), e_k]`, as `pandas.cut` and R `findInterval(left.open = TRUE)`.
 * **Ties**: equal values always get the same score (no arbitrary tie-breaking by row
 * order, unlike ranking-based `qcut`), so with heavy ties — most customers buying once —
 * some scores stay empty and the others are larger than `n / bins`. Recency is
 * reversed: a value in the lowest bin scores `bins`.
 *
 * Edge cases: purchases are rows with `amount > 0` dated on or before `asOf` (the whole
 * day, UTC or `timeZone`); returns (`amount < 0`) and $0 rows only change `monetary`.
 * Customers without a purchase up to `asOf` are left out; no purchase at all gives
 * `[]`. Rows are sorted by `customerId` (plain string comparison).
 *
 * @param transactions - the transaction log (`customerId`, `date`, `amount`): records or a `TransactionTable`
 * @param options - see {@link RfmScoresOptions}
 * @returns one row per customer with a purchase up to `asOf`
 * @throws {CustomerValueError} `INVALID_RECORD` listing every bad transaction, or naming a
 *   customer whose amounts add up beyond the largest double (about 1.8e308);
 *   `INVALID_OPTION` for a missing `asOf`, `bins` not a whole number in 2..100, edges that
 *   are not `bins - 1` strictly ascending finite numbers, malformed segments, a bad
 *   `count` or `timeZone`
 *
 * @example
 * const rows = rfmScores(
 *   [
 *     { customerId: "A", date: "2024-03-30", amount: 50 },
 *     { customerId: "A", date: "2024-03-01", amount: 50 },
 *     { customerId: "B", date: "2024-01-10", amount: 20 },
 *   ],
 *   { asOf: "2024-03-31", bins: 2 },
 * );
 * rows.map((r) => r.code); // => ["222", "111"]
 */
export function rfmScores(transactions: TransactionInput, options: RfmScoresOptions): RfmScoresRow[] {
  const fn = "rfmScores";
  const { bins, count, timeZone, asOfDay, fixedEdges, segments } = resolveOptions(options, fn);
  const daily = readDailyLog(transactions, fn, { timeZone, endDay: asOfDay });
  const buyers = measureBuyers(daily, count, fn);
  if (buyers.customerIds.length === 0) return [];
  const recencies = buyers.lastPurchaseDay.map((day) => asOfDay - day + 0);
  const edges: RfmEdges = {
    recency: fixedEdges.recency ?? quantileEdges(recencies, bins),
    frequency: fixedEdges.frequency ?? quantileEdges(buyers.frequency, bins),
    monetary: fixedEdges.monetary ?? quantileEdges(buyers.monetary, bins),
  };
  const separator = bins > 9 ? "-" : "";
  return buyers.customerIds.map((customerId, k): RfmScoresRow => {
    const recencyScore = bins - binOf(recencies[k]!, edges.recency) + 1;
    const frequencyScore = binOf(buyers.frequency[k]!, edges.frequency);
    const monetaryScore = binOf(buyers.monetary[k]!, edges.monetary);
    return {
      customerId,
      recency: recencies[k]!,
      frequency: buyers.frequency[k]!,
      monetary: buyers.monetary[k]!,
      recencyScore,
      frequencyScore,
      monetaryScore,
      code: [recencyScore, frequencyScore, monetaryScore].join(separator),
      segment: segmentOf(segments, recencyScore, frequencyScore, monetaryScore),
    };
  });
}

/** The options of {@link rfmScores}, checked, with their defaults. */
function resolveOptions(options: RfmScoresOptions, fn: string) {
  if (typeof options !== "object" || options === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options must be an object with asOf, got ${describeValue(options)}`,
    );
  }
  const { bins = 5, count = "days", timeZone } = options;
  assertInteger(bins, `${fn}: bins`, 2);
  if (bins > MAX_BINS) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: bins must be at most ${MAX_BINS} (percentiles), got ${bins}`,
    );
  }
  assertOneOf(count, ["days", "transactions"], `${fn}: count`);
  if (timeZone !== undefined) assertTimeZone(timeZone, fn);
  return {
    bins,
    count,
    timeZone,
    asOfDay: periodIndex(toTime(options.asOf, `${fn}: asOf`), "day", timeZone),
    fixedEdges: readEdges(options.edges, bins, fn),
    segments:
      options.segments === undefined ? (bins === 5 ? RFM_SEGMENTS : []) : readSegments(options.segments, fn),
  };
}

/** The customers who bought, in id order, with their raw recency, frequency and monetary measures. */
interface Buyers {
  readonly customerIds: string[];
  readonly lastPurchaseDay: number[];
  readonly frequency: number[];
  readonly monetary: number[];
}

/**
 * Per customer: the net total of every row up to `asOf`, and over the purchases
 * (`amount > 0`) the last purchase day and the number of purchase days (or rows). The
 * rows are visited in day order, so a new purchase day is one unlike the last.
 */
function measureBuyers(daily: DailyLog, count: "days" | "transactions", fn: string): Buyers {
  const { log, day, dayOrder, endDay } = daily;
  const n = log.customerIds.length;
  const monetary = new CompensatedSums(n);
  const frequency = new Int32Array(n);
  const lastPurchaseDay = new Int32Array(n);
  for (let k = 0; k < log.length; k++) {
    const row = dayOrder === undefined ? k : dayOrder[k]!;
    if (day[row]! > endDay) continue;
    const c = log.customer[row]!;
    monetary.add(c, log.amount[row]!);
    if (log.amount[row]! <= 0) continue;
    if (count === "transactions" || frequency[c] === 0 || day[row] !== lastPurchaseDay[c]) frequency[c]!++;
    lastPurchaseDay[c] = day[row]!;
  }
  const buyers: Buyers = { customerIds: [], lastPurchaseDay: [], frequency: [], monetary: [] };
  for (const c of idOrderOf(log.customerIds)) {
    if (frequency[c] === 0) continue;
    assertFiniteTotal(monetary.value(c), fn, log.customerIds[c]!);
    buyers.customerIds.push(log.customerIds[c]!);
    buyers.lastPurchaseDay.push(lastPurchaseDay[c]!);
    buyers.frequency.push(frequency[c]!);
    buyers.monetary.push(monetary.value(c));
  }
  return buyers;
}

/** The `bins - 1` interior quantile edges of `values` (type 7). */
function quantileEdges(values: readonly number[], bins: number): number[] {
  const sorted = values.slice().sort((a, b) => a - b);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) edges.push(quantileSorted(sorted, k / bins) + 0);
  return edges;
}

/** 1 + the number of edges strictly below `value`: bins are right-closed. */
function binOf(value: number, edges: readonly number[]): number {
  let bin = 1;
  for (const edge of edges) if (value > edge) bin++;
  return bin;
}

function inRange(score: number, range: readonly [number, number] | undefined): boolean {
  return range === undefined || (score >= range[0] && score <= range[1]);
}

function segmentOf(segments: readonly RfmSegment[], r: number, f: number, m: number): string | null {
  for (const s of segments) {
    if (inRange(r, s.recency) && inRange(f, s.frequency) && inRange(m, s.monetary)) return s.name;
  }
  return null;
}

function readEdges(edges: unknown, bins: number, fn: string): Partial<RfmEdges> {
  if (edges === undefined) return {};
  if (typeof edges !== "object" || edges === null || Array.isArray(edges)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: edges must be an object { recency?, frequency?, monetary? }, got ${describeValue(edges)}`,
    );
  }
  const out: { -readonly [K in keyof RfmEdges]?: readonly number[] } = {};
  for (const [key, list] of Object.entries(edges)) {
    if (key !== "recency" && key !== "frequency" && key !== "monetary") {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: edges may only have recency, frequency and monetary, got "${key}"`,
      );
    }
    if (list === undefined) continue;
    const ok =
      Array.isArray(list) &&
      list.length === bins - 1 &&
      list.every(
        (x, i) => typeof x === "number" && Number.isFinite(x) && (i === 0 || x > (list[i - 1] as number)),
      );
    if (!ok) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: edges.${key} must be ${bins - 1} strictly ascending finite numbers (bins - 1), got ${describeValue(list)}`,
      );
    }
    out[key] = (list as number[]).slice();
  }
  return out;
}

function readSegments(segments: unknown, fn: string): readonly RfmSegment[] {
  const fail = (rule: string, value: unknown): never => {
    throw new CustomerValueError("INVALID_OPTION", `${fn}: ${rule}, got ${describeValue(value)}`);
  };
  if (!Array.isArray(segments))
    fail("segments must be an array of { name, recency?, frequency?, monetary? }", segments);
  (segments as unknown[]).forEach((s, i) => {
    if (typeof s !== "object" || s === null) fail(`segments[${i}] must be an object`, s);
    const rule = s as Record<string, unknown>;
    if (typeof rule.name !== "string" || rule.name === "")
      fail(`segments[${i}].name must be a non-empty string`, rule.name);
    for (const key of ["recency", "frequency", "monetary"]) {
      const range = rule[key];
      if (range === undefined) continue;
      const ok =
        Array.isArray(range) &&
        range.length === 2 &&
        range.every((x) => typeof x === "number" && Number.isFinite(x)) &&
        (range[0] as number) <= (range[1] as number);
      if (!ok) fail(`segments[${i}].${key} must be a score range [min, max] with min <= max`, range);
    }
  });
  return segments as readonly RfmSegment[];
}
