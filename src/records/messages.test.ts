/**
 * The record schemas use zod/mini; their messages must be word for word those of the
 * same schemas written with classic zod (which sets zod's English messages globally).
 */
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { describeValue, parseDateInput } from "../internal/dates.js";
import { Customer } from "./Customer.js";
import { SurveyResponse } from "./SurveyResponse.js";
import { Transaction } from "./Transaction.js";

// The classic-zod schemas the records were first written with.
const Id = z
  .string({ error: (issue) => `expected a non-empty string id, got ${describeValue(issue.input)}` })
  .min(1, { error: "expected a non-empty string id, got an empty string" });
const FiniteNumber = z.number({
  error: (issue) => `expected a finite number, got ${describeValue(issue.input)}`,
});
const DateField = z.custom((value) => parseDateInput(value) !== undefined, {
  error: (issue) =>
    `expected a valid Date or ISO-8601 date string (e.g. "2011-03-04"), got ${describeValue(issue.input)}`,
});
const classic = {
  Transaction: z.looseObject({
    customerId: Id,
    date: DateField,
    amount: FiniteNumber,
    profit: FiniteNumber.optional(),
    quantity: FiniteNumber.optional(),
  }),
  Customer: z.looseObject({
    id: Id,
    name: z.string().optional(),
    region: z.string().optional(),
    segment: z.string().optional(),
    value: FiniteNumber.optional(),
    firstContactAt: DateField.optional(),
    terminationNoticeAt: DateField.optional(),
    noticeWithdrawnAt: DateField.optional(),
    satisfaction: FiniteNumber.optional(),
  }),
  SurveyResponse: z.looseObject({
    customerId: Id,
    scores: z.record(z.string(), FiniteNumber.nullable(), {
      error: (issue) => `expected an object of scores per indicator, got ${typeof issue.input}`,
    }),
  }),
};

const BAD_VALUES: unknown[] = [
  undefined,
  null,
  "",
  " ",
  "x",
  "12,5",
  "2011-02-30",
  0,
  -1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  17850,
  true,
  [],
  [1],
  {},
  new Date(Number.NaN),
  new Date(0),
  new Map(),
  Symbol.for("s"),
  10n,
];

type Schema = { safeParse(input: unknown): { success: boolean; error?: { issues: unknown[] } } };
const issuesOf = (schema: Schema, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success
    ? []
    : result.error!.issues.map((i) =>
        JSON.stringify(i, (_k, v) => (typeof v === "bigint" || typeof v === "symbol" ? String(v) : v)),
      );
};

describe("record schemas (zod/mini) and their classic-zod originals", () => {
  const cases: [string, Schema, Schema, Record<string, unknown>][] = [
    ["Transaction", Transaction, classic.Transaction, { customerId: "C1", date: "2011-03-04", amount: 1 }],
    ["Customer", Customer, classic.Customer, { id: "C1" }],
    ["SurveyResponse", SurveyResponse, classic.SurveyResponse, { customerId: "C1", scores: { q: 1 } }],
  ];
  it.each(cases)(
    "%s: the same issues, word for word, for every bad value of every field",
    (_name, mini, reference, valid) => {
      const fields = [
        ...Object.keys(valid),
        "profit",
        "quantity",
        "name",
        "region",
        "segment",
        "value",
        "firstContactAt",
        "satisfaction",
      ];
      let compared = 0;
      for (const bad of BAD_VALUES) {
        expect(issuesOf(mini, bad)).toEqual(issuesOf(reference, bad));
        for (const field of fields) {
          const input = { ...valid, [field]: bad };
          expect(issuesOf(mini, input), `${field} = ${String(bad)}`).toEqual(issuesOf(reference, input));
          compared++;
        }
      }
      expect(issuesOf(mini, { ...valid, scores: { q: "1", r: null, s: Number.NaN } })).toEqual(
        issuesOf(reference, { ...valid, scores: { q: "1", r: null, s: Number.NaN } }),
      );
      expect(compared).toBeGreaterThan(100);
      expect(mini.safeParse(valid).success).toBe(true);
    },
  );

  it("messages stay English whatever the global zod configuration", () => {
    z.config(z.locales.de());
    try {
      const [issue] = Customer.safeParse({ id: "C1", name: 3 }).error!.issues;
      expect(issue!.message).toBe("Invalid input: expected string, received number");
      for (const schema of [Transaction, Customer, SurveyResponse]) {
        expect(schema.safeParse(null).error!.issues[0]!.message).toBe(
          "Invalid input: expected object, received null",
        );
      }
    } finally {
      z.config(z.locales.en());
    }
  });
});
