import { type SampleData, satisfactionTrap, valueWeightedSatisfaction } from "customer-value";
import { formatTable } from "./format.js";

const fmt = (x: number | null) => (x === null ? "n/a" : x.toFixed(2));
const signed = (x: number | null) => (x === null ? "n/a" : `${x >= 0 ? "+" : ""}${x.toFixed(2)}`);

/** The demo's satisfaction section: plain vs value-weighted scores and the trap between two waves. */
export function satisfactionSection(sample: SampleData): string {
  const { before, after, scale, indicators } = sample.survey;
  const values = new Map<string, number>();
  for (const c of sample.customers) if (c.value !== undefined) values.set(c.id, c.value);

  const first = valueWeightedSatisfaction(before, values, { indicators, scale: [scale[0], scale[1]] });
  const second = valueWeightedSatisfaction(after, values, { indicators, scale: [scale[0], scale[1]] });
  const rows = Object.keys(second.indicators).map((name) => {
    const a = first.indicators[name]!;
    const b = second.indicators[name]!;
    return [name, fmt(a.unweighted), fmt(b.unweighted), fmt(a.weighted), fmt(b.weighted), fmt(b.effectiveN)];
  });
  rows.push([
    "index",
    fmt(first.index.unweighted),
    fmt(second.index.unweighted),
    fmt(first.index.weighted),
    fmt(second.index.weighted),
    fmt(second.effectiveN),
  ]);

  const trap = satisfactionTrap(before, after, values, { groupBy: "segment", customers: sample.customers });
  const ci = second.index.weightedInterval;
  const lines = [
    `Two survey waves (scale ${scale[0]}-${scale[1]}), ${first.respondents} and ${second.respondents} respondents;`,
    "each answer weighted by the customer's value (K_i / K_o, K_o = mean value).",
    "",
    formatTable(["indicator", "plain 1", "plain 2", "weighted 1", "weighted 2", "n_eff 2"], rows),
    "",
    `Plain index ${signed(trap.unweightedChange)}, value-weighted index ${signed(trap.weightedChange)}: ${trap.kind}` +
      (trap.isTrap ? " — the satisfaction trap." : "."),
    `Second-wave weighted index ${fmt(second.index.weighted)} (95% CI ${fmt(ci?.lower ?? null)}-${fmt(ci?.upper ?? null)}).`,
    "",
    formatTable(
      ["segment", "plain change", "weighted change", "verdict"],
      (trap.groups ?? []).map((g) => [
        g.group,
        signed(g.unweightedChange),
        signed(g.weightedChange),
        g.kind ?? "n/a",
      ]),
    ),
  ];
  return lines.join("\n");
}
