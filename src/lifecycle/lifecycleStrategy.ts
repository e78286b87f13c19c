import { assertOneOf } from "../internal/assert.js";
import {
  LIFECYCLE_PHASES,
  LIFECYCLE_STAGES,
  LIFECYCLE_STRATEGIES,
  type LifecycleLocale,
  type LifecyclePhase,
  type LifecycleStage,
} from "./stages.js";

/**
 * The management task (strategy) the source assigns to a stage (after Stauss 2000):
 * acquisition for prospects, new-customer management in socialization, satisfied-customer
 * management in growth and maturity, dissatisfied-customer management and termination
 * prevention in decline (in the termination phase: persuade the customer to withdraw the
 * notice), win-back in interruption, and recovery then new-customer care in recovery.
 *
 * @param stage - one of `LIFECYCLE_STAGES`
 * @param phase - for `decline`, its phase; `"termination"` selects the termination task
 *   (any other stage ignores the phase)
 * @param locale - `"en"` (default) or `"zh"`
 * @returns the task, as a sentence
 * @throws {CustomerValueError} `INVALID_OPTION` for an unknown stage, phase or locale
 * @example
 * lifecycleStrategy("interruption"); // => "recovery management: win the customer back"
 * lifecycleStrategy("decline", "termination", "zh"); // => "解约预防：说服客户撤回解约通知"
 */
export function lifecycleStrategy(
  stage: LifecycleStage,
  phase?: LifecyclePhase,
  locale: LifecycleLocale = "en",
): string {
  assertOneOf(stage, LIFECYCLE_STAGES, "lifecycleStrategy: stage");
  if (phase !== undefined) assertOneOf(phase, LIFECYCLE_PHASES, "lifecycleStrategy: phase");
  assertOneOf(locale, ["en", "zh"] as const, "lifecycleStrategy: locale");
  const key = stage === "decline" && phase === "termination" ? "termination" : stage;
  return LIFECYCLE_STRATEGIES[locale][key];
}
