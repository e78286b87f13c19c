import { describe, expect, it } from "vitest";
import { lifecycleLabel } from "./lifecycleLabel.js";
import { lifecycleStrategy } from "./lifecycleStrategy.js";
import { LIFECYCLE_STAGES } from "./stages.js";

describe("lifecycleLabel and lifecycleStrategy", () => {
  it("names the seven stages and two phases in Chinese as the source does", () => {
    expect(LIFECYCLE_STAGES.map((s) => lifecycleLabel(s, "zh"))).toEqual([
      "开拓期",
      "社会化期",
      "成长期",
      "成熟期",
      "衰退期",
      "中断期",
      "恢复期",
    ]);
    expect(lifecycleLabel("endangerment", "zh")).toBe("危险期");
    expect(lifecycleLabel("termination", "zh")).toBe("解约期");
    expect(lifecycleLabel("recovery")).toBe("Recovery");
  });

  it("gives each stage its task; termination has its own", () => {
    expect(lifecycleStrategy("prospecting")).toMatch(/^acquisition/);
    expect(lifecycleStrategy("growth")).toMatch(/^satisfied-customer management/);
    expect(lifecycleStrategy("maturity")).toMatch(/^satisfied-customer management/);
    expect(lifecycleStrategy("decline")).toBe("dissatisfied-customer management and termination prevention");
    expect(lifecycleStrategy("decline", "endangerment")).toBe(lifecycleStrategy("decline"));
    expect(lifecycleStrategy("decline", "termination")).toMatch(/withdraw the notice/);
    expect(lifecycleStrategy("interruption", undefined, "zh")).toMatch(/赢回/);
  });

  it("rejects unknown stages and locales", () => {
    expect(() => lifecycleLabel("bogus" as "growth")).toThrow(/lifecycleLabel: stage/);
    expect(() => lifecycleLabel("growth", "fr" as "en")).toThrow(/locale/);
    expect(() => lifecycleStrategy("growth", "bogus" as "termination")).toThrow(/phase/);
  });
});
