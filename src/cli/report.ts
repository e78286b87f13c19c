/**
 * The HTML of the `customer-value report` command: one self-contained page (inline CSS,
 * inline SVG charts, tables, a few lines of script that only check the page) built from
 * an {@link Analysis}. Pure: no Node built-ins.
 */
import { renderSvg } from "../charts/renderSvg.js";
import { escapeHtml } from "../charts/internal.js";
import { tableView } from "../charts/tableView.js";
import type { Analysis } from "./analyse.js";

/** What the page says about its inputs. */
export interface ReportMeta {
  /** Page title (default "Customer-value report"). */
  readonly title?: string;
  /** Input file names, shown in the header. */
  readonly sources: readonly string[];
}

/** Section titles and the chart each shows, in page order. */
const SECTIONS: readonly { id: string; title: string; charts: readonly string[] }[] = [
  { id: "concentration", title: "Which customers carry the business", charts: ["pareto", "lorenz", "whale"] },
  { id: "activity", title: "Customers won, kept and lost per period", charts: ["activity"] },
  { id: "cohorts", title: "Cohort retention", charts: ["cohorts"] },
  { id: "portfolio", title: "The customer portfolio (BCG growth-share matrix)", charts: ["portfolio"] },
  {
    id: "lifecycle",
    title: "Where each relationship stands (the seven-stage lifecycle)",
    charts: ["lifecycle"],
  },
  { id: "satisfaction", title: "Are the customers who matter satisfied", charts: ["satisfaction"] },
];

const pct = (x: unknown): string => (typeof x === "number" ? `${(x * 100).toFixed(1)}%` : "n/a");
const money = (x: unknown): string =>
  typeof x === "number"
    ? x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    : "";

/** Makes the ids of one SVG unique on the page (vega numbers gradients and clips from 0 in each SVG). */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
}

/**
 * Renders every chart of the analysis to SVG and writes the whole report page.
 *
 * @param analysis - the result of `analyse`
 * @param meta - title and input names
 * @returns the HTML document
 * @throws {CustomerValueError} `MISSING_DEPENDENCY` when vega / vega-lite are not installed
 */
