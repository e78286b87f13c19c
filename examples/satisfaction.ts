/**
 * Value-weighted satisfaction and the satisfaction trap on the built-in sample data.
 * Run: npx tsx examples/satisfaction.ts
 */
import {
  expectationRatio,
  generateSampleData,
  satisfactionCase,
  satisfactionTrap,
  valueWeightedSatisfaction,
} from "customer-value";

const sample = generateSampleData({ seed: 42 });
const { before, after, scale } = sample.survey;

// K_i: each customer's value to the firm (here: net revenue over the sample period).
const values = new Map<string, number>();
for (const customer of sample.customers)
  if (customer.value !== undefined) values.set(customer.id, customer.value);

// 1. One wave: plain vs value-weighted means, with 95% intervals and Kish's effective n.
const wave = valueWeightedSatisfaction(after, values, {
  indicators: sample.survey.indicators,
  scale: [scale[0], scale[1]],
});
const fmt = (x: number | null) => (x === null ? "n/a" : x.toFixed(2));
console.log(`Second wave: ${wave.respondents} respondents, K_o (mean value) = ${wave.reference.toFixed(2)}`);
for (const [name, s] of Object.entries(wave.indicators)) {
  const ci = s.weightedInterval;
  console.log(
    `  ${name.padEnd(9)} plain ${fmt(s.unweighted)}  weighted ${fmt(s.weighted)}` +
      `  [${fmt(ci?.lower ?? null)}, ${fmt(ci?.upper ?? null)}]  n=${s.n}  n_eff=${fmt(s.effectiveN)}`,
  );
}
console.log(`  index     plain ${fmt(wave.index.unweighted)}  weighted ${fmt(wave.index.weighted)}`);

// 2. The trap between the two waves, overall, per indicator and per segment.
const trap = satisfactionTrap(before, after, values, { groupBy: "segment", customers: sample.customers });
console.log(
  `\nPlain index ${trap.unweightedChange >= 0 ? "+" : ""}${trap.unweightedChange.toFixed(2)}, ` +
    `value-weighted ${trap.weightedChange >= 0 ? "+" : ""}${trap.weightedChange.toFixed(2)} → ${trap.kind}` +
    (trap.isTrap ? " (the satisfaction trap)" : ""),
);
for (const g of trap.groups ?? []) {
  console.log(
    `  ${g.group.padEnd(10)} plain ${fmt(g.unweightedChange)}  weighted ${fmt(g.weightedChange)}  ${g.kind}`,
  );
}

// 3. The source's six cases for two customers, and satisfaction as a ratio.
console.log(
  `\nHigh-value customer −2, low-value +4: case ${satisfactionCase({ highValueChange: -2, lowValueChange: 4 })}`,
);
console.log(`Received 9 where 8 was expected: ratio ${expectationRatio(9, 8)}`);
