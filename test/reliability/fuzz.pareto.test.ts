/**
 * Fuzz and property tests of the Pareto module: every public function gets RUNS
 * generated calls (valid and malformed) and must return a clean result or throw a
 * CustomerValueError; valid calls must keep their invariants.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  abcClassify,
  concentrationSummary,
  gini,
  keyCustomers,
  lorenzCurve,
  paretoSplit,
  whaleCurve,
} from "customer-value";
import {
  amountArb,
  deepFreeze,
  idArb,
  junkArb,
  okOrCvError,
  optionArb,
  orJunk,
  params,
  compact,
  expectFuzzReachedResults,
  invariantParams,
} from "./helpers.js";

afterAll(() => expectFuzzReachedResults());

interface Item {
  readonly id: string;
  readonly value: number;
  readonly profit: number;
  readonly group: string;
}

/** Items with distinct ids (hostile ones included), non-negative values. */
const itemsArb = (maxLength = 8) =>
  fc.uniqueArray(
    fc.record({
      id: idArb,
      value: amountArb,
      profit: fc.oneof(
        amountArb,
        amountArb.map((a) => -a),
      ),
      group: fc.constantFrom("north", "south", "__proto__"),
    }),
    { selector: (item) => item.id, maxLength },
  );

/** Items, sometimes with one malformed item (junk value, junk id, or not an object). */
const fuzzItemsArb = fc.oneof(
  { weight: 4, arbitrary: itemsArb() },
  {
    weight: 1,
    arbitrary: fc
      .tuple(itemsArb(), junkArb, fc.constantFrom("id", "value", "profit", "group", "whole"))
      .map(([items, junk, key]) => [
        ...items,
        key === "whole" ? junk : { id: "Z", value: 1, profit: 1, group: "north", [key]: junk },
      ]),
  },
  { weight: 1, arbitrary: fc.array(fc.record({ id: fc.constantFrom("A", "B"), value: amountArb })) }, // duplicate ids
);

const shareArb = fc.double({ min: 0, max: 1, noNaN: true });
const items = (r: readonly unknown[]) => r as readonly Item[];
/** The original items a result returns as they are: not walked by the clean check. */
const skipItems = (xs: readonly unknown[]) => () => [...xs];

describe("pareto: fuzz (a clean result or a CustomerValueError)", () => {
  it("paretoSplit", () => {
    fc.assert(
      fc.property(
        fuzzItemsArb,
        optionArb(shareArb),
        optionArb(shareArb),
        optionArb(fc.constantFrom("group", "id")),
        (xs, headShare, valueShare, groupBy) => {
          deepFreeze(xs);
          const options = compact({ value: "value", id: "id", headShare, valueShare, groupBy });
          okOrCvError("paretoSplit", () => paretoSplit(items(xs), options as never), skipItems(xs));
        },
      ),
      params(),
    );
  });

  it("abcClassify", () => {
    fc.assert(
      fc.property(fuzzItemsArb, optionArb(fc.tuple(shareArb, shareArb)), (xs, cutoffs) => {
        deepFreeze(xs);
        okOrCvError(
          "abcClassify",
          () => abcClassify(items(xs), compact({ value: "value", id: "id", cutoffs }) as never),
          skipItems(xs),
        );
      }),
      params(),
    );
  });

  it("lorenzCurve and gini", () => {
    fc.assert(
      fc.property(
        fc.array(orJunk(amountArb, 20), { maxLength: 10 }),
        optionArb(fc.boolean()),
        (values, corrected) => {
          deepFreeze(values);
          okOrCvError("lorenzCurve", () => lorenzCurve(values as number[]));
          okOrCvError("gini", () => gini(values as number[], compact({ corrected }) as never));
        },
      ),
      params(),
    );
  });

  it("whaleCurve", () => {
    fc.assert(
      fc.property(fuzzItemsArb, (xs) => {
        deepFreeze(xs);
        okOrCvError("whaleCurve", () => whaleCurve(items(xs), { profit: "profit", id: "id" }));
      }),
      params(),
    );
  });

  it("keyCustomers", () => {
    fc.assert(
      fc.property(
        fuzzItemsArb,
        optionArb(shareArb),
        optionArb(fc.constantFrom("both", "either", "weighted", "sales", "profit")),
        optionArb(
          fc.record({
            sales: fc.double({ min: 0, max: 2, noNaN: true }),
            profit: fc.double({ min: 0, max: 2, noNaN: true }),
          }),
        ),
        (xs, headShare, combine, weights) => {
          deepFreeze(xs);
          const options = compact({
            sales: "value",
            profit: "profit",
            id: "id",
            headShare,
            combine,
            weights,
          });
          okOrCvError("keyCustomers", () => keyCustomers(items(xs), options as never), skipItems(xs));
        },
      ),
      params(),
    );
  });

  it("concentrationSummary", () => {
    fc.assert(
      fc.property(fuzzItemsArb, optionArb(shareArb), optionArb(shareArb), (xs, headShare, valueShare) => {
        deepFreeze(xs);
        const options = compact({ value: "value", id: "id", headShare, valueShare });
        okOrCvError("concentrationSummary", () => concentrationSummary(items(xs), options as never));
      }),
      params(),
    );
  });
});

