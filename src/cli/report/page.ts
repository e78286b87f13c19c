/**
 * The report page's style and its one script. The script changes nothing on the page: it
 * counts the figures that hold a chart and the summary's sentences, and records script
 * errors, as attributes of <html> that a headless browser check reads.
 */

export const PAGE_STYLE = `body { font: 14px/1.55 Helvetica, Arial, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; margin: 0 auto; max-width: 1100px; padding: 24px; }
header p.meta { color: #555; margin: 2px 0; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 40px; }
ul.summary { font-size: 15px; padding-left: 20px; }
ul.summary li { margin: 6px 0; }
figure { margin: 16px 0 4px; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
p.definition { color: #666; font-size: 12.5px; margin: 2px 0 18px; max-width: 900px; }
p.empty, p.warning { color: #8a5300; background: #fff6e5; border-left: 3px solid #e0a030; padding: 8px 12px; }
table.cv-table { border-collapse: collapse; margin: 12px 0 4px; font-size: 13px; }
table.cv-table th, table.cv-table td { border-bottom: 1px solid #e5e5e5; padding: 3px 10px; text-align: left; }
table.cv-table th { background: #f6f6f6; }
table.cv-table .num { text-align: right; font-variant-numeric: tabular-nums; }
table.cv-table tfoot td { color: #777; }`;

export const PAGE_SCRIPT = `(function () {
  var figures = document.querySelectorAll("figure[data-chart]");
  var drawn = 0;
  for (var i = 0; i < figures.length; i++) if (figures[i].querySelector("svg")) drawn++;
  var root = document.documentElement;
  root.setAttribute("data-charts", String(drawn));
  root.setAttribute("data-summary", String(document.querySelectorAll("#summary li").length));
  root.setAttribute("data-errors", String(window.__reportErrors.length));
  root.setAttribute("data-status", window.__reportErrors.length === 0 && drawn === figures.length ? "ok" : "error");
})();`;
