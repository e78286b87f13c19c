/**
 * A second boundary case of the recovery rule, in a time zone across a DST change. The
 * rule: the latest gap of at least `interruptionAfter` ended (the purchase after it) less
 * than `recoveryWindow` before `asOf`, i.e. after `sub(asOf, recoveryWindow)` in the zone.
 *
 * asOf 2011-11-10T08:00:00Z is midnight PST in Los Angeles; seven days before, in local
 * time, is midnight 2011-11-03 PDT = 2011-11-03T07:00:00Z (daylight time ended on
 * 2011-11-06), while seven days of UTC time before is 2011-11-03T08:00:00Z.
 */
import { describe, expect, it } from "vitest";
import { classifyLifecycle, classifyLifecycles } from "../src/index.js";

const buy = (date: string) => ({ customerId: "A", date, amount: 10 });
const asOf = "2011-11-10T08:00:00Z";
const options = { asOf, recoveryWindow: { days: 7 } };
// A gap of ten months (more than the default interruptionAfter of six), ended by `comeback`.
const history = (comeback: string) => ({
  transactions: [buy("2011-01-01T00:00:00Z"), buy(comeback), buy("2011-11-08T00:00:00Z")],
});

describe("recovery: the window's start in the time zone, across a DST change", () => {
  it("in Los Angeles, a comeback exactly at local midnight seven days before is not recovery; 1 ms later is", () => {
    const la = { ...options, timeZone: "America/Los_Angeles" };
    expect(classifyLifecycle(history("2011-11-03T07:00:00Z"), la).stage).not.toBe("recovery");
    expect(classifyLifecycle(history("2011-11-03T07:00:00.001Z"), la).stage).toBe("recovery");
    expect(classifyLifecycle(history("2011-11-03T07:30:00Z"), la).stage).toBe("recovery");
  });

  it("in UTC the window starts an hour later: 07:30Z is outside it, 08:00:00.001Z inside", () => {
    expect(classifyLifecycle(history("2011-11-03T07:30:00Z"), options).stage).not.toBe("recovery");
    expect(classifyLifecycle(history("2011-11-03T08:00:00Z"), options).stage).not.toBe("recovery");
    expect(classifyLifecycle(history("2011-11-03T08:00:00.001Z"), options).stage).toBe("recovery");
  });

  it("classifyLifecycles draws the same line", () => {
    const la = { ...options, timeZone: "America/Los_Angeles" };
    const rows = (comeback: string) => classifyLifecycles([{ id: "A" }], history(comeback).transactions, la);
    expect(rows("2011-11-03T07:00:00Z")[0]!.stage).not.toBe("recovery");
    expect(rows("2011-11-03T07:00:00.001Z")[0]!.stage).toBe("recovery");
  });
});