describe("pareto: invariants on valid input", () => {
  const validItems = itemsArb(10).filter((xs) => xs.some((x) => x.value > 0));

  it("paretoSplit keeps every item exactly once, in rank order, whatever the input order", () => {
    fc.assert(
      fc.property(
        validItems,
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.boolean(),
        (xs, share, byValue) => {
          const frozen = deepFreeze(xs);
          const options = byValue
            ? { value: "value" as const, valueShare: share }
            : { value: "value" as const, headShare: share };
          const r = paretoSplit(frozen, options);
          expect(r.head.length + r.tail.length).toBe(xs.length);
          expect(new Set([...r.head, ...r.tail].map((x) => x.id)).size).toBe(xs.length);
          const ranked = [...r.head, ...r.tail].map((x) => x.value);
          for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!).toBeGreaterThanOrEqual(ranked[i]!);
          expect(r.headValueShare).toBeGreaterThanOrEqual(0);
          expect(r.headValueShare).toBeLessThanOrEqual(1);
          expect(r.headCount).toBe(r.head.length);
          const reversed = paretoSplit(deepFreeze([...xs].reverse()), options);
          expect(reversed.head.map((x) => x.id)).toEqual(r.head.map((x) => x.id));
          expect(reversed.headValue).toBe(r.headValue);
        },
      ),
      invariantParams(),
    );
  });

  it("abcClassify: counts add up to n; classes never go back from C to A", () => {
    fc.assert(
      fc.property(validItems, (xs) => {
        const r = abcClassify(deepFreeze(xs), { value: "value" });
        expect(r.counts.A + r.counts.B + r.counts.C).toBe(xs.length);
        const order = r.items.map((row) => "ABC".indexOf(row.class));
        for (let i = 1; i < order.length; i++) expect(order[i]!).toBeGreaterThanOrEqual(order[i - 1]!);
        for (const row of r.items) {
          expect(row.cumulativeShare).toBeGreaterThanOrEqual(0);
          expect(row.cumulativeShare).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
      invariantParams(),
    );
  });

  it("lorenzCurve is monotone from (0,0) to (1,1) and below the diagonal; gini in [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.array(amountArb, { minLength: 1, maxLength: 12 }).filter((v) => v.some((x) => x > 0)),
        (values) => {
          const points = lorenzCurve(deepFreeze(values));
          expect(points).toHaveLength(values.length + 1);
          expect(points[0]).toEqual({ customerShare: 0, valueShare: 0 });
          expect(points.at(-1)!.customerShare).toBe(1);
          expect(points.at(-1)!.valueShare).toBeCloseTo(1, 12);
          for (let i = 1; i < points.length; i++) {
            expect(points[i]!.valueShare).toBeGreaterThanOrEqual(points[i - 1]!.valueShare);
            expect(points[i]!.valueShare).toBeLessThanOrEqual(points[i]!.customerShare + 1e-12);
          }
          const g = gini(values);
          expect(g).toBeGreaterThanOrEqual(0);
          expect(g).toBeLessThanOrEqual(1);
          expect(gini([...values].reverse())).toBe(g);
        },
      ),
      invariantParams(),
    );
  });

  it("whaleCurve ends at 100% of customers and of total profit", () => {
    fc.assert(
      fc.property(
        itemsArb(10).filter((xs) => xs.reduce((s, x) => s + x.profit, 0) > 0),
        (xs) => {
          const r = whaleCurve(deepFreeze(xs), { profit: "profit" });
          const last = r.points.at(-1)!;
          expect(last.customerShare).toBe(1);
          expect(last.cumulativeProfitShare).toBeCloseTo(1, 9);
          expect(r.peak.profitShare).toBeGreaterThanOrEqual((last.cumulativeProfitShare ?? 0) - 1e-12);
        },
      ),
      invariantParams(),
    );
  });

  it("keyCustomers: every customer exactly once; key ids are a subset", () => {
    fc.assert(
      fc.property(validItems, (xs) => {
        const r = keyCustomers(deepFreeze(xs), { sales: "value", profit: "profit" });
        expect(r.customers).toHaveLength(xs.length);
        expect(new Set(r.customers.map((c) => c.id)).size).toBe(xs.length);
        const ids = new Set(xs.map((x) => x.id));
        for (const id of r.keyIds) expect(ids.has(id)).toBe(true);
        expect(r.keyCount).toBe(r.keyIds.length);
      }),
      invariantParams(),
    );
  });

  it("junk in an unused field is ignored, junk in a used field is an error", () => {
    fc.assert(
      fc.property(junkArb, (junk) => {
        const xs = deepFreeze([{ id: "A", value: 1, note: junk }]);
        expect(paretoSplit(xs, { value: "value" }).headCount).toBe(1);
      }),
      params(200),
    );
  });
});
