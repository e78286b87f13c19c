/**
 * Lifecycle sums beyond the largest double: two purchases of 1e308 are each valid, but
 * their total (2e308) is not a finite number. Evidence used to show `purchaseValue:
 * Infinity`; now a result is clean or the call throws a CustomerValueError that names the
 * function and the customer. Totals that still fit are kept exactly.
 */
import { describe, expect, it } from "vitest";
import {
  CustomerValueError,
  classifyLifecycle,
  classifyLifecycles,
  lifecycleSummary,
  lifecycleTimeline,
} from "customer-value";
import { caught } from "../support/errors.js";
import { deepFreeze, expectClean } from "./helpers.js";

const asOf = "2011-12-31T00:00:00Z";
const huge = (date: string, customerId = "A") => ({ customerId, date, amount: 1e308 });

describe("lifecycle: sums beyond the largest double", { timeout: 5000 }, () => {
  it("classifyLifecycle: two purchases of 1e308 throw INVALID_RECORD naming the function", () => {
    // Both purchases long ago: the stage (interruption) needs no sum, the evidence's total does.
    const history = deepFreeze({ transactions: [huge("2010-01-05"), huge("2010-02-05")] });
    const error = caught(() => classifyLifecycle(history, { asOf }));
    expect(error.code).toBe("INVALID_RECORD");
    expect(error.message).toMatch(
      /^classifyLifecycle: the purchase value .* beyond the largest finite number/,
    );
  });

  it("classifyLifecycles names the customer whose total overflows", () => {
    const customers = deepFreeze([{ id: "ok" }, { id: "whale" }]);
    const log = deepFreeze([
      { customerId: "ok", date: "2011-11-01", amount: 10 },
      huge("2011-10-01", "whale"),
      huge("2011-11-01", "whale"),
    ]);
    const error = caught(() => classifyLifecycles(customers, log, { asOf }));
    expect(error.code).toBe("INVALID_RECORD");
    expect(error.message).toMatch(
      /^classifyLifecycles: .* of customer "whale" is beyond the largest finite number/,
    );
  });

  it("the trend's windows overflow: INVALID_RECORD, also where only the stage is computed", () => {
    // Gaps under 6 months, first purchase long ago: rule 7 with the recent window
    // (2011-06-30, asOf] holding two of 1e308.
    const log = deepFreeze([
      { customerId: "A", date: "2011-03-01", amount: 1 },
      { customerId: "A", date: "2011-06-01", amount: 1 },
      huge("2011-11-01"),
      huge("2011-12-01"),
    ]);
    const single = caught(() => classifyLifecycle({ transactions: log }, { asOf }));
    expect(single.message).toMatch(/^classifyLifecycle: the trend's change/);
    const timeline = caught(() =>
      lifecycleTimeline([{ id: "A" }], log, { from: "2011-12-01", to: "2011-12-31" }),
    );
    expect(timeline).toBeInstanceOf(CustomerValueError);
    expect(timeline.message).toMatch(/^lifecycleTimeline: .* of customer "A"/);
  });

  it("a change beyond the largest double (vQ = 5e-324, vR = 1) throws instead of reading as +Infinity", () => {
    // previous window 5e-324, recent 2: (2 - 5e-324) / 5e-324 = 4e323 > 1.8e308; vQ is not 0, so the change is not the documented infinity.
    const log = [
      { date: "2011-05-01", amount: 5e-324 },
      { date: "2011-08-01", amount: 1 },
      { date: "2011-11-01", amount: 1 },
    ];
    const error = caught(() => classifyLifecycle({ transactions: log }, { asOf }));
    expect(error.code).toBe("INVALID_RECORD");
    expect(error.message).toMatch(/the trend's change/);
  });

  it("totals that still fit are clean and exact: 8e307 + 8e307 = 1.6e308", () => {
    const log = deepFreeze([huge("2010-01-05"), huge("2010-02-05")].map((t) => ({ ...t, amount: 8e307 })));
    const rows = classifyLifecycles([{ id: "A" }], log, { asOf });
    expectClean(rows);
    expect(rows[0]!.evidence.purchaseValue).toBe(1.6e308);
    expect(rows[0]!.stage).toBe("interruption");
  });

  it("lifecycleSummary: a total of values beyond the largest double throws; a stage's too", () => {
    // A bought long ago (interruption), B recently (socialization).
    const rows = classifyLifecycles(
      [{ id: "A" }, { id: "B" }],
      [
        { customerId: "A", date: "2010-01-05", amount: 1e308 },
        { customerId: "B", date: "2011-12-01", amount: 1e308 },
      ],
      { asOf },
    );
    expect(rows.map((r) => r.stage)).toEqual(["interruption", "socialization"]);
    const error = caught(() => lifecycleSummary(rows));
    expect(error.code).toBe("INVALID_RECORD");
    expect(error.message).toMatch(/^lifecycleSummary: the total value is beyond the largest finite number/);
    // Values A 1e308, B -1e308, A again 1e308: the total is 1e308, but interruption
    // (A twice) holds 2e308.
    const three = [rows[0]!, rows[1]!, rows[0]!];
    const values = [1e308, -1e308, 1e308];
    let i = 0;
    const staged = caught(() => lifecycleSummary(three, { value: () => values[i++]! }));
    expect(staged.code).toBe("INVALID_RECORD");
    expect(staged.message).toMatch(/^lifecycleSummary: the value of stage interruption/);
  });
});
