import { assertOneOf } from "../internal/assert.js";
import {
  LIFECYCLE_LABELS,
  LIFECYCLE_PHASES,
  LIFECYCLE_STAGES,
  type LifecycleLocale,
  type LifecyclePhase,
  type LifecycleStage,
} from "./stages.js";

const NAMES: readonly (LifecycleStage | LifecyclePhase)[] = [...LIFECYCLE_STAGES, ...LIFECYCLE_PHASES];

/**
 * The name of a lifecycle stage or decline phase in English or Chinese (after Stauss 2000):
 * prospecting 开拓期, socialization 社会化期, growth 成长期, maturity 成熟期, decline 衰退期,
 * interruption 中断期, recovery 恢复期; phases endangerment 危险期 and termination 解约期.
 *
 * @param stage - a stage of `LIFECYCLE_STAGES` or a phase of `LIFECYCLE_PHASES`
 * @param locale - `"en"` (default) or `"zh"`
 * @returns the label
 * @throws {CustomerValueError} `INVALID_OPTION` for an unknown stage or locale
 * @example
 * lifecycleLabel("maturity", "zh"); // => "成熟期"
 * lifecycleLabel("termination"); // => "Termination"
 */
export function lifecycleLabel(
  stage: LifecycleStage | LifecyclePhase,
  locale: LifecycleLocale = "en",
): string {
  assertOneOf(stage, NAMES, "lifecycleLabel: stage");
  assertOneOf(locale, ["en", "zh"] as const, "lifecycleLabel: locale");
  return LIFECYCLE_LABELS[locale][stage];
}
