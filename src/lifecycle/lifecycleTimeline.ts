import { assertPeriodSpan } from "../engine/periods.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOneOf, assertOptions } from "../internal/assert.js";
import {
  assertPeriod,
  type DateInput,
  type Period,
  periodEnd,
  periodIndex,
  periodKeyOf,
  toTime,
} from "../internal/dates.js";
import type { Customer } from "../records/Customer.js";
import type { TransactionInput } from "../table/TransactionTable.js";
import type { ClassifyLifecyclesOptions } from "./classifyLifecycles.js";
import { type CustomerBase, readCustomerBase } from "./customerBase.js";
import { lifecycleWindows, type ResolvedLifecycleOptions, resolveLifecycleOptions } from "./options.js";
import { decideLifecycle } from "./rules.js";
import { LIFECYCLE_STAGES, type LifecycleStage } from "./stages.js";

/** Options of {@link lifecycleTimeline}: the classifier's thresholds plus the range and period. */
export interface LifecycleTimelineOptions extends Omit<ClassifyLifecyclesOptions, "asOf"> {
  /** First period: the one containing this date (default: the first purchase in the log). */
  readonly from?: DateInput;
  /** Last period: the one containing this date (default: the last purchase in the log). */
  readonly to?: DateInput;
  /** Calendar period (default `"month"`), in UTC or `timeZone`. */
  readonly period?: Period;
}

/** One period of {@link LifecycleTimeline}. */
export interface LifecycleTimelinePeriod {
  /** Period key, e.g. `"2011-03"`. */
  readonly period: string;
  /** The `asOf` of the period: its last millisecond. */
  readonly asOf: string;
  /** Customers per stage at `asOf`. */
  readonly counts: Record<LifecycleStage, number>;
  /** Customers in decline per phase at `asOf`. */
  readonly phases: { readonly endangerment: number; readonly termination: number };
}

/** Result of {@link lifecycleTimeline}. */
export interface LifecycleTimeline {
  /** The periods, in time order. */
  readonly periods: LifecycleTimelinePeriod[];
  /** Each customer's stage at the end of each period (`stages[j]` is `periods[j]`), in `customers` order. */
  readonly customers: {
    readonly customerId: string;
    readonly stages: LifecycleStage[];
    readonly unknownCustomer?: true;
  }[];
  /** Row/column order of the matrices: `LIFECYCLE_STAGES`. */
  readonly stages: readonly LifecycleStage[];
  /**
   * `transitions[i][j]`: customer-steps from stage `stages[i]` at the end of one period to
   * `stages[j]` at the end of the next, summed over all consecutive pairs of periods.
   */
  readonly transitions: number[][];
  /** `transitions` divided by its row total (the chance of moving from `i` to `j` in one period); `null` rows where no customer was in `i`. */
  readonly transitionRates: (number | null)[][];
}

/**
 * The lifecycle stage of every customer at the end of each period from `from` to `to`, and
 * the stage-to-stage transition matrix between consecutive periods: how customers move
 * through the cycle.
 *
 * Each period's stage is `classifyLifecycles` at the period's last millisecond (in UTC, or
 * in `timeZone`), with the same options; the log is grouped once and each period only looks
 * at purchases up to its end (binary search), so the cost is about customers × periods.
 * Edge cases: one period gives an all-zero transition matrix; a stage nobody was in has a
 * `null` row in `transitionRates`; at most 100,000 periods (a mistyped year by day fails at
 * once instead of filling memory).
 *
 * @param customers - the customer list (ids unique)
 * @param transactions - the transaction log: `Transaction` records or a `TransactionTable`
 * @param options - `from`, `to`, `period` and the classifier's options
 * @returns `{ periods, customers, stages, transitions, transitionRates }`
 * @throws {CustomerValueError} `EMPTY_INPUT` without `from`/`to` and without purchases;
 *   `INVALID_OPTION` when `from` is after `to`, for more than 100,000 periods or a bad option;
 *   and the errors of `classifyLifecycles`
 * @example
 * const t = lifecycleTimeline([{ id: "A" }],
 *   [{ customerId: "A", date: "2011-01-15", amount: 10 }],
 *   { from: "2011-01-01", to: "2011-08-31", period: "month" });
 * t.customers[0].stages.at(-1); // => "interruption"
 */
