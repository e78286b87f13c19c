/**
 * The report's opening summary: four to six plain sentences a manager can read first —
 * who carries the business, the retention trend, the lifecycle mix, the satisfaction
 * trap when a survey is given, and the expected value of the customer base. A period the
 * data do not fully cover is named but never used in a sentence's conclusion.
 */
import type { Period } from "../../internal/dates.js";
import type { ReportResults } from "../results.js";
import type { SectionId } from "../sections.js";
import type { Format } from "./format.js";
import type { ReportText } from "./text.js";

/** Full periods the retention sentence looks back over. */
const TREND_PERIODS = 6;

function retentionSentence(r: ReportResults, f: Format, t: ReportText, period: Period): string | undefined {
  const rows = r.activity ?? [];
  const full = rows.filter((a) => !a.partial && a.retentionRate !== null).slice(-TREND_PERIODS);
  if (full.length < 2) return undefined;
  const rates = full.map((a) => a.retentionRate!);
  const partial = rows
    .filter((a) => a.partial && a.retentionRate !== null)
    .map((a) => f.period(a.period, period));
  return t.sentences.retention({
    count: f.count(full.length),
    unit: t.units[period],
    first: f.period(full[0]!.period, period),
    last: f.period(full[full.length - 1]!.period, period),
    mean: f.percent(rates.reduce((s, x) => s + x, 0) / rates.length, true),
    from: f.percent(rates[0], true),
    to: f.percent(rates[rates.length - 1], true),
    partial: partial.join(", "),
  });
}

function lifecycleSentence(r: ReportResults, f: Format, t: ReportText): string | undefined {
  const summary = r.lifecycle?.summary;
  if (summary === undefined || summary.customers === 0) return undefined;
  const share = (...stages: string[]) =>
    summary.stages.filter((s) => stages.includes(s.stage)).reduce((n, s) => n + s.count, 0) /
    summary.customers;
  return t.sentences.lifecycle({
    customers: f.count(summary.customers),
    growing: f.percent(share("growth", "maturity"), true),
    new: f.percent(share("socialization"), true),
    interrupted: f.percent(share("interruption"), true),
  });
}

function satisfactionSentence(r: ReportResults, f: Format, t: ReportText): string | undefined {
  const index = r.satisfaction?.index;
  if (index === undefined || index.unweighted === null || index.weighted === null) return undefined;
  const gap = index.weighted - index.unweighted;
  const direction = Math.abs(gap) < 0.01 * Math.abs(index.unweighted) ? "same" : gap < 0 ? "less" : "more";
  return t.sentences.satisfaction({
    weighted: f.fixed(index.weighted, 2),
    plain: f.fixed(index.unweighted, 2),
    direction,
  });
}

function valueSentence(r: ReportResults, f: Format, t: ReportText): string | undefined {
  const m = r.bgNbd;
  if (m === undefined) return undefined;
  return t.sentences.value({
    customers: f.count(m.customers),
    purchases: f.count(m.expectedPurchases),
    horizonMonths: f.count(m.horizonMonths),
    value: r.lifetimeValue === undefined ? "" : f.money(r.lifetimeValue.total, true),
    repeat: f.count(m.repeatCustomers),
    active: f.count(m.probablyActiveRepeat),
    activeShare: f.percent(m.probablyActiveRepeat / m.repeatCustomers, true),
    warned: m.warnings.length > 0 ? "yes" : "",
  });
}

/**
 * The summary's sentences, in order; sentences whose section is empty are left out, and
 * a last sentence names the empty sections.
 */
export function summarySentences(r: ReportResults, f: Format, t: ReportText, period: Period): string[] {
  const sentences = [
    r.pareto?.summary.text[f.locale],
    retentionSentence(r, f, t, period),
    lifecycleSentence(r, f, t),
    satisfactionSentence(r, f, t),
    valueSentence(r, f, t),
  ].filter((s): s is string => s !== undefined);
  const empty = (Object.entries(r.sections) as [SectionId, { status: string }][])
    .filter(([, s]) => s.status === "empty")
    .map(([id]) => t.sections[id]);
  if (empty.length > 0)
    sentences.push(t.sentences.emptySections(empty.join(f.locale === "zh" ? "、" : "; ")));
  return sentences;
}
