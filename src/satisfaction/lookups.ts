/**
 * Looking up each respondent's customer value `K_i` and group: from a plain object (own
 * properties only, so ids such as `__proto__` or `constructor` are plain keys), a `Map`, or
 * a function of the customer id.
 */
import { lookupInOrder } from "../engine/ids.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import type { Customer } from "../records/Customer.js";
import type { CustomerValues, SatisfactionGroupBy } from "./types.js";

/** `values` as a lookup function of the customer id, for one pass over one wave's respondents in order. */
export function valueLookup(values: CustomerValues, fnName: string): (customerId: string) => unknown {
  if (typeof values === "function") return values;
  if (values instanceof Map) return lookupInOrder(values);
  if (typeof values === "object" && values !== null && !Array.isArray(values)) {
    const record = values as Readonly<Record<string, unknown>>;
    return (id) => (Object.hasOwn(record, id) ? record[id] : undefined);
  }
  throw new CustomerValueError(
    "INVALID_OPTION",
    `${fnName}: values must be an object, a Map or a function of the customer id, got ${describeValue(values)}`,
  );
}

/** `groupBy` (with `customers` for `"segment"` / `"region"`) as a lookup function, or `undefined` without one. */
export function groupLookup(
  groupBy: SatisfactionGroupBy | undefined,
  customers: readonly Customer[] | undefined,
  fnName: string,
): ((customerId: string) => unknown) | undefined {
  if (groupBy === undefined) return undefined;
  if (typeof groupBy === "function") return groupBy;
  if (groupBy instanceof Map) return (id) => groupBy.get(id);
  if (groupBy === "segment" || groupBy === "region") {
    if (!Array.isArray(customers)) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fnName}: groupBy "${groupBy}" needs options.customers (the customer records), got ${describeValue(customers)}`,
      );
    }
    const byId = new Map<string, unknown>();
    for (const customer of customers) {
      if (typeof customer === "object" && customer !== null) byId.set(customer.id, customer[groupBy]);
    }
    return (id) => byId.get(id);
  }
  throw new CustomerValueError(
    "INVALID_OPTION",
    `${fnName}: groupBy must be "segment", "region", a Map or a function, got ${describeValue(groupBy)}`,
  );
}
