import { UTCDate } from "@date-fns/utc";
import { sub } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyLifecycle } from "./classifyLifecycle.js";
import { classifyLifecycles } from "./classifyLifecycles.js";
import { transactionTable } from "../table/TransactionTable.js";
import type { ClassifyLifecycleOptions } from "./rules.js";
import { LIFECYCLE_PHASES, LIFECYCLE_STAGES } from "./stages.js";

const T0 = Date.UTC(2009, 0, 1);
const T1 = Date.UTC(2013, 0, 1);
// Dates on a coarse grid (whole hours, some at month ends) so that boundaries are hit often.
const time = fc.oneof(
  fc.integer({ min: 0, max: (T1 - T0) / 3_600_000 }).map((h) => T0 + h * 3_600_000),
  fc
    .record({ y: fc.integer({ min: 2009, max: 2012 }), m: fc.integer({ min: 0, max: 11 }) })
    .map(({ y, m }) => Date.UTC(y, m + 1, 0)),
);
const transaction = fc.record({
  date: time.map((t) => new Date(t).toISOString()),
  amount: fc.oneof(
    fc.integer({ min: -50, max: 300 }),
    fc.constant(0),
    fc.double({ min: 0.01, max: 500, noNaN: true }),
  ),
});
const history = fc.record(
  {
    transactions: fc.array(transaction, { maxLength: 25 }),
    terminationNoticeAt: time.map((t) => new Date(t).toISOString()),
    noticeWithdrawnAt: time.map((t) => new Date(t).toISOString()),
    satisfaction: fc.integer({ min: 0, max: 10 }),
  },
  { requiredKeys: ["transactions"] },
);
const options = fc.record(
  {
    asOf: time.map((t) => new Date(t).toISOString()),
    interruptionAfter: fc.record({ months: fc.integer({ min: 1, max: 12 }) }),
    recoveryWindow: fc.record({ months: fc.integer({ min: 1, max: 6 }) }),
    socializationWindow: fc.record({ days: fc.integer({ min: 1, max: 200 }) }),
    trendWindow: fc.record({ months: fc.integer({ min: 1, max: 12 }) }),
    growthThreshold: fc.double({ min: 0, max: 1, noNaN: true }),
    declineThreshold: fc.double({ min: 0, max: 1, noNaN: true }),
    dissatisfiedBelow: fc.integer({ min: 0, max: 10 }),
  },
  { requiredKeys: ["asOf"] },
);

interface History {
  readonly transactions: readonly { readonly date: string; readonly amount: number }[];
  readonly terminationNoticeAt?: string;
  readonly noticeWithdrawnAt?: string;
  readonly satisfaction?: number;
}

/** The seven rules written out directly with date-fns, as an oracle. */
function oracle(h: History, o: ClassifyLifecycleOptions & { asOf: string }): string {
  const asOf = Date.parse(o.asOf);
  const d = (x: string) => Date.parse(x);
  const minus = (t: number, duration: object) => sub(new UTCDate(t), duration).getTime();
  const p = h.transactions
    .filter((t) => t.amount > 0 && d(t.date) <= asOf)
    .map((t) => ({ t: d(t.date), a: t.amount }))
    .sort((a, b) => a.t - b.t);
  const interruptionAfter = o.interruptionAfter ?? { months: 6 };
  if (p.length === 0) return "prospecting";
  if (h.terminationNoticeAt !== undefined && d(h.terminationNoticeAt) <= asOf) {
    const w = h.noticeWithdrawnAt === undefined ? undefined : d(h.noticeWithdrawnAt);
    if (w === undefined || w > asOf || w < d(h.terminationNoticeAt)) return "decline/termination";
  }
  if (p[p.length - 1]!.t <= minus(asOf, interruptionAfter)) return "interruption";
  if (
    o.dissatisfiedBelow !== undefined &&
    h.satisfaction !== undefined &&
    h.satisfaction < o.dissatisfiedBelow
  )
    return "decline/endangerment";
  let latestGapEnd: number | undefined;
  for (let i = 1; i < p.length; i++)
    if (p[i - 1]!.t <= minus(p[i]!.t, interruptionAfter)) latestGapEnd = p[i]!.t;
  if (latestGapEnd !== undefined && latestGapEnd > minus(asOf, o.recoveryWindow ?? { months: 3 }))
    return "recovery";
  if (p[0]!.t > minus(asOf, o.socializationWindow ?? { months: 3 })) return "socialization";
  const tw = o.trendWindow ?? { months: 6 };
  const s = minus(asOf, tw);
  const q = minus(s, tw);
  const vR = p.filter((x) => x.t > s && x.t <= asOf).reduce((a, x) => a + x.a, 0);
  const vQ = p.filter((x) => x.t > q && x.t <= s).reduce((a, x) => a + x.a, 0);
  const change = vQ === 0 ? (vR > 0 ? Number.POSITIVE_INFINITY : 0) : (vR - vQ) / vQ;
  // Skip float knife-edges (sums in another order may differ in the last bit).
  const g = o.growthThreshold ?? 0.1;
  const dt = o.declineThreshold ?? 0.1;
  if (Math.abs(change - g) < 1e-9 || Math.abs(change + dt) < 1e-9) return "knife-edge";
  if (change >= g) return "growth";
  if (change <= -dt) return "decline/endangerment";
  return "maturity";
}

