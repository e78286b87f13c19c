import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertArray } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { CompensatedSum, CompensatedSums, finiteSum, powerOfTwoScale } from "../engine/sum.js";

/** An activity cost pool: what the activity cost in the period. */
export interface ActivityCost {
  readonly activity: string;
  readonly cost: number;
}

/** How much of an activity (its cost driver) one customer used. */
export interface ActivityUsage {
  readonly customerId: string;
  readonly activity: string;
  readonly quantity: number;
}

/**
 * Cost to serve by activity-based costing (Kaplan and Cooper): each activity pool's cost is
 * divided by its total driver quantity to give a rate, and each customer bears that rate
 * times its own usage:
 *
 *     rate_a = cost_a / sum_i quantity_ia,   costToServe_i = sum_a rate_a * quantity_ia
 *
 * The whole cost of every used pool is allocated (the customers' shares add up to it).
 * Several usage rows of the same customer and activity add up. A pool that nobody used
 * can only be allocated when its cost is 0; with a positive cost it is an error, since its
 * cost would silently vanish. The result is a plain object with no prototype, keyed by
 * customer id in order of first appearance in `usage` (so ids such as `__proto__` work);
 * customers without usage are not in it.
 *
 * @param activities - the cost pools `[{ activity, cost }]`, cost >= 0, activity names unique
 * @param usage - driver quantities `[{ customerId, activity, quantity }]`, quantity >= 0
 * @returns `{ [customerId]: costToServe }`
 * @throws {CustomerValueError} `INVALID_RECORD` for a malformed row; `NEGATIVE_VALUE` for a
 *   negative cost or quantity; `DUPLICATE_ID` for an activity listed twice; `UNKNOWN_NAME` for
 *   usage of an activity with no pool; `ZERO_TOTAL` for a pool with cost but no usage;
 *   `INVALID_RECORD` for a customer whose costs add up beyond the largest double (about 1.8e308)
 * @example
 * allocateCostToServe(
 *   [{ activity: "orders", cost: 100 }, { activity: "visits", cost: 300 }],
 *   [
 *     { customerId: "a", activity: "orders", quantity: 3 },
 *     { customerId: "b", activity: "orders", quantity: 1 },
 *     { customerId: "b", activity: "visits", quantity: 2 },
 *   ],
 * ); // => { a: 75, b: 325 }
 */
export function allocateCostToServe(
  activities: readonly ActivityCost[],
  usage: readonly ActivityUsage[],
): Record<string, number> {
  assertArray(activities, `${FN}: activities`);
  assertArray(usage, `${FN}: usage`);
  const pools = readPools(activities);
  const largest = readUsage(usage, pools);
  for (const [activity, cost] of pools) {
    if (cost > 0 && !((largest.get(activity) ?? 0) > 0)) {
      throw new CustomerValueError(
        "ZERO_TOTAL",
        `${FN}: activity ${describeValue(activity)} costs ${cost} but no customer used it (total driver quantity 0), so its cost cannot be allocated`,
      );
    }
  }

  // Each row bears cost_a times its share of the driver total, on quantities scaled by a
  // power of two: the rate cost_a / total would overflow for tiny totals, a total for huge ones.
  const scales = new Map<string, number>();
  const totals = new Map<string, CompensatedSum>();
  for (const [activity, max] of largest) {
    scales.set(activity, powerOfTwoScale(max));
    totals.set(activity, new CompensatedSum());
  }
  for (const u of usage) totals.get(u.activity)!.add(u.quantity * scales.get(u.activity)!);

  const slots = new Map<string, number>();
  for (const u of usage) if (!slots.has(u.customerId)) slots.set(u.customerId, slots.size);
  const sums = new CompensatedSums(slots.size);
  for (const u of usage) {
    const total = totals.get(u.activity)!.value;
    const share = total > 0 ? (u.quantity * scales.get(u.activity)!) / total : 0;
    sums.add(slots.get(u.customerId)!, pools.get(u.activity)! * share);
  }
  const result: Record<string, number> = Object.create(null);
  for (const [customerId, slot] of slots) {
    result[customerId] = finiteSum(
      sums.value(slot),
      `${FN}: the cost to serve of ${describeValue(customerId)}`,
    );
  }
  return result;
}

const FN = "allocateCostToServe";

const bad = (where: string, rule: string, value: unknown, code: "INVALID_RECORD" | "NEGATIVE_VALUE") =>
  new CustomerValueError(code, `${FN}: ${where} ${rule}, got ${describeValue(value)}`);

function checkAmount(value: unknown, where: string): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw bad(where, "must be a finite number", value, "INVALID_RECORD");
  }
  if (value < 0) throw bad(where, "must be >= 0", value, "NEGATIVE_VALUE");
}

function checkName(value: unknown, where: string): asserts value is string {
  if (typeof value !== "string" || value.length === 0) {
    throw bad(where, "must be a non-empty string", value, "INVALID_RECORD");
  }
}

/** The cost of each activity pool, checked; an activity listed twice is an error. */
function readPools(activities: readonly ActivityCost[]): Map<string, number> {
  const pools = new Map<string, number>();
  activities.forEach((a, i) => {
    checkName(a?.activity, `activities[${i}].activity`);
    checkAmount(a.cost, `activities[${i}].cost`);
    if (pools.has(a.activity)) {
      throw new CustomerValueError(
        "DUPLICATE_ID",
        `${FN}: activity ${describeValue(a.activity)} is listed twice in activities (at ${[...pools.keys()].indexOf(a.activity)} and ${i})`,
      );
    }
    pools.set(a.activity, a.cost);
  });
  return pools;
}

/** Checks every usage row against the pools; returns the largest quantity of each used activity. */
function readUsage(usage: readonly ActivityUsage[], pools: Map<string, number>): Map<string, number> {
  const largest = new Map<string, number>();
  usage.forEach((u, i) => {
    checkName(u?.customerId, `usage[${i}].customerId`);
    checkName(u.activity, `usage[${i}].activity`);
    checkAmount(u.quantity, `usage[${i}].quantity`);
    if (!pools.has(u.activity)) {
      throw new CustomerValueError(
        "UNKNOWN_NAME",
        `${FN}: usage[${i}].activity ${describeValue(u.activity)} has no cost pool in activities (known: ${[...pools.keys()].join(", ")})`,
      );
    }
    largest.set(u.activity, Math.max(largest.get(u.activity) ?? 0, u.quantity));
  });
  return largest;
}
