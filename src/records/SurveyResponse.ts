import * as z from "zod/mini";
import { englishMessage, FiniteNumber, Id, Text } from "./fields.js";

/**
 * One survey response: the customer who answered and a score per indicator
 * (`null` = indicator skipped). Scales are declared by the analysis functions.
 *
 * @example
 * SurveyResponse.parse({ customerId: "C1", scores: { quality: 8, delivery: null } });
 */
export const SurveyResponse = /* @__PURE__ */ z.looseObject(
  {
    customerId: Id,
    scores: /* @__PURE__ */ z.record(Text, /* @__PURE__ */ z.nullable(FiniteNumber), {
      error: (issue) => `expected an object of scores per indicator, got ${typeof issue.input}`,
    }),
  },
  { error: englishMessage },
);

/** One survey response; see the {@link SurveyResponse} schema. */
export type SurveyResponse = z.infer<typeof SurveyResponse>;
