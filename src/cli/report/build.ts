/**
 * The HTML of the `customer-value report` command: one self-contained page (inline CSS,
 * inline SVG charts, tables, a few lines of script that only check the page), in the
 * report's language, built from an `Analysis`. Pure: no Node built-ins.
 */
import { escapeHtml, plainTitle } from "../../charts/internal.js";
import { renderSvg } from "../../charts/renderSvg.js";
import type { VegaLiteSpec } from "../../charts/types.js";
import type { Period } from "../../internal/dates.js";
import { HORIZON_MONTHS, MONTHLY_DISCOUNT_RATE } from "../analyseModels.js";
import type { Analysis } from "../analyse.js";
import { SECTION_IDS, type SectionId } from "../sections.js";
import { Format } from "./format.js";
import { DataValues, definition } from "./html.js";
import { PAGE_SCRIPT, PAGE_STYLE } from "./page.js";
import { summarySentences } from "./summary.js";
import { prefixSvgIds } from "./svg.js";
import * as tables from "./tables.js";
import { type DefinedThing, type ReportText, reportText } from "./text.js";

/** The account of the transaction file's rows, for the header. */
export interface RowsAccount {
  readonly rowCount: number;
  readonly kept: number;
  readonly excludedBy: readonly { readonly formula: string; readonly rows: number }[];
  readonly invalid: number;
  readonly notEvaluated: number;
}

/** What the page says about its inputs. */
export interface ReportMeta {
  /** Page title (default: "Customer-value report" in the report's language). */
  readonly title?: string;
  /** Input file names, shown in the header. */
  readonly sources: readonly string[];
  /** ISO 4217 code of the amounts (default: plain numbers). */
  readonly currency?: string;
  /** The period of the activity table and cohorts (default `"month"`). */
  readonly period?: Period;
  /** How the transaction rows were read (default: not shown). */
  readonly rows?: RowsAccount;
}

/** The figures of each section, and the tables under them. */
const FIGURES: Readonly<Record<SectionId, readonly string[]>> = {
  concentration: ["pareto", "lorenz", "whale"],
  activity: ["activity"],
  cohorts: ["cohorts"],
  portfolio: ["portfolio"],
  lifecycle: ["lifecycle"],
  rfm: ["rfm"],
  bgNbd: ["bgNbd"],
  lifetimeValue: ["lifetimeValue"],
  satisfaction: ["satisfaction"],
};
const TABLES: Readonly<Record<SectionId, (context: tables.TableContext) => string>> = {
  concentration: tables.concentrationTable,
  activity: tables.activityTable,
  cohorts: tables.cohortTable,
  portfolio: tables.portfolioTable,
  lifecycle: tables.lifecycleTable,
  rfm: tables.rfmTable,
  bgNbd: tables.bgNbdTable,
  lifetimeValue: tables.lifetimeValueTables,
  satisfaction: tables.satisfactionTable,
};
/** Fields of chart data that hold input values (ids, names, keys), shown as they are. */
const DATA_FIELDS = ["id", "name", "customerId", "indicator", "cohort", "period"];

/** Notes every input value a chart shows as data. */
function collectChartData(spec: VegaLiteSpec, data: DataValues): void {
  const values = (spec["data"] as { values?: unknown } | undefined)?.values;
  if (!Array.isArray(values)) return;
  for (const row of values) {
    if (row === null || typeof row !== "object") continue;
    for (const field of DATA_FIELDS) {
      const v = (row as Record<string, unknown>)[field];
      if (typeof v === "string") data.add(v);
    }
  }
}

function figure(
  name: string,
  svg: string,
  spec: VegaLiteSpec,
  t: ReportText,
  facts: Record<string, string>,
): string {
  const caption = plainTitle(spec);
  return `<figure data-chart="${escapeHtml(name)}" aria-label="${escapeHtml(caption)}">\n${svg}\n</figure>\n${definition(t.define(name as DefinedThing, facts))}`;
}

