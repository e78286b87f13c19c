/**
 * Fuzz of the columnar entry points : transactionTableFromCsv,
 * transactionTableFromArrow and the ItemColumns input of paretoSplit, abcClassify, gini
 * and lorenzCurve. As everywhere: a clean result or a CustomerValueError naming the
 * function, 1,000 cases each in `npm test`.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  abcClassify,
  gini,
  lorenzCurve,
  paretoSplit,
  transactionTableFromArrow,
  transactionTableFromCsv,
} from "customer-value";
import {
  amountArb,
  dayStringArb,
  deepFreeze,
  expectFuzzReachedResults,
  idArb,
  junkArb,
  junkAsText,
  okOrCvError,
  optionArb,
  orJunk,
  params,
  requiredColumns,
} from "./helpers.js";

afterAll(() => expectFuzzReachedResults());

/** One CSV cell: mostly good text, sometimes junk turned to text (or a quote or comma). */
const cell = (good: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 8, arbitrary: good },
    { weight: 1, arbitrary: junkArb.map(junkAsText) },
    { weight: 1, arbitrary: fc.constantFrom('"', '""', ",", "\n", "\r\n", " ", "1e400", "-0") },
  );

const csvArb = fc
  .tuple(
    fc.constantFrom(
      "customerId,date,amount",
      "customerId,date,amount,profit",
      "date,amount",
      "customerId,date,amount,amount",
    ),
    fc.array(
      fc.tuple(cell(idArb), cell(dayStringArb), cell(amountArb.map(String)), cell(amountArb.map(String))),
      { maxLength: 6 },
    ),
  )
  .map(([header, rows]) => {
    const width = header.split(",").length;
    return [header, ...rows.map((r) => r.slice(0, width).join(","))].join("\n");
  });

/** An Arrow-like table (numRows + getChild(name).get(i)) over plain arrays, with junk cells. */
const arrowArb = fc
  .array(fc.record({ customerId: orJunk(idArb), date: orJunk(dayStringArb), amount: orJunk(amountArb) }), {
    maxLength: 6,
  })
  .map((rows) => ({
    numRows: rows.length,
    getChild: (name: string) =>
      name === "customerId" || name === "date" || name === "amount"
        ? { get: (i: number) => (rows[i] as Record<string, unknown> | undefined)?.[name] }
        : null,
  }));

/** ItemColumns: ids and values, mostly of equal length, sometimes with junk or duplicates. */
const columnsArb = fc
  .oneof(
    {
      weight: 6,
      arbitrary: fc.uniqueArray(fc.tuple(idArb, amountArb), {
        minLength: 1,
        maxLength: 8,
        selector: ([id]) => id,
      }),
    },
    { weight: 1, arbitrary: fc.array(fc.tuple(idArb, orJunk(amountArb)), { maxLength: 6 }) },
  )
  .chain((pairs) =>
    fc.constantFrom("array", "float64", "short").map((form) => {
      const ids = pairs.map(([id]) => id);
      const values = pairs.map(([, v]) => v) as number[];
      if (form === "short") return { ids, values: values.slice(1) };
      if (form === "float64" && values.every((v) => typeof v === "number"))
        return { ids, values: Float64Array.from(values) };
      return { ids, values };
    }),
  );

describe("columnar input: fuzz (a clean result or a CustomerValueError)", () => {
  it("transactionTableFromCsv", () => {
    fc.assert(
      fc.property(csvArb, fc.boolean(), (csv, asBytes) => {
        const table = okOrCvError("transactionTableFromCsv", () =>
          requiredColumns(transactionTableFromCsv(asBytes ? new TextEncoder().encode(csv) : csv)),
        );
        if (table === undefined) return;
        expect(table.customer).toHaveLength(table.length);
        for (let i = 0; i < table.length; i++) expect(Number.isFinite(table.amount[i])).toBe(true);
      }),
      params(),
    );
  });

  it("transactionTableFromArrow", () => {
    fc.assert(
      fc.property(orJunk(arrowArb, 12), (arrow) => {
        const table = okOrCvError("transactionTableFromArrow", () =>
          requiredColumns(transactionTableFromArrow(arrow as never)),
        );
        if (table === undefined) return;
        expect(table.time).toHaveLength(table.length);
        expect(table.customer).toHaveLength(table.length);
      }),
      params(),
    );
  });

  it("paretoSplit, abcClassify, gini and lorenzCurve on ItemColumns", () => {
    fc.assert(
      fc.property(
        columnsArb,
        optionArb(fc.double({ min: 0.05, max: 0.95, noNaN: true })),
        (columns, headShare) => {
          deepFreeze(columns);
          const options = headShare === undefined ? {} : { headShare };
          const split = okOrCvError("paretoSplit", () => paretoSplit(columns as never, options as never));
          if (split !== undefined) {
            // Head and tail partition the ids.
            expect([...split.head, ...split.tail].map(String).sort()).toEqual(
              [...columns.ids].map(String).sort(),
            );
          }
          okOrCvError("abcClassify", () => abcClassify(columns as never));
          const g = okOrCvError("gini", () => gini(columns as never));
          if (typeof g === "number") {
            expect(g).toBeGreaterThanOrEqual(0);
            expect(g).toBeLessThan(1);
          }
          okOrCvError("lorenzCurve", () => lorenzCurve(columns as never));
        },
      ),
      params(),
    );
  });
});
