import { z } from "zod";
import { FiniteNumber, Id } from "./fields.js";

/**
 * One survey response: the customer who answered and a score per indicator
 * (`null` = indicator skipped). Scales are declared by the analysis functions.
 *
 * @example
 * SurveyResponse.parse({ customerId: "C1", scores: { quality: 8, delivery: null } });
 */
export const SurveyResponse = z.looseObject({
  customerId: Id,
  scores: z.record(z.string(), FiniteNumber.nullable(), {
    error: (issue) => `expected an object of scores per indicator, got ${typeof issue.input}`,
  }),
});

/** One survey response; see the {@link SurveyResponse} schema. */
export type SurveyResponse = z.infer<typeof SurveyResponse>;
