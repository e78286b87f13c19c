import { describe, expect, it } from "vitest";
import type { Customer } from "../records/Customer.js";
import type { Transaction } from "../records/Transaction.js";
import { customerClasses } from "./customerClasses.js";
import { codeOf } from "../../test/support/errors.js";

/** One purchase on the 15th of every month from `from` to `to` (YYYY-MM, inclusive). */
function monthly(
  customerId: string,
  from: string,
  to: string,
  amount: number,
  profit: number,
): Transaction[] {
  const out: Transaction[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(Object.freeze({ customerId, date: `${y}-${String(m).padStart(2, "0")}-15`, amount, profit }));
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

// asOf 2024-06-30; key window (2023-06-30, 2024-06-30]; trend windows (2023-06-30, 2023-12-30] vs (2023-12-30, 2024-06-30].
const customers: readonly Customer[] = Object.freeze(
  [
    { id: "A" }, // 12 x 1000: steady (maturity), the biggest
    { id: "B" }, // 5 x 300 in 2023-08..12, then 100 in 2024-02: value falls 93% -> decline/endangerment
    { id: "C" }, // first purchase 2024-05-15 -> new (socialization)
    { id: "D" }, // 12 x 100: regular
    { id: "E" }, // no transactions -> potential
    { id: "F", terminationNoticeAt: "2024-06-01" }, // 12 x 50 and a notice -> decline/termination
    { id: "G" }, // 12 x 80: regular
  ].map((c) => Object.freeze(c)),
);
const log: readonly Transaction[] = Object.freeze([
  ...monthly("A", "2023-07", "2024-06", 1000, 200),
  ...monthly("B", "2023-08", "2023-12", 300, 30),
  ...monthly("B", "2024-02", "2024-02", 100, 10),
  ...monthly("C", "2024-05", "2024-05", 200, 20),
  ...monthly("D", "2023-07", "2024-06", 100, 10),
  ...monthly("F", "2023-07", "2024-06", 50, 5),
  ...monthly("G", "2023-07", "2024-06", 80, 8),
]);

describe("customerClasses", () => {
  it("combines the Pareto head with the lifecycle stages", () => {
    // Ranked (bought, with transactions in the key window): A, B, C, D, F, G -> head = ceil(0.2 * 6) = 2.
    // Sales: A 12000, B 1600, D 1200, G 960, F 600, C 200 -> head A, B.
    // Profit: A 2400, B 160, D 120, G 96, F 60, C 20 -> head A, B. Key (both): A, B.
    const rows = customerClasses(customers, log, { asOf: "2024-06-30" });
    expect(rows.map((r) => [r.customerId, r.class, r.reasons, r.stage, r.phase])).toEqual([
      ["A", "key", ["key"], "maturity", null],
      ["B", "key", ["key", "at-risk"], "decline", "endangerment"],
      ["C", "new", ["new"], "socialization", null],
      ["D", "regular", [], "maturity", null],
      ["E", "potential", ["potential"], "prospecting", null],
      ["F", "at-risk", ["at-risk"], "decline", "termination"],
      ["G", "regular", [], "maturity", null],
    ]);
    expect(rows[0]).toMatchObject({ sales: 12000, profit: 2400 });
    expect(rows[4]).toMatchObject({ sales: 0, profit: 0 });
  });

  it("lets precedence put at-risk before key", () => {
    const rows = customerClasses(customers, log, {
      asOf: "2024-06-30",
      precedence: ["at-risk", "key", "new"],
    });
    expect(rows[1]).toMatchObject({ customerId: "B", class: "at-risk", reasons: ["at-risk", "key"] });
  });

  it("ranks the whole history with keyWindow: 'all'", () => {
    // H bought 50,000 in 2022 only: outside the default 12-month window, so never key there;
    // with the whole history 7 are ranked, head = ceil(1.4) = 2: H and A by sales and profit.
    const withH = [...customers, { id: "H" }];
    const logH = [...log, { customerId: "H", date: "2022-01-10", amount: 50_000, profit: 10_000 }];
    const recent = customerClasses(withH, logH, { asOf: "2024-06-30" });
    expect(recent.find((r) => r.customerId === "H")!.class).toBe("regular"); // interruption, not ranked
    const all = customerClasses(withH, logH, { asOf: "2024-06-30", keyWindow: "all" });
    expect(all.filter((r) => r.reasons.includes("key")).map((r) => r.customerId)).toEqual(["A", "H"]);
    expect(all.find((r) => r.customerId === "B")!.class).toBe("at-risk");
  });

  it("ranks by sales alone when the log has no profit", () => {
    const noProfit = log.map(({ customerId, date, amount }) => ({ customerId, date, amount }));
    const rows = customerClasses(customers, noProfit, { asOf: "2024-06-30" });
    expect(rows.filter((r) => r.class === "key").map((r) => r.customerId)).toEqual(["A", "B"]);
    expect(rows[0]!.profit).toBe(12000);
  });

  it("counts a first purchase as new only while it is less than newWindow before asOf", () => {
    // sub(2024-06-30, 3 months) = 2024-03-30: a first purchase at that instant is not new, one second later is.
    const people = [{ id: "x" }, { id: "y" }];
    const rows = customerClasses(
      people,
      [
        { customerId: "x", date: "2024-03-30T00:00:00Z", amount: 10 },
        { customerId: "y", date: "2024-03-30T00:00:01Z", amount: 10 },
      ],
      { asOf: "2024-06-30", headShare: 0.01, combine: "both" },
    );
    expect(rows.map((r) => r.reasons.includes("new"))).toEqual([false, true]);
    const wider = customerClasses(people, [{ customerId: "x", date: "2024-03-30", amount: 10 }], {
      asOf: "2024-06-30",
      newWindow: { months: 6 },
    });
    expect(wider[0]!.reasons).toContain("new");
  });

  it("rejects unknown customers and bad options", () => {
    expect(
      codeOf(() =>
        customerClasses([{ id: "A" }], [{ customerId: "Z", date: "2024-01-01", amount: 1 }], {
          asOf: "2024-06-30",
        }),
      ),
    ).toBe("UNKNOWN_CUSTOMER");
    expect(codeOf(() => customerClasses(customers, log, {} as { asOf: string }))).toBe("INVALID_OPTION");
    expect(codeOf(() => customerClasses(customers, log, { asOf: "2024-06-30", precedence: ["key"] }))).toBe(
      "INVALID_OPTION",
    );
    expect(
      codeOf(() => customerClasses(customers, log, { asOf: "2024-06-30", newWindow: { months: -1 } })),
    ).toBe("INVALID_OPTION");
    expect(codeOf(() => customerClasses(customers, log, { asOf: "2024-06-30", headShare: 2 }))).toBe(
      "INVALID_OPTION",
    );
    expect(
      codeOf(() =>
        customerClasses(customers, [{ customerId: "A", date: "nope", amount: 1 }], { asOf: "2024-06-30" }),
      ),
    ).toBe("INVALID_RECORD");
  });
});
