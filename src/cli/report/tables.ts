/**
 * The report's tables, one function per section, each followed by its definition line.
 * They read the plain results of `analyse` and write every word in the report's language.
 */
import { BCG_QUADRANTS, BCG_STRATEGY } from "../../bcg/quadrant.js";
import type { Period } from "../../internal/dates.js";
import type { PeriodActivityRow } from "../../rates/periodActivity.js";
import type { Format } from "./format.js";
import { type DataValues, definition, fitWarnings, htmlTable } from "./html.js";
import type { ReportResults } from "../results.js";
import type { ReportText } from "./text.js";

/** What every table function reads. */
export interface TableContext {
  readonly r: ReportResults;
  readonly f: Format;
  readonly t: ReportText;
  readonly data: DataValues;
  readonly period: Period;
}

/** Days of a partial period that the data cover: from its start (or the first day) to its end (or the as-of date). */
export function coveredDays(row: PeriodActivityRow, first: string | null, asOf: string): [number, number] {
  const day = 86_400_000;
  const start = Date.parse(row.start);
  const end = Date.parse(row.end);
  const from = first === null ? start : Math.max(start, Math.floor(Date.parse(first) / day) * day);
  const to = Math.min(end, Math.floor(Date.parse(asOf) / day) * day + day);
  return [Math.max(0, Math.round((to - from) / day)), Math.round((end - start) / day)];
}

export function concentrationTable({ r, f, t }: TableContext): string {
  const pareto = r.pareto!;
  const split = pareto.split;
  const rows: string[][] = [
    [t.th["customersWithTransactions"]!, f.count(r.input.customersWithTransactions)],
    [t.th["netRevenue"]!, f.money(r.input.netRevenue)],
    [t.th["head"]!, t.phrases.headHolds(f.count(split.headCount), f.percent(split.headValueShare))],
    [t.th["gini"]!, f.fixed(pareto.gini, 3)],
    [
      t.th["abc"]!,
      (["A", "B", "C"] as const).map((k) => `${k}: ${f.count(pareto.abcCounts[k])}`).join(" · "),
    ],
  ];
  const whale = r.whale;
  if (whale !== undefined) {
    rows.push([
      t.th["whalePeak"]!,
      t.phrases.whalePeak(f.percent(whale.peak.profitShare), f.percent(whale.peak.customerShare)),
    ]);
  }
  return (
    htmlTable({ columns: [t.th["measure"]!, t.th["value"]!], rows, numeric: [false, false] }) +
    definition(t.define("concentrationTable", {}))
  );
}

export function activityTable({ r, f, t, data, period }: TableContext): string {
  const all = r.activity!;
  const shown = all.slice(-12);
  const rows = shown.map((a) => {
    const [days, of] = coveredDays(a, r.input.firstTransaction, r.asOf!);
    return [
      label(f, data, a.period, period),
      f.count(a.active),
      f.count(a.new),
      f.count(a.retained),
      f.count(a.reactivated),
      f.count(a.churned),
      f.percent(a.retentionRate),
      f.percent(a.churnRate),
      f.money(a.revenue),
      a.partial ? t.partialDays(f.count(days), f.count(of)) : "",
    ];
  });
  const th = t.th;
  const columns = [
    "period",
    "active",
    "new",
    "retained",
    "reactivated",
    "churned",
    "retention",
    "churn",
    "revenue",
    "note",
  ];
  return (
    htmlTable({
      columns: columns.map((c) => th[c]!),
      rows,
      numeric: columns.map((c) => c !== "period" && c !== "note"),
      ...(all.length > shown.length
        ? { more: t.moreRows(f.count(all.length - shown.length), f.count(all.length)) }
        : {}),
    }) + definition(t.define("activityTable", {}))
  );
}

/** A period key as the report shows it (months in words); keys shown as they are count as data. */
function label(f: Format, data: DataValues, key: string, period: Period): string {
  const shown = f.period(key, period);
  return shown === key ? data.add(key) : shown;
}

export function cohortTable({ r, f, t, data, period }: TableContext): string {
  const cohorts = r.cohorts!;
  const ks = [1, 3, 6, 12];
  const rows = cohorts.slice(-36).map((c) => [
    label(f, data, c.cohort, period),
    f.count(c.size),
    ...ks.map((k) => {
      const v = c.retention[k];
      if (v === undefined) return "";
      const partial = c.partial || (c.lastColumnPartial && k === c.retention.length - 1);
      return `${f.percent(v)}${partial ? "*" : ""}`;
    }),
  ]);
  return (
    htmlTable({
      columns: [t.th["cohort"]!, t.th["size"]!, ...ks.map((k) => t.th["after"]!.replace("{k}", String(k)))],
      rows,
      ...(cohorts.length > 36
        ? { more: t.moreRows(f.count(cohorts.length - 36), f.count(cohorts.length)) }
        : {}),
    }) + definition(t.define("cohortTable", {}))
  );
}

export function portfolioTable({ r, f, t }: TableContext): string {
  const portfolio = r.portfolio!;
  const quadrants = portfolio.summary.quadrants;
  const rows = BCG_QUADRANTS.map((q) => {
    const s = quadrants[q];
    return [
      t.quadrants[q],
      t.strategies[BCG_STRATEGY[q]],
      f.count(s.count),
      f.percent(s.countShare),
      f.money(s.totalSize, true),
      f.percent(s.sizeShare),
    ];
  });
  const counts = portfolio.counts;
  const th = t.th;
  return (
    htmlTable({
      columns: [
        th["quadrant"]!,
        th["strategy"]!,
        th["customers"]!,
        th["customerShare"]!,
        th["windowRevenue"]!,
        th["revenueShare"]!,
      ],
      rows,
      numeric: [false, false, true, true, true, true],
    }) +
    definition(
      t.define("portfolioTable", {
        months: f.count(portfolio.windows.months),
        noEarlier: f.count(counts.noEarlierRevenue),
        noLast: f.count(counts.noLastRevenue),
        before: f.count(counts.beforeWindows),
      }),
    )
  );
}