export async function buildReport(analysis: Analysis, meta: ReportMeta): Promise<string> {
  const title = meta.title ?? "Customer-value report";
  const r = analysis.results as Record<string, Record<string, unknown>>;
  const svgs = new Map<string, string>();
  for (const [name, spec] of Object.entries(analysis.charts)) {
    svgs.set(name, prefixSvgIds(await renderSvg(spec), `chart-${name}`));
  }
  const figure = (name: string): string => {
    const svg = svgs.get(name);
    if (svg === undefined) return "";
    const spec = analysis.charts[name]!;
    const caption =
      typeof spec["title"] === "string"
        ? spec["title"]
        : ((spec["title"] as { text?: string })?.text ?? name);
    return `<figure data-chart="${escapeHtml(name)}" aria-label="${escapeHtml(caption)}">\n${svg}\n</figure>`;
  };

  const tables: Record<string, string> = {};
  const input = r["input"] ?? {};
  const pareto = r["pareto"] ?? {};
  const split = (pareto["split"] ?? {}) as Record<string, unknown>;
  tables["concentration"] = tableView(
    [
      { measure: "Customers with transactions", value: String(input["customersWithTransactions"]) },
      { measure: "Total net revenue", value: money(split["totalValue"]) },
      {
        measure: "Head (top 20% of customers)",
        value: `${split["headCount"]} customers hold ${pct(split["headValueShare"])} of revenue`,
      },
      {
        measure: "Gini coefficient",
        value: typeof pareto["gini"] === "number" ? pareto["gini"].toFixed(3) : "",
      },
      {
        measure: "ABC classes (80/95)",
        value: Object.entries((pareto["abcCounts"] ?? {}) as Record<string, number>)
          .map(([k, v]) => `${k}: ${v}`)
          .join(", "),
      },
      ...(r["whale"] !== undefined
        ? [
            {
              measure: "Whale curve peak",
              value: `${pct((r["whale"]["peak"] as Record<string, unknown>)["profitShare"])} of profit from ${pct(
                (r["whale"]["peak"] as Record<string, unknown>)["customerShare"],
              )} of customers`,
            },
          ]
        : []),
    ],
    { title: "Concentration" },
  ).html;

  const activity = (r["activity"] ?? []) as unknown as Record<string, unknown>[];
  tables["activity"] = tableView(
    activity.slice(-12).map((a) => ({
      period: a["period"],
      active: a["active"],
      new: a["new"],
      retained: a["retained"],
      reactivated: a["reactivated"],
      churned: a["churned"],
      retention: pct(a["retentionRate"]),
      churn: pct(a["churnRate"]),
      revenue: money(a["revenue"]),
    })),
    { title: activity.length > 12 ? "The last 12 periods" : "Every period" },
  ).html;

  const cohorts = (r["cohorts"] ?? []) as unknown as Record<string, unknown>[];
  tables["cohorts"] = tableView(
    cohorts.map((c) => {
      const retention = c["retention"] as number[];
      return {
        cohort: c["cohort"],
        size: c["size"],
        "after 1 period": pct(retention[1]),
        "after 3 periods": pct(retention[3]),
        "after 6 periods": pct(retention[6]),
        "after 12 periods": pct(retention[12]),
      };
    }),
    { title: "Cohorts", maxRows: 60 },
  ).html;

  const portfolio = r["portfolio"]?.["summary"] as
    | { quadrants?: Record<string, Record<string, unknown>> }
    | undefined;
  tables["portfolio"] = tableView(
    Object.entries(portfolio?.quadrants ?? {}).map(([quadrant, q]) => ({
      quadrant,
      customers: q["count"],
      "share of customers": pct(q["countShare"]),
      "last-window revenue": money(q["totalSize"]),
      "share of revenue": pct(q["sizeShare"]),
    })),
    { title: "Customers per quadrant" },
  ).html;

  const lifecycle = r["lifecycle"]?.["summary"] as { stages?: Record<string, unknown>[] } | undefined;
  tables["lifecycle"] = tableView(
    (lifecycle?.stages ?? []).map((s) => ({
      stage: s["label"],
      阶段: s["labelZh"],
      customers: s["count"],
      share: pct(s["share"]),
      value: money(s["value"]),
      "value share": pct(s["valueShare"]),
    })),
    { title: "Customers per stage" },
  ).html;

  const satisfaction = r["satisfaction"];
  if (satisfaction !== undefined) {
    const indicators = satisfaction["indicators"] as Record<string, Record<string, unknown>>;
    const num = (x: unknown) => (typeof x === "number" ? x.toFixed(3) : "n/a");
    tables["satisfaction"] = tableView(
      Object.entries(indicators).map(([name, s]) => ({
        indicator: name,
        respondents: s["n"],
        plain: num(s["unweighted"]),
        "value-weighted": num(s["weighted"]),
        "effective n": num(s["effectiveN"]),
      })),
      { title: `Customer values: ${String(satisfaction["valueSource"])}` },
    ).html;
  }

  const sections = SECTIONS.filter((s) => s.charts.some((c) => svgs.has(c)))
    .map(
      (s) =>
        `<section id="${s.id}">\n<h2>${escapeHtml(s.title)}</h2>\n${s.charts.map(figure).join("\n")}\n${tables[s.id] ?? ""}\n</section>`,
    )
    .join("\n");

  const asOf = String(r["asOf"] ?? "");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<script>
window.__reportErrors = [];
window.addEventListener("error", function (e) { window.__reportErrors.push(String(e.message)); });
</script>
<style>
body { font: 14px/1.5 Helvetica, Arial, "Noto Sans CJK SC", sans-serif; color: #222; margin: 0 auto; max-width: 1100px; padding: 24px; }
header p { color: #555; margin: 2px 0; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 40px; }
figure { margin: 16px 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
table.cv-table { border-collapse: collapse; margin: 12px 0; font-size: 13px; }
table.cv-table caption { text-align: left; font-weight: bold; padding: 4px 0; }
table.cv-table th, table.cv-table td { border-bottom: 1px solid #e5e5e5; padding: 3px 10px; text-align: left; }
table.cv-table th { background: #f6f6f6; }
</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p>As of ${escapeHtml(asOf)} · ${escapeHtml(String(input["transactions"] ?? ""))} transactions · ${escapeHtml(
    String(input["customersWithTransactions"] ?? ""),
  )} customers with transactions</p>
<p>Inputs: ${meta.sources.map(escapeHtml).join(", ")}</p>
</header>
<main>
${sections}
</main>
<footer><p>Made with customer-value. The machine-readable results: <code>customer-value report --json</code>.</p></footer>
<script>
(function () {
  var figures = document.querySelectorAll("figure[data-chart]");
  var drawn = 0;
  for (var i = 0; i < figures.length; i++) if (figures[i].querySelector("svg")) drawn++;
  var root = document.documentElement;
  root.setAttribute("data-charts", String(drawn));
  root.setAttribute("data-errors", String(window.__reportErrors.length));
  root.setAttribute("data-status", window.__reportErrors.length === 0 && drawn === figures.length ? "ok" : "error");
})();
</script>
</body>
</html>
`;
}
