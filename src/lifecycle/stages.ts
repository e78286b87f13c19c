/**
 * The seven stages of the customer relationship lifecycle (Stauss 2000),
 * the two phases of decline, their English and Chinese names and each stage's
 * management task (strategy), as the source gives them.
 */

/**
 * The seven stages, in the order of the cycle: prospecting (开拓期), socialization (社会化期),
 * growth (成长期), maturity (成熟期), decline (衰退期), interruption (中断期), recovery (恢复期).
 *
 * @example
 * LIFECYCLE_STAGES[0]; // => "prospecting"
 */
export const LIFECYCLE_STAGES = [
  "prospecting",
  "socialization",
  "growth",
  "maturity",
  "decline",
  "interruption",
  "recovery",
] as const;

/** One of {@link LIFECYCLE_STAGES}. */
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/**
 * The two phases of decline: `endangerment` (危险期: value or satisfaction falling, no
 * decision yet) and `termination` (解约期: the customer has given notice).
 *
 * @example
 * LIFECYCLE_PHASES[1]; // => "termination"
 */
export const LIFECYCLE_PHASES = ["endangerment", "termination"] as const;

/** One of {@link LIFECYCLE_PHASES}. */
export type LifecyclePhase = (typeof LIFECYCLE_PHASES)[number];

/** A language of {@link lifecycleLabel} and {@link lifecycleStrategy}. */
export type LifecycleLocale = "en" | "zh";

/**
 * Names of stages and phases, per language (`lifecycleLabel` reads them with a check).
 *
 * @example
 * LIFECYCLE_LABELS.zh.recovery; // => "恢复期"
 */
export const LIFECYCLE_LABELS: Readonly<
  Record<LifecycleLocale, Readonly<Record<LifecycleStage | LifecyclePhase, string>>>
> = {
  en: {
    prospecting: "Prospecting",
    socialization: "Socialization",
    growth: "Growth",
    maturity: "Maturity",
    decline: "Decline",
    interruption: "Interruption",
    recovery: "Recovery",
    endangerment: "Endangerment",
    termination: "Termination",
  },
  zh: {
    prospecting: "开拓期",
    socialization: "社会化期",
    growth: "成长期",
    maturity: "成熟期",
    decline: "衰退期",
    interruption: "中断期",
    recovery: "恢复期",
    endangerment: "危险期",
    termination: "解约期",
  },
};

/**
 * The management task of each stage (after Stauss 2000), per language. `decline` is the task of
 * the endangerment phase; `termination` the task once notice has been given.
 *
 * @example
 * LIFECYCLE_STRATEGIES.en.prospecting; // => "acquisition: win the interested prospect's first purchase"
 */
export const LIFECYCLE_STRATEGIES: Readonly<
  Record<LifecycleLocale, Readonly<Record<LifecycleStage | "termination", string>>>
> = {
  en: {
    prospecting: "acquisition: win the interested prospect's first purchase",
    socialization: "new-customer management: make the new relationship work",
    growth: "satisfied-customer management: widen use and raise value",
    maturity: "satisfied-customer management: keep a stable relationship at its ceiling",
    decline: "dissatisfied-customer management and termination prevention",
    termination: "termination prevention: persuade the customer to withdraw the notice",
    interruption: "recovery management: win the customer back",
    recovery: "recovery management, then new-customer care: the cycle restarts",
  },
  zh: {
    prospecting: "客户获取：争取有兴趣的潜在客户首次购买",
    socialization: "新客户管理：让新建立的关系顺利运作",
    growth: "满意客户管理：扩大使用范围，提升客户价值",
    maturity: "满意客户管理：在价值上限附近保持稳定关系",
    decline: "不满意客户管理与解约预防",
    termination: "解约预防：说服客户撤回解约通知",
    interruption: "恢复管理：赢回客户",
    recovery: "恢复管理，然后进行新客户关怀：生命周期重新开始",
  },
};