export function lifecycleTable({ r, f, t }: TableContext): string {
  const rows = r.lifecycle!.summary.stages.map((s) => [
    t.stages[s.stage],
    f.count(s.count),
    f.percent(s.share),
    f.money(s.value, true),
    f.percent(s.valueShare),
  ]);
  const th = t.th;
  return (
    htmlTable({
      columns: [th["stage"]!, th["customers"]!, th["share"]!, th["revenue"]!, th["valueShare"]!],
      rows,
    }) + definition(t.define("lifecycleTable", {}))
  );
}

export function rfmTable({ r, f, t }: TableContext): string {
  const rows = r.rfm!.segments.map((s) => [
    t.segments[s.segment] ?? s.segment,
    f.count(s.customers),
    f.percent(s.share),
    f.fixed(s.meanRecencyDays, 0),
    f.fixed(s.meanFrequency, 1),
    f.money(s.revenue, true),
    f.percent(s.revenueShare),
  ]);
  const th = t.th;
  return (
    htmlTable({
      columns: [
        th["segment"]!,
        th["customers"]!,
        th["customerShare"]!,
        th["recency"]!,
        th["frequency"]!,
        th["revenue"]!,
        th["valueShare"]!,
      ],
      rows,
    }) + definition(t.define("rfmTable", {}))
  );
}

export function bgNbdTable({ r, f, t, data }: TableContext): string {
  const m = r.bgNbd!;
  const p = m.params;
  const params = data.add(
    `r = ${f.fixed(p.r, 3)}, α = ${f.fixed(p.alpha, 2)}, a = ${f.fixed(p.a, 4)}, b = ${f.fixed(p.b, 3)}`,
  );
  const rows = [
    [t.th["customers"]!, f.count(m.customers)],
    [t.phrases.repeatCustomers, f.count(m.repeatCustomers)],
    [t.phrases.expectedNext(f.count(m.horizonMonths)), f.count(m.expectedPurchases)],
    [t.th["meanAlive"]!, f.percent(m.meanProbabilityAlive)],
    [
      t.th["probablyActive"]!,
      t.phrases.probablyActive(f.count(m.probablyActive), f.percent(m.probablyActive / m.customers)),
    ],
    [
      t.phrases.activeRepeat,
      t.phrases.probablyActive(
        f.count(m.probablyActiveRepeat),
        f.percent(m.repeatCustomers === 0 ? null : m.probablyActiveRepeat / m.repeatCustomers),
      ),
    ],
    [t.th["fittedOn"]!, f.count(m.fittedOn)],
    [t.phrases.parameters, params],
  ];
  return (
    htmlTable({ columns: [t.th["measure"]!, t.th["value"]!], rows, numeric: [false, true] }) +
    definition(t.define("bgNbdTable", { horizonMonths: f.count(m.horizonMonths) })) +
    fitWarnings(m.warnings, t, data)
  );
}

export function lifetimeValueTables({ r, f, t, data }: TableContext): string {
  const v = r.lifetimeValue!;
  const facts = {
    horizonMonths: f.count(v.horizonMonths),
    rate: f.percent(v.monthlyDiscountRate),
    top: f.count(v.top.length),
  };
  const totals = htmlTable({
    columns: [t.th["measure"]!, t.th["value"]!],
    rows: [
      [t.th["totalValue"]!, f.money(v.total, true)],
      [t.phrases.meanPerCustomer, f.money(v.mean)],
      [t.phrases.customersValued, f.count(v.customers)],
      [t.phrases.leftOutOfValue, f.count(v.leftOut)],
    ],
  });
  const top = htmlTable({
    columns: [
      t.th["customer"]!,
      t.th["expectedPurchases"]!,
      t.th["spendPerPurchase"]!,
      t.th["lifetimeValue"]!,
    ],
    rows: v.top.map((c) => [
      data.add(String(c.customerId)),
      f.fixed(c.expectedPurchases, 1),
      f.money(c.expectedAverageValue),
      f.money(c.lifetimeValue),
    ]),
  });
  return (
    totals +
    definition(t.define("lifetimeValueTotals", facts)) +
    top +
    definition(t.define("lifetimeValueTable", facts)) +
    fitWarnings(v.spendWarnings, t, data)
  );
}

export function satisfactionTable({ r, f, t, data }: TableContext): string {
  const s = r.satisfaction!;
  const rows = Object.entries(s.indicators).map(([name, x]) => [
    data.add(name),
    f.count(x.n),
    f.fixed(x.unweighted, 2),
    f.fixed(x.weighted, 2),
    f.fixed(x.effectiveN, 1),
  ]);
  const source = s.valueSource === "customers.value" ? "customers.value" : "net revenue";
  rows.push([t.th["valueSource"]!, t.phrases.valueSource(source), "", "", ""]);
  const th = t.th;
  return (
    htmlTable({
      columns: [th["indicator"]!, th["respondents"]!, th["plain"]!, th["weighted"]!, th["effectiveN"]!],
      rows,
    }) + definition(t.define("satisfactionTable", {}))
  );
}
