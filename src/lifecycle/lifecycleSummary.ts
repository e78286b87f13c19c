import { CompensatedSum } from "../engine/sum.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertArray, assertOptions } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import type { LifecycleResult } from "./evidence.js";
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES, type LifecycleStage } from "./stages.js";

/** Options of {@link lifecycleSummary}. */
export interface LifecycleSummaryOptions {
  /**
   * The value of a customer (default: `evidence.purchaseValue`, the total of its purchases
   * up to `asOf`). Use it to sum another measure, e.g. a lifetime value or `Customer.value`.
   */
  readonly value?: (result: LifecycleResult & { readonly customerId?: string }) => number;
}

/** One stage of {@link LifecycleSummary}. */
export interface LifecycleStageSummary {
  readonly stage: LifecycleStage;
  /** English name. */
  readonly label: string;
  /** Chinese name. */
  readonly labelZh: string;
  /** Customers in the stage. */
  readonly count: number;
  /** `count / customers`; `null` when there are no customers. */
  readonly share: number | null;
  /** Total value of the stage's customers. */
  readonly value: number;
  /** `value / total value`; `null` when the total is 0. */
  readonly valueShare: number | null;
  /** `value / count`; `null` for an empty stage. */
  readonly meanValue: number | null;
}

/** Result of {@link lifecycleSummary}. */
export interface LifecycleSummary {
  /** Customers summarised. */
  readonly customers: number;
  /** Their total value. */
  readonly value: number;
  /** All seven stages, in `LIFECYCLE_STAGES` order (empty stages included). */
  readonly stages: LifecycleStageSummary[];
  /** Customers in decline, per phase. */
  readonly phases: { readonly endangerment: number; readonly termination: number };
}

/**
 * Counts and value per lifecycle stage: how many customers are in each of the seven stages,
 * what they are worth and what share of customers and value each stage holds.
 *
 * `share = count / customers`, `valueShare = value / total value` (compensated sums).
 * Edge cases: an empty input gives zero counts with `share: null`; a total value of 0 gives
 * `valueShare: null`; an empty stage has `meanValue: null`.
 *
 * @param results - rows of `classifyLifecycles` (or results of `classifyLifecycle`)
 * @param options - `value`: the measure to sum (default the purchase value in the evidence)
 * @returns `{ customers, value, stages, phases }`
 * @throws {CustomerValueError} `INVALID_RECORD` when a result has no known stage, a value
 *   is not a finite number, or the total is beyond the largest double (about 1.8e308)
 * @example
 * const rows = classifyLifecycles([{ id: "A" }, { id: "B" }],
 *   [{ customerId: "A", date: "2011-11-20", amount: 30 }], { asOf: "2011-12-31" });
 * lifecycleSummary(rows).stages.find((s) => s.stage === "socialization").value; // => 30
 */
export function lifecycleSummary(
  results: readonly LifecycleResult[],
  options: LifecycleSummaryOptions = {},
): LifecycleSummary {
  const fn = "lifecycleSummary";
  assertOptions(options, fn);
  assertArray(results, `${fn}: results`);
  const { value = (r: LifecycleResult) => r.evidence?.purchaseValue } = options;
  if (typeof value !== "function") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: value must be a function, got ${describeValue(value)}`,
    );
  }
  const slot = new Map<string, number>(LIFECYCLE_STAGES.map((s, i) => [s, i]));
  const counts = new Array<number>(LIFECYCLE_STAGES.length).fill(0);
  const values = LIFECYCLE_STAGES.map(() => new CompensatedSum());
  const total = new CompensatedSum();
  const phases = { endangerment: 0, termination: 0 };
  results.forEach((r, i) => {
    const k = typeof r === "object" && r !== null ? slot.get(r.stage) : undefined;
    if (k === undefined) {
      throw new CustomerValueError(
        "INVALID_RECORD",
        `${fn}: results[${i}].stage must be one of LIFECYCLE_STAGES, got ${describeValue((r as { stage?: unknown } | null)?.stage)}`,
      );
    }
    const v = value(r);
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new CustomerValueError(
        "INVALID_RECORD",
        `${fn}: the value of results[${i}] must be a finite number, got ${describeValue(v)}`,
      );
    }
    counts[k]!++;
    values[k]!.add(v);
    total.add(v);
    if (r.phase === "endangerment" || r.phase === "termination") phases[r.phase]++;
  });
  const n = results.length;
  const totalValue = representable(total.value, "the total value");
  return {
    customers: n,
    value: totalValue,
    stages: LIFECYCLE_STAGES.map((stage, k) => {
      const stageValue = representable(values[k]!.value, `the value of stage ${stage}`);
      const count = counts[k]!;
      return {
        stage,
        label: LIFECYCLE_LABELS.en[stage],
        labelZh: LIFECYCLE_LABELS.zh[stage],
        count,
        share: n === 0 ? null : count / n,
        value: stageValue,
        valueShare: totalValue === 0 ? null : stageValue / totalValue + 0,
        meanValue: count === 0 ? null : stageValue / count + 0,
      };
    }),
    phases,
  };
}

/** `sum`, unless it is beyond the largest double (an overflow of values that are each finite). */
function representable(sum: number, what: string): number {
  if (Number.isFinite(sum)) return sum;
  throw new CustomerValueError(
    "INVALID_RECORD",
    `lifecycleSummary: ${what} is beyond the largest finite number; the values are too large to add up (scale them down)`,
  );
}