function header(
  analysis: Analysis,
  meta: ReportMeta,
  f: Format,
  t: ReportText,
  data: DataValues,
  title: string,
): string {
  const r = analysis.results;
  const asOf = r.asOf === null ? "—" : f.date(r.asOf);
  const line = [
    `${t.asOf(asOf)}${r.asOfSource === "given" ? "" : ` ${t.asOfDefault}`}`,
    t.headline(f.count(r.input.transactions), f.count(r.input.customersWithTransactions)),
    meta.currency === undefined ? t.noCurrency : t.currency(data.add(meta.currency)),
  ].join(" · ");
  const sources = `${t.inputs}: ${meta.sources.map((s) => data.add(s)).join(", ")}`;
  const rows = meta.rows;
  const account: string[] = [];
  if (rows !== undefined) {
    account.push(t.rows.read(f.count(rows.rowCount)), t.rows.kept(f.count(rows.kept)));
    for (const e of rows.excludedBy)
      if (e.rows > 0) account.push(`${t.rows.excluded(f.count(e.rows))} ${data.add(e.formula)}`);
    if (rows.notEvaluated > 0) account.push(t.rows.notEvaluated(f.count(rows.notEvaluated)));
    if (rows.invalid > 0) account.push(t.rows.invalid(f.count(rows.invalid)));
  }
  if (r.input.transactionsAfterAsOf > 0)
    account.push(t.rows.afterAsOf(f.count(r.input.transactionsAfterAsOf)));
  if (r.input.customersWithoutPurchase > 0)
    account.push(t.rows.withoutPurchase(f.count(r.input.customersWithoutPurchase)));
  const separator = f.locale === "zh" ? "；" : "; ";
  return `<header>
<h1>${escapeHtml(data.add(title))}</h1>
<p class="meta">${escapeHtml(line)}</p>
<p class="meta">${escapeHtml(sources)}</p>
${account.length === 0 ? "" : `<p class="meta">${escapeHtml(account.join(separator))}</p>`}
</header>`;
}

/** Facts the figures' definition lines quote. */
function figureFacts(analysis: Analysis, f: Format): Record<string, string> {
  const { portfolio, lifetimeValue } = analysis.results;
  return {
    months: f.count(portfolio?.windows.months ?? 0),
    horizonMonths: f.count(lifetimeValue?.horizonMonths ?? HORIZON_MONTHS),
    rate: f.percent(lifetimeValue?.monthlyDiscountRate ?? MONTHLY_DISCOUNT_RATE),
  };
}

/**
 * Renders every chart of the analysis to SVG and writes the whole report page.
 *
 * @param analysis - the result of `analyse`
 * @param meta - title, input names, currency, period, the account of the rows
 * @returns the HTML document
 * @throws {CustomerValueError} `MISSING_DEPENDENCY` when vega / vega-lite are not installed
 */
export async function buildReport(analysis: Analysis, meta: ReportMeta): Promise<string> {
  const t = reportText(analysis.locale);
  const f = new Format(analysis.locale, meta.currency);
  const data = new DataValues();
  const period = meta.period ?? "month";
  const title = meta.title ?? t.defaultTitle;
  const r = analysis.results;
  const context: tables.TableContext = { r, f, t, data, period };
  const facts = figureFacts(analysis, f);

  const sections: string[] = [];
  for (const id of SECTION_IDS) {
    const status = analysis.sections[id];
    if (status === undefined) continue;
    let body: string;
    if (status.status === "empty") {
      const details = Object.fromEntries(
        Object.entries(status.details).map(([k, v]) => [
          k,
          typeof v === "number" ? f.count(v) : isDate(v) ? f.date(v) : data.add(v),
        ]),
      );
      body = `<p class="empty">${escapeHtml(`${t.emptyPrefix} ${t.empty(status.reason, details)}`)}</p>`;
    } else {
      const figures: string[] = [];
      for (const name of FIGURES[id]) {
        const spec = analysis.charts[name];
        if (spec === undefined) continue;
        collectChartData(spec, data);
        figures.push(figure(name, prefixSvgIds(await renderSvg(spec), `chart-${name}`), spec, t, facts));
      }
      body = `${figures.join("\n")}\n${TABLES[id](context)}`;
    }
    sections.push(`<section id="${id}">\n<h2>${escapeHtml(t.sections[id])}</h2>\n${body}\n</section>`);
  }
  const summary = summarySentences(r, f, t, period)
    .map((s) => `<li>${escapeHtml(s)}</li>`)
    .join("\n");

  return `<!doctype html>
<html lang="${t.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<script>
window.__reportErrors = [];
window.addEventListener("error", function (e) { window.__reportErrors.push(String(e.message)); });
</script>
<style>
${PAGE_STYLE}
</style>
</head>
<body>
${header(analysis, meta, f, t, data, title)}
<main>
<section id="summary">
<h2>${escapeHtml(t.summaryTitle)}</h2>
<ul class="summary">
${summary}
</ul>
</section>
${sections.join("\n")}
</main>
<footer><p>${escapeHtml(t.footer)}</p></footer>
${data.script()}
<script>
${PAGE_SCRIPT}
</script>
</body>
</html>
`;
}

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}T/.test(v);
