/**
 * Every code of ERROR_CODES is raised by at least one call here (docs/errors.md points
 * to these cases). The table is typed as a Record over the codes, so a new code without
 * a case is a type error, and the last test fails at run time too.
 */
import { lorenzChart } from "customer-value/charts";
import { renderSvg } from "customer-value/render";
import { fitGammaGamma } from "customer-value/models";
import { describe, expect, it, vi } from "vitest";
import {
  allocateCostToServe,
  CustomerValueError,
  type CustomerValueErrorCode,
  classifyLifecycles,
  compositeValueScore,
  ERROR_CODES,
  gini,
  lorenzCurve,
  paretoSplit,
  validateTransactions,
  valueWeightedSatisfaction,
} from "customer-value";
import { deepFreeze } from "./helpers.js";

// Only for MISSING_DEPENDENCY: renderSvg finds no `vega` (an optional peer).
vi.mock("vega", () => {
  throw new Error("Cannot find package 'vega'");
});

interface Case {
  /** The function whose name the message must start with. */
  readonly fn: string;
  /** A call that raises the code (sync or async). */
  readonly call: () => unknown;
}

const survey = deepFreeze([
  { customerId: "A", scores: { q: 5 } },
  { customerId: "B", scores: { q: 6 } },
]);

const CASES: Record<CustomerValueErrorCode, Case> = {
  INVALID_RECORD: {
    fn: "validateTransactions",
    call: () => validateTransactions([{ customerId: "A", date: "2011-13-01", amount: "12,5" }]),
  },
  INVALID_OPTION: {
    fn: "paretoSplit",
    call: () => paretoSplit([{ id: "A", value: 1 }], { value: "value", headShare: 1.5 }),
  },
  EMPTY_INPUT: { fn: "paretoSplit", call: () => paretoSplit([], { value: "value" }) },
  NEGATIVE_VALUE: { fn: "gini", call: () => gini([1, -1]) },
  MISSING_VALUE: { fn: "valueWeightedSatisfaction", call: () => valueWeightedSatisfaction(survey, { A: 1 }) },
  DUPLICATE_ID: {
    fn: "paretoSplit",
    call: () =>
      paretoSplit(
        [
          { id: "A", value: 1 },
          { id: "A", value: 2 },
        ],
        { value: "value" },
      ),
  },
  ZERO_TOTAL: { fn: "lorenzCurve", call: () => lorenzCurve([0, 0]) },
  OUT_OF_SCALE: {
    fn: "valueWeightedSatisfaction",
    call: () =>
      valueWeightedSatisfaction([{ customerId: "A", scores: { q: 11 } }], { A: 1 }, { scale: [1, 10] }),
  },
  ZERO_REFERENCE: {
    fn: "valueWeightedSatisfaction",
    call: () => valueWeightedSatisfaction(survey, { A: 0, B: 1 }, { reference: "min" }),
  },
  ZERO_WEIGHTS: {
    fn: "valueWeightedSatisfaction",
    call: () => valueWeightedSatisfaction(survey, { A: 1, B: 1 }, { indicatorWeights: { q: 0 } }),
  },
  UNKNOWN_NAME: {
    fn: "allocateCostToServe",
    call: () =>
      allocateCostToServe(
        [{ activity: "calls", cost: 10 }],
        [{ customerId: "A", activity: "visits", quantity: 1 }],
      ),
  },
  UNKNOWN_CUSTOMER: {
    fn: "classifyLifecycles",
    call: () =>
      classifyLifecycles([{ id: "A" }], [{ customerId: "B", date: "2011-01-01", amount: 1 }], {
        asOf: "2011-12-31",
      }),
  },
  UNSAFE_FORMULA: {
    fn: "compositeValueScore",
    call: () => compositeValueScore([{ id: "A", profit: 1 }], { formula: "cos(profit)" }, { id: "id" }),
  },
  NOT_CONVERGED: {
    fn: "fitGammaGamma",
    call: () =>
      fitGammaGamma(
        [
          { frequency: 2, recency: 10, T: 20, monetaryValue: 30 },
          { frequency: 1, recency: 5, T: 30, monetaryValue: 50 },
        ],
        { maxEvaluations: 10 },
      ),
  },
  MISSING_DEPENDENCY: {
    fn: "renderSvg",
    call: () =>
      renderSvg(
        lorenzChart([
          { customerShare: 0, valueShare: 0 },
          { customerShare: 1, valueShare: 1 },
        ]),
      ),
  },
};

/** Runs a case and returns what it threw (awaiting a promise). */
async function thrown(c: Case): Promise<unknown> {
  try {
    await c.call();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("every error code is raised by a test", () => {
  for (const code of ERROR_CODES) {
    it(`${code}`, async () => {
      const c = CASES[code];
      const error = await thrown(c);
      expect(error).toBeInstanceOf(CustomerValueError);
      expect((error as CustomerValueError).code).toBe(code);
      expect((error as CustomerValueError).message.startsWith(`${c.fn}:`)).toBe(true);
    });
  }

  it("the table covers exactly the codes of ERROR_CODES", () => {
    expect(Object.keys(CASES).sort()).toEqual([...ERROR_CODES].sort());
  });

  it("record validation lists every problem with its path", async () => {
    const error = (await thrown(CASES.INVALID_RECORD)) as CustomerValueError;
    expect(error.issues.map((i) => i.path).sort()).toEqual(["[0].amount", "[0].date"]);
  });
});
