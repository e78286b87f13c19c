import {
  classifyLifecycles,
  LIFECYCLE_STAGES,
  lifecycleLabel,
  lifecycleStrategy,
  lifecycleSummary,
  lifecycleTimeline,
  type SampleData,
} from "customer-value";
import { formatMoney, formatPercent, formatTable } from "./format.js";

/** The demo's lifecycle section: where each relationship stands, what to do, and how customers move. */
export function lifecycleSection(sample: SampleData): string {
  const options = { asOf: sample.asOf, dissatisfiedBelow: 5 };
  const rows = classifyLifecycles(sample.customers, sample.transactions, options);
  const summary = lifecycleSummary(rows);
  const table = formatTable(
    ["stage", "customers", "share", "purchase value", "value share", "task", "阶段"],
    summary.stages.map((s) => [
      s.label,
      s.count,
      formatPercent(s.share),
      formatMoney(s.value),
      formatPercent(s.valueShare),
      lifecycleStrategy(s.stage).split(":")[0]!,
      s.labelZh,
    ]),
  );
  const example = rows.find((r) => r.stage === "decline") ?? rows[0];
  const why =
    example === undefined
      ? ""
      : `\n  e.g. ${example.customerId}: ${example.stage} — ${example.evidence.reason}`;

  // How customers moved between the last four quarter ends.
  const end = new Date(sample.asOf);
  const from = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 9, 1));
  const timeline = lifecycleTimeline(sample.customers, sample.transactions, {
    from,
    to: end,
    period: "quarter",
    dissatisfiedBelow: 5,
  });
  const short = (s: string) => lifecycleLabel(s as (typeof LIFECYCLE_STAGES)[number]).slice(0, 6);
  const matrix = formatTable(
    ["from \\ to", ...LIFECYCLE_STAGES.map(short)],
    LIFECYCLE_STAGES.map((s, i) => [short(s), ...timeline.transitions[i]!]),
  );
  return [
    `Stages at ${sample.asOf} (default thresholds; satisfaction below 5 marks endangerment):`,
    table,
    `  decline phases: endangerment (危险期) ${summary.phases.endangerment}, termination (解约期) ${summary.phases.termination}${why}`,
    "",
    `Moves between quarter ends ${timeline.periods[0]?.period} .. ${timeline.periods.at(-1)?.period} (customer-quarters):`,
    matrix,
  ].join("\n");
}
