import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { classifyLifecycle, type LifecycleHistory } from "./classifyLifecycle.js";
import type { ClassifyLifecycleOptions } from "./rules.js";

/** Deep-frozen copy, so that any mutation of the input throws. */
function frozen<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

const buy = (date: string, amount = 100) => ({ date, amount });
const classify = (history: LifecycleHistory, options: ClassifyLifecycleOptions) =>
  classifyLifecycle(frozen(history), frozen(options));

describe("classifyLifecycle: each rule, by hand", () => {
  const asOf = "2011-12-01T00:00:00Z";

  it("1. no purchase on or before asOf -> prospecting (returns and later purchases do not count)", () => {
    const r = classify(
      {
        transactions: [buy("2011-05-01", -20), buy("2011-06-01", 0), buy("2011-12-02", 500)],
        firstContactAt: "2011-04-01",
      },
      { asOf },
    );
    expect(r.stage).toBe("prospecting");
    expect(r.phase).toBeUndefined();
    expect(r.strategy).toMatch(/^acquisition/);
    expect(r.evidence.rule).toBe("no-purchase");
    expect(r.evidence.ruleNumber).toBe(1);
    expect(r.evidence.purchases).toBe(0);
    expect(r.evidence.lastPurchaseAt).toBeNull();
  });

  it("2. termination notice on or before asOf, not withdrawn -> decline/termination (before interruption)", () => {
    // Last purchase 2011-01-10 is also > 6 months back, but rule 2 comes first.
    const r = classify({ transactions: [buy("2011-01-10")], terminationNoticeAt: asOf }, { asOf });
    expect(r.stage).toBe("decline");
    expect(r.phase).toBe("termination");
    expect(r.strategy).toMatch(/withdraw the notice/);
    expect(r.evidence.rule).toBe("termination-notice");
    expect(r.evidence.terminationNoticeAt).toBe("2011-12-01T00:00:00.000Z");
  });

  it("2. a notice withdrawn by asOf does not count; withdrawn after asOf or before the notice still counts", () => {
    const transactions = [buy("2011-10-15")]; // recent first purchase -> socialization otherwise
    const base = { transactions, terminationNoticeAt: "2011-11-01" };
    expect(classify({ ...base, noticeWithdrawnAt: "2011-11-20" }, { asOf }).stage).toBe("socialization");
    expect(classify({ ...base, noticeWithdrawnAt: asOf }, { asOf }).stage).toBe("socialization");
    expect(classify({ ...base, noticeWithdrawnAt: "2011-12-01T00:00:00.001Z" }, { asOf }).phase).toBe(
      "termination",
    );
    expect(classify({ ...base, noticeWithdrawnAt: "2011-10-20" }, { asOf }).phase).toBe("termination");
    // A notice dated after asOf is not known yet.
    expect(classify({ transactions, terminationNoticeAt: "2011-12-05" }, { asOf }).stage).toBe(
      "socialization",
    );
  });

  it("3. last purchase at least interruptionAfter before asOf -> interruption", () => {
    const r = classify(
      { transactions: [buy("2010-01-05"), buy("2011-03-10", 40)], satisfaction: 1 },
      { asOf, dissatisfiedBelow: 5 },
    );
    expect(r.stage).toBe("interruption");
    expect(r.strategy).toMatch(/win the customer back/);
    expect(r.evidence.rule).toBe("interruption");
    expect(r.evidence.lastPurchaseAt).toBe("2011-03-10T00:00:00.000Z");
    // 2011-03-10 -> 2011-12-01: 21 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 1 = 266 days
    expect(r.evidence.daysSinceLastPurchase).toBe(266);
  });

  it("4. satisfaction below dissatisfiedBelow -> decline/endangerment; equal is not", () => {
    const transactions = [buy("2011-10-15")];
    const r = classify({ transactions, satisfaction: 4.9 }, { asOf, dissatisfiedBelow: 5 });
    expect(r.stage).toBe("decline");
    expect(r.phase).toBe("endangerment");
    expect(r.evidence.rule).toBe("dissatisfaction");
    expect(r.evidence.satisfaction).toBe(4.9);
    expect(classify({ transactions, satisfaction: 5 }, { asOf, dissatisfiedBelow: 5 }).stage).toBe(
      "socialization",
    );
    // Without dissatisfiedBelow the rule is off.
    expect(classify({ transactions, satisfaction: 0 }, { asOf }).stage).toBe("socialization");
  });

  it("5. back from a gap of at least interruptionAfter less than recoveryWindow ago -> recovery", () => {
    const r = classify({ transactions: [buy("2010-06-01"), buy("2011-01-01"), buy("2011-10-20")] }, { asOf });
    // gap 2011-01-01 -> 2011-10-20 is >= 6 months; it ended 42 days (< 3 months) before asOf.
    expect(r.stage).toBe("recovery");
    expect(r.evidence.rule).toBe("recovery");
    expect(r.evidence.gapStartedAt).toBe("2011-01-01T00:00:00.000Z");
    expect(r.evidence.gapEndedAt).toBe("2011-10-20T00:00:00.000Z");
    expect(r.strategy).toMatch(/new-customer care/);
  });

  it("5. the latest long gap decides: an older long gap followed by a newer one still in the window", () => {
    // Gaps: 2009-01-01 -> 2010-01-01 (long, ended long ago); 2011-03-01 -> 2011-09-15 (long, ended 77 days ago).
    const r = classify(
      {
        transactions: [
          buy("2009-01-01"),
          buy("2010-01-01"),
          buy("2011-03-01"),
          buy("2011-09-15"),
          buy("2011-11-01"),
        ],
      },
      { asOf },
    );
    expect(r.stage).toBe("recovery");
    expect(r.evidence.gapEndedAt).toBe("2011-09-15T00:00:00.000Z");
  });

  it("6. first purchase less than socializationWindow before asOf -> socialization", () => {
    const r = classify({ transactions: [buy("2011-09-02"), buy("2011-11-30")] }, { asOf });
    expect(r.stage).toBe("socialization");
    expect(r.evidence.rule).toBe("socialization");
    expect(r.evidence.firstPurchaseAt).toBe("2011-09-02T00:00:00.000Z");
    expect(r.strategy).toMatch(/^new-customer management/);
  });

  // Rule 7 at asOf 2011-12-01: s = 2011-06-01, previous window (2010-12-01, 2011-06-01].
  const trendHistory = (vQ: readonly number[], vR: readonly number[]) => ({
    transactions: [
      ...vQ.map((a, i) => buy(`2011-0${i + 1}-15`, a)),
      ...vR.map((a, i) => buy(`2011-0${i + 7}-15`, a)),
    ],
  });

  it("7. growth: change >= growthThreshold (exactly +10% is growth)", () => {
    // vQ = 60 + 40 = 100, vR = 70 + 40 = 110: change = 10 / 100 = 0.1
    const r = classify(trendHistory([60, 40], [70, 40]), { asOf });
    expect(r.stage).toBe("growth");
    expect(r.evidence.rule).toBe("trend");
    expect(r.evidence.vQ).toBe(100);
    expect(r.evidence.vR).toBe(110);
    expect(r.evidence.change).toBeCloseTo(0.1, 12);
    expect(r.evidence.trendWindowStart).toBe("2011-06-01T00:00:00.000Z");
    expect(r.evidence.previousWindowStart).toBe("2010-12-01T00:00:00.000Z");
    expect(r.strategy).toMatch(/^satisfied-customer management/);
  });

  it("7. decline: change <= -declineThreshold (exactly -10% is decline/endangerment)", () => {
    // vQ = 100, vR = 90: change = -10 / 100 = -0.1
    const r = classify(trendHistory([100], [50, 40]), { asOf });
    expect(r.stage).toBe("decline");
    expect(r.phase).toBe("endangerment");
    expect(r.evidence.change).toBeCloseTo(-0.1, 12);
    expect(r.strategy).toMatch(/^dissatisfied-customer management/);
  });

  it("7. maturity: change strictly between the thresholds", () => {
    // vQ = 100, vR = 105: change = 0.05
    const r = classify(trendHistory([100], [105]), { asOf });
    expect(r.stage).toBe("maturity");
    expect(r.phase).toBeUndefined();
    expect(r.evidence.change).toBeCloseTo(0.05, 12);
  });

  it("7. vQ = 0 and vR > 0: change is +Infinity in the rule, null + changeIsInfinite in the evidence", () => {
    // First purchase 2010-10-15 (before the previous window), nothing in (2010-12-01, 2011-06-01].
    const r = classify({ transactions: [buy("2010-10-15"), buy("2011-07-15")] }, { asOf });
    expect(r.stage).toBe("growth");
    expect(r.evidence.vQ).toBe(0);
    expect(r.evidence.vR).toBe(100);
    expect(r.evidence.change).toBeNull();
    expect(r.evidence.changeIsInfinite).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("7. vQ = 0 and vR = 0: change 0 -> maturity (reachable when trendWindow is shorter than interruptionAfter)", () => {
    // interruptionAfter 12 months; trendWindow 2 months: s = 2011-10-01, previous (2011-08-01, 2011-10-01].
    const r = classify(
      { transactions: [buy("2011-03-01"), buy("2011-07-01")] },
      { asOf, interruptionAfter: { months: 12 }, trendWindow: { months: 2 } },
    );
    expect(r.stage).toBe("maturity");
    expect(r.evidence.vR).toBe(0);
    expect(r.evidence.vQ).toBe(0);
    expect(r.evidence.change).toBe(0);
    expect(r.evidence.changeIsInfinite).toBe(false);
  });

  it("custom thresholds move the trend boundaries", () => {
    // change = 0.05: growth with growthThreshold 0.05, decline needs <= -0.2
    expect(classify(trendHistory([100], [105]), { asOf, growthThreshold: 0.05 }).stage).toBe("growth");
    // change = -0.15: maturity with declineThreshold 0.2
    expect(classify(trendHistory([100], [85]), { asOf, declineThreshold: 0.2 }).stage).toBe("maturity");
  });
});

describe("classifyLifecycle: the reason of each rule, in words (written by hand)", () => {
  const asOf = "2011-12-01T00:00:00Z";
  const reason = (history: LifecycleHistory, options: Partial<ClassifyLifecycleOptions> = {}) =>
    classify(history, { asOf, ...options }).evidence.reason;
  // Rule 7 at asOf 2011-12-01: recent window (2011-06-01, asOf], previous (2010-12-01, 2011-06-01].
  const trend = (vQ: readonly number[], vR: readonly number[]) => ({
    transactions: [
      ...vQ.map((a, i) => buy(`2011-0${i + 1}-15`, a)),
      ...vR.map((a, i) => buy(`2011-0${i + 7}-15`, a)),
    ],
  });

  it("rules 1 to 6 name their rule, dates and windows", () => {
    expect(reason({ transactions: [] })).toBe("no purchase (amount > 0) on or before asOf");
    expect(reason({ transactions: [buy("2011-01-10")], terminationNoticeAt: asOf })).toBe(
      "termination notice given 2011-12-01T00:00:00.000Z and not withdrawn by asOf",
    );
    expect(reason({ transactions: [buy("2010-01-05"), buy("2011-03-10")] })).toBe(
      "last purchase 2011-03-10T00:00:00.000Z is at least 6 months before asOf",
    );
    expect(reason({ transactions: [buy("2011-10-15")], satisfaction: 4.9 }, { dissatisfiedBelow: 5 })).toBe(
      "satisfaction 4.9 is below dissatisfiedBelow 5",
    );
    expect(reason({ transactions: [buy("2010-06-01"), buy("2011-01-01"), buy("2011-10-20")] })).toBe(
      "bought again 2011-10-20T00:00:00.000Z after a gap of at least 6 months " +
        "(since 2011-01-01T00:00:00.000Z), less than 3 months before asOf",
    );
    expect(reason({ transactions: [buy("2011-09-02"), buy("2011-11-30")] })).toBe(
      "first purchase 2011-09-02T00:00:00.000Z is less than 3 months before asOf",
    );
    // windows in other words: 1 year, 2 weeks, 45 days
    expect(
      reason(
        { transactions: [buy("2010-06-01"), buy("2011-11-25")] },
        { interruptionAfter: { years: 1 }, recoveryWindow: { weeks: 2 } },
      ),
    ).toBe(
      "bought again 2011-11-25T00:00:00.000Z after a gap of at least 1 year " +
        "(since 2010-06-01T00:00:00.000Z), less than 2 weeks before asOf",
    );
    expect(reason({ transactions: [buy("2011-11-30")] }, { socializationWindow: { days: 45 } })).toBe(
      "first purchase 2011-11-30T00:00:00.000Z is less than 45 days before asOf",
    );
  });

  it("an adapted interruptionAfter is written in days", () => {
    // every 10 days, last 2011-10-01; asOf 2011-11-15: threshold 30 days (see the adaptive tests)
    const every10 = ["2011-09-01", "2011-09-11", "2011-09-21", "2011-10-01"].map((d) => buy(d));
    expect(
      reason({ transactions: every10 }, { asOf: "2011-11-15T00:00:00Z", adaptiveInterruption: true }),
    ).toBe("last purchase 2011-10-01T00:00:00.000Z is at least 30 days before asOf");
  });

  it("rule 7 gives vR, vQ (rounded to cents), the change in percent and the threshold crossed", () => {
    // vQ 100, vR 110: change +10.0% (exactly the growth threshold)
    expect(reason(trend([60, 40], [70, 40]))).toBe(
      "vR 110 vs vQ 100: change +10.0% >= growthThreshold +10.0%",
    );
    // vQ 100, vR 90: -10.0%
    expect(reason(trend([100], [50, 40]))).toBe("vR 90 vs vQ 100: change -10.0% <= -declineThreshold -10.0%");
    // vQ 100, vR 105: +5.0%
    expect(reason(trend([100], [105]))).toBe("vR 105 vs vQ 100: change +5.0%, within the thresholds");
    // vQ = 60.25 + 39.5 = 99.75; vR = 70.1 + 40.05 = 110.14999999999999 in doubles, 110.15 in
    // cents; change 10.4 / 99.75 = 0.10426 -> +10.4%
    expect(reason(trend([60.25, 39.5], [70.1, 40.05]))).toBe(
      "vR 110.15 vs vQ 99.75: change +10.4% >= growthThreshold +10.0%",
    );
    // vQ 100, vR 100.5: +0.5%; thresholds 0.25 and 0.125 written as +25.0% and -12.5%
    expect(reason(trend([100], [100.5]), { growthThreshold: 0.25, declineThreshold: 0.125 })).toBe(
      "vR 100.5 vs vQ 100: change +0.5%, within the thresholds",
    );
    expect(reason(trend([100], [130.07]), { growthThreshold: 0.25 })).toBe(
      "vR 130.07 vs vQ 100: change +30.1% >= growthThreshold +25.0%",
    );
    expect(reason(trend([100], [80]), { declineThreshold: 0.125 })).toBe(
      "vR 80 vs vQ 100: change -20.0% <= -declineThreshold -12.5%",
    );
    // nothing in the previous window: change +Infinity
    expect(reason({ transactions: [buy("2010-10-15"), buy("2011-07-15")] })).toBe(
      "vR 100 vs vQ 0: change +Infinity (vQ = 0) >= growthThreshold +10.0%",
    );
  });

  it("rule 7 writes vR and vQ as String(Math.round(x * 100) / 100): whole, one or two decimals, large", () => {
    // by hand: 1234.567 rounds to 123457 cents -> "1234.57"; 0.005 -> 1 cent -> "0.01";
    // from 1e21 on, String writes the exponent form
    const cases: [number, string][] = [
      [1234.5, "1234.5"],
      [1234.567, "1234.57"],
      [0.05, "0.05"],
      [0.1, "0.1"],
      [0.005, "0.01"],
      [100, "100"],
      [9999999999999.99, "9999999999999.99"],
      [1e13, "10000000000000"],
      [1e20, "100000000000000000000"],
      [1.5e21, "1.5e+21"],
    ];
    for (const [x, text] of cases) {
      expect(reason(trend([x], [x]))).toBe(`vR ${text} vs vQ ${text}: change +0.0%, within the thresholds`);
    }
  });
});

describe("classifyLifecycle: boundaries (a <= sub(b, d), date-fns month-end clamping)", () => {
  it("a last purchase exactly interruptionAfter before asOf is an interruption; 1 ms later is not", () => {
    const asOf = "2011-12-09T23:59:59Z";
    // sub(2011-12-09T23:59:59Z, 6 months) = 2011-06-09T23:59:59Z
    const at = (date: string) => classify({ transactions: [buy("2011-01-01"), buy(date)] }, { asOf }).stage;
    expect(at("2011-06-09T23:59:59Z")).toBe("interruption");
    expect(at("2011-06-09T23:59:59.001Z")).not.toBe("interruption");
  });

  it("month-end clamping: 2011-08-31 minus 6 months is 2011-02-28", () => {
    const asOf = "2011-08-31T00:00:00Z";
    const at = (date: string) => classify({ transactions: [buy("2010-01-01"), buy(date)] }, { asOf }).stage;
    expect(at("2011-02-28T00:00:00Z")).toBe("interruption");
    expect(at("2011-02-28T00:00:00.001Z")).not.toBe("interruption");
    // leap year: 2012-08-31 minus 6 months is 2012-02-29
    const leap = (date: string) =>
      classify({ transactions: [buy("2010-01-01"), buy(date)] }, { asOf: "2012-08-31T00:00:00Z" }).stage;
    expect(leap("2012-02-29T00:00:00Z")).toBe("interruption");
    expect(leap("2012-02-29T00:00:00.001Z")).not.toBe("interruption");
  });

  it("a first purchase exactly socializationWindow before asOf is not socialization; 1 ms later is", () => {
    // sub(2011-05-31, 3 months) = 2011-02-28 (clamped)
    const asOf = "2011-05-31T00:00:00Z";
    const at = (first: string) => classify({ transactions: [buy(first), buy("2011-05-20")] }, { asOf }).stage;
    expect(at("2011-02-28T00:00:00Z")).not.toBe("socialization");
    expect(at("2011-02-28T00:00:00.001Z")).toBe("socialization");
  });

  it("recovery: a gap of exactly interruptionAfter counts; a comeback exactly recoveryWindow before asOf does not", () => {
    const asOf = "2011-12-01T00:00:00Z";
    // comeback 2011-10-31: sub(2011-10-31, 6 months) = 2011-04-30 (clamped)
    const stage = (before: string, after: string) =>
      classify({ transactions: [buy("2010-01-01"), buy(before), buy(after), buy("2011-11-20")] }, { asOf })
        .stage;
    expect(stage("2011-04-30T00:00:00Z", "2011-10-31T00:00:00Z")).toBe("recovery");
    expect(stage("2011-04-30T00:00:00.001Z", "2011-10-31T00:00:00Z")).not.toBe("recovery");
    // sub(2011-12-01, 3 months) = 2011-09-01: a comeback exactly then is not recovery, 1 ms later is
    const comeback = (date: string) =>
      classify(
        { transactions: [buy("2010-06-01"), buy("2011-01-01"), buy(date), buy("2011-11-20")] },
        { asOf },
      ).stage;
    expect(comeback("2011-09-01T00:00:00Z")).not.toBe("recovery");
    expect(comeback("2011-09-01T00:00:00.001Z")).toBe("recovery");
  });

  it("trend windows: a purchase at s belongs to the previous window, s + 1 ms to the recent one", () => {
    const asOf = "2011-12-01T00:00:00Z"; // s = 2011-06-01, previous start 2010-12-01
    const r = (date: string) =>
      classify(
        { transactions: [buy("2010-12-01T00:00:00Z", 1000), buy(date, 100), buy("2011-11-01", 100)] },
        { asOf },
      ).evidence;
    // The 2010-12-01 purchase sits exactly at the previous window's open start: in neither window.
    expect(r("2011-06-01T00:00:00Z")).toMatchObject({ vQ: 100, vR: 100 });
    expect(r("2011-06-01T00:00:00.001Z")).toMatchObject({ vQ: 0, vR: 200 });
  });

  it("timeZone moves calendar math into the zone", () => {
    // asOf = 2011-08-31 00:00 in Shanghai (2011-08-30T16:00Z). Minus 6 months:
    //   in Shanghai: 2011-02-28 00:00 +08 = 2011-02-27T16:00Z;  in UTC: 2011-02-28T16:00Z.
    const history = { transactions: [buy("2010-01-01"), buy("2011-02-28T00:00:00Z")] };
    const asOf = "2011-08-30T16:00:00Z";
    expect(classify(history, { asOf }).stage).toBe("interruption");
    expect(classify(history, { asOf, timeZone: "Asia/Shanghai" }).stage).not.toBe("interruption");
  });
});

describe("classifyLifecycle: adaptive interruptionAfter", () => {
  // Purchases every 10 days: median gap 10 days -> threshold ceil(3 × 10) = 30 days.
  const every10 = ["2011-09-01", "2011-09-11", "2011-09-21", "2011-10-01"].map((d) => buy(d));
  const asOf = "2011-11-15T00:00:00Z"; // 45 days after the last purchase

  it("a customer with a 10-day rhythm is interrupted after 30 days of silence", () => {
    const fixed = classify({ transactions: every10 }, { asOf });
    expect(fixed.stage).toBe("socialization");
    const adaptive = classify({ transactions: every10 }, { asOf, adaptiveInterruption: true });
    expect(adaptive.stage).toBe("interruption");
    expect(adaptive.evidence.interruptionAfter).toEqual({ days: 30 });
    expect(adaptive.evidence.interruptionAfterSource).toBe("adaptive");
  });

  it("multiple, minDays and maxDays shape the threshold; too few purchase days fall back to the fixed one", () => {
    const r = classify({ transactions: every10 }, { asOf, adaptiveInterruption: { multiple: 5 } });
    expect(r.evidence.interruptionAfter).toEqual({ days: 50 }); // 5 × 10
    expect(r.stage).toBe("socialization");
    const floor = classify(
      { transactions: every10 },
      { asOf, adaptiveInterruption: { multiple: 1, minDays: 60 } },
    );
    expect(floor.evidence.interruptionAfter).toEqual({ days: 60 });
    const few = classify({ transactions: every10.slice(0, 3) }, { asOf, adaptiveInterruption: true });
    expect(few.evidence.interruptionAfterSource).toBe("fixed");
    expect(few.evidence.interruptionAfter).toEqual({ months: 6 });
  });

  it("purchases on the same day count as one purchase day", () => {
    // days 0, 0, 0, 10, 20, 30 -> gaps 10, 10, 10 (same-day repeats are not 0-day gaps)
    const repeat = [buy("2011-09-01T09:00:00Z"), buy("2011-09-01T10:00:00Z"), ...every10];
    const r = classify({ transactions: repeat }, { asOf, adaptiveInterruption: true });
    expect(r.evidence.interruptionAfter).toEqual({ days: 30 });
  });
});

describe("classifyLifecycle: input handling", () => {
  it("ignores input order and does not mutate the input", () => {
    const a = classify(
      { transactions: [buy("2011-11-01"), buy("2010-06-01"), buy("2011-01-01")] },
      { asOf: "2011-12-01" },
    );
    const b = classify(
      { transactions: [buy("2010-06-01"), buy("2011-01-01"), buy("2011-11-01")] },
      { asOf: "2011-12-01" },
    );
    expect(a).toEqual(b);
  });

  it("evidence is plain JSON and never shares the caller's option objects", () => {
    const options = { asOf: "2011-12-01", interruptionAfter: { months: 6 } };
    const r = classifyLifecycle({ transactions: [buy("2011-01-01")] }, options);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.evidence.interruptionAfter).not.toBe(options.interruptionAfter);
  });

  it("throws INVALID_OPTION for a missing asOf or bad thresholds", () => {
    const h = { transactions: [] };
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof CustomerValueError ? e.code : "other";
      }
      return "none";
    };
    expect(code(() => classifyLifecycle(h, {} as ClassifyLifecycleOptions))).toBe("INVALID_OPTION");
    expect(code(() => classifyLifecycle(h, { asOf: "2011-12-01", interruptionAfter: { months: -1 } }))).toBe(
      "INVALID_OPTION",
    );
    expect(code(() => classifyLifecycle(h, { asOf: "2011-12-01", growthThreshold: Number.NaN }))).toBe(
      "INVALID_OPTION",
    );
    expect(code(() => classifyLifecycle(h, { asOf: "2011-12-01", timeZone: "Mars/Base" }))).toBe(
      "INVALID_OPTION",
    );
    expect(() => classifyLifecycle(h, {} as ClassifyLifecycleOptions)).toThrow(/classifyLifecycle: asOf/);
  });

  it("throws INVALID_RECORD listing every bad transaction", () => {
    try {
      classifyLifecycle(
        { transactions: [buy("2011-13-01"), { date: "2011-01-01", amount: Number.NaN }] },
        { asOf: "2011-12-01" },
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CustomerValueError);
      const err = e as CustomerValueError;
      expect(err.code).toBe("INVALID_RECORD");
      expect(err.issues.map((i) => i.path)).toEqual(["transactions[0].date", "transactions[1].amount"]);
    }
  });
});