export function lifecycleTimeline(
  customers: readonly Customer[],
  transactions: TransactionInput,
  options: LifecycleTimelineOptions = {},
): LifecycleTimeline {
  const fn = "lifecycleTimeline";
  assertOptions(options, fn);
  const resolved = resolveLifecycleOptions(options, fn);
  const { unknownCustomers = "throw", period = "month", from, to } = options;
  assertOneOf(unknownCustomers, ["throw", "report"] as const, `${fn}: unknownCustomers`);
  assertPeriod(period, fn);
  const tz = resolved.timeZone;
  const fromTime = from === undefined ? undefined : toTime(from, `${fn}: from`);
  const toTimeOption = to === undefined ? undefined : toTime(to, `${fn}: to`);
  const upTo =
    toTimeOption === undefined
      ? Number.POSITIVE_INFINITY
      : periodEnd(periodIndex(toTimeOption, period, tz), period, tz) - 1;
  const base = readCustomerBase({ customers, transactions, fn, unknownCustomers, upTo });
  const span = fromTime === undefined || toTimeOption === undefined ? purchaseSpan(base) : undefined;
  const start = fromTime ?? span!.first;
  const end = toTimeOption ?? span!.last;
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    throw new CustomerValueError(
      "EMPTY_INPUT",
      `${fn}: no purchases to take from/to from; give both from and to`,
    );
  }
  const first = periodIndex(start, period, tz);
  const last = periodIndex(end, period, tz);
  if (first > last) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: from must not be after to, got ${new Date(start).toISOString()} > ${new Date(end).toISOString()}`,
    );
  }
  assertPeriodSpan(first, last, period, fn);
  return walkPeriods(base, resolved, { first, last, period });
}

/** The first and last purchase of the whole base (±Infinity when there is none). */
function purchaseSpan(base: CustomerBase): { first: number; last: number } {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < base.ids.length; k++) {
    const { time, from, to } = base.history(k);
    if (to === from) continue;
    first = Math.min(first, time[from]!);
    last = Math.max(last, time[to - 1]!);
  }
  return { first, last };
}

/** The stages of every customer at the end of periods `first .. last`, and the transitions between them. */
function walkPeriods(
  base: CustomerBase,
  resolved: ResolvedLifecycleOptions,
  range: { first: number; last: number; period: Period },
): LifecycleTimeline {
  const S = LIFECYCLE_STAGES.length;
  const stageIndex = new Map<string, number>(LIFECYCLE_STAGES.map((s, i) => [s, i]));
  const customers = base.ids.map((customerId, k) =>
    k < base.listed
      ? { customerId, stages: [] as LifecycleStage[] }
      : { customerId, stages: [] as LifecycleStage[], unknownCustomer: true as const },
  );
  const transitions = Array.from({ length: S }, () => new Array<number>(S).fill(0));
  const previous = new Int8Array(base.ids.length).fill(-1);
  const periods: LifecycleTimelinePeriod[] = [];
  const { period } = range;
  for (let p = range.first; p <= range.last; p++) {
    const end = new Date(periodEnd(p, period, resolved.timeZone) - 1);
    const windows = lifecycleWindows(end, resolved, `${resolved.fn}: period end`);
    const counts = Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s, 0])) as Record<LifecycleStage, number>;
    const phases = { endangerment: 0, termination: 0 };
    for (let k = 0; k < base.ids.length; k++) {
      const { stage, phase } = decideLifecycle(base.history(k, windows.asOf), windows).finding;
      customers[k]!.stages.push(stage);
      counts[stage]++;
      if (phase !== undefined) phases[phase]++;
      const s = stageIndex.get(stage)!;
      if (previous[k]! >= 0) transitions[previous[k]!]![s]!++;
      previous[k] = s;
    }
    periods.push({ period: periodKeyOf(p, period), asOf: windows.iso.asOf, counts, phases });
  }
  const transitionRates = transitions.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((x) => (total === 0 ? null : x / total));
  });
  return { periods, customers, stages: LIFECYCLE_STAGES, transitions, transitionRates };
}