describe("classifyLifecycle properties", () => {
  it("gives exactly one valid stage, a phase exactly for decline, and agrees with a direct date-fns oracle", () => {
    fc.assert(
      fc.property(history, options, (h, o) => {
        const r = classifyLifecycle(h, o);
        expect(LIFECYCLE_STAGES).toContain(r.stage);
        if (r.stage === "decline") expect(LIFECYCLE_PHASES).toContain(r.phase);
        else expect(r.phase).toBeUndefined();
        const expected = oracle(h, o);
        if (expected !== "knife-edge") expect(r.phase ? `${r.stage}/${r.phase}` : r.stage).toBe(expected);
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      }),
      { numRuns: 400 },
    );
  });

  it("never depends on transactions after asOf", () => {
    fc.assert(
      fc.property(history, options, fc.array(transaction, { maxLength: 10 }), (h, o, later) => {
        const asOf = Date.parse(o.asOf);
        const after = later.map((t) => ({
          ...t,
          date: new Date(asOf + 1 + (Date.parse(t.date) - T0)).toISOString(),
        }));
        const before = classifyLifecycle(h, o);
        const withLater = classifyLifecycle(
          { ...h, transactions: [...after, ...h.transactions, ...after] },
          o,
        );
        expect(withLater).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it("classifyLifecycles gives every customer exactly one row, identical to classifyLifecycle", () => {
    const customer = fc.record({ history, id: fc.constantFrom("a", "b", "c", "d", "__proto__", "toString") });
    fc.assert(
      fc.property(fc.uniqueArray(customer, { selector: (c) => c.id, maxLength: 6 }), options, (cs, o) => {
        const customers = cs.map(({ id, history: { transactions: _t, ...facts } }) => ({ id, ...facts }));
        // Interleave the customers' logs.
        const log = cs
          .flatMap((c) => c.history.transactions.map((t, k) => ({ ...t, customerId: c.id, k })))
          .sort((a, b) => a.k - b.k)
          .map(({ k: _k, ...t }) => t);
        const rows = classifyLifecycles(customers, log, o);
        expect(rows.map((r) => r.customerId)).toEqual(cs.map((c) => c.id));
        cs.forEach((c, i) => {
          expect(rows[i]).toEqual({ customerId: c.id, ...classifyLifecycle(c.history, o) });
        });
      }),
      { numRuns: 300 },
    );
  });

  it("classifyLifecycles, on records or a table, gives listed and unknown customers what classifyLifecycle gives", () => {
    // With "report", the log's unknown customers follow the listed ones, in order of first
    // appearance, and are classified on their transactions alone (they have no record).
    const customer = fc.record({ history, id: fc.constantFrom("a", "b", "c", "d", "e", "f", "g") });
    fc.assert(
      fc.property(
        fc.uniqueArray(customer, { selector: (c) => c.id, maxLength: 7 }),
        fc.integer({ min: 0, max: 7 }),
        fc.boolean(),
        options,
        (cs, listedCount, asTable, o) => {
          const customers = cs
            .slice(0, listedCount)
            .map(({ id, history: { transactions: _t, ...facts } }) => ({ id, ...facts }));
          const records = cs
            .flatMap((c) => c.history.transactions.map((t, k) => ({ ...t, customerId: c.id, k })))
            .sort((a, b) => a.k - b.k)
            .map(({ k: _k, ...t }) => t);
          const log = asTable ? transactionTable(records) : records;
          const rows = classifyLifecycles(customers, log, { ...o, unknownCustomers: "report" });
          const unknownIds = [...new Set(records.map((t) => t.customerId))].filter(
            (id) => !customers.some((c) => c.id === id),
          );
          expect(rows.map((r) => r.customerId)).toEqual([...customers.map((c) => c.id), ...unknownIds]);
          customers.forEach((c, i) => {
            expect(rows[i]).toEqual({ customerId: c.id, ...classifyLifecycle(cs[i]!.history, o) });
          });
          unknownIds.forEach((id, j) => {
            const own = records.filter((t) => t.customerId === id);
            expect(rows[customers.length + j]).toEqual({
              customerId: id,
              ...classifyLifecycle({ transactions: own }, o),
              unknownCustomer: true,
            });
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
