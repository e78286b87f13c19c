/**
 * Can the fit be trusted, and which model to use: the CDNOW walk-through of
 * docs/models.md. Needs ../shared/data/cdnow_lifetimes (CDNOW_sample.txt).
 *
 * Run: npx tsx examples/model-diagnostics.ts [--out docs/img]
 *
 * Calibration: purchases to 1997-09-30 (week 39); holdout: to 1998-06-30 (week 78).
 * Fits BG/NBD, Pareto/NBD and MBG/NBD on the calibration summary (in weeks), prints
 * the warnings, the comparison table and the diagnostics, and with --out writes the
 * four diagnostic charts as SVG.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { calibrationAndHoldout } from "customer-value";
import {
  calibrationHoldoutChart,
  frequencyRecencyChart,
  periodTransactionsChart,
  renderSvg,
  trackingChart,
} from "customer-value/charts";
import {
  calibrationVsHoldout,
  compareModels,
  fitBgNbd,
  fitMbgNbd,
  fitParetoNbd,
  periodTransactions,
  probabilityAliveMatrix,
  purchaseTracking,
} from "customer-value/models";

const file = fileURLToPath(new URL("../../shared/data/cdnow_lifetimes/CDNOW_sample.txt", import.meta.url));
if (!existsSync(file)) {
  console.log(`${file} is missing: this example needs the CDNOW sample.`);
  process.exit(0);
}
const outIndex = process.argv.indexOf("--out");
const out = outIndex > 0 ? process.argv[outIndex + 1] : undefined;

// CDNOW_sample.txt: master id, sample id, YYYYMMDD, CDs, dollars (whitespace-separated).
const transactions = readFileSync(file, "utf8")
  .trim()
  .split(/\r?\n/)
  .map((line) => {
    const [, id, d, , dollars] = line.trim().split(/\s+/);
    return {
      customerId: id!,
      date: `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)}`,
      amount: Number(dollars),
    };
  });
const window = { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" };
const rows = calibrationAndHoldout(transactions, { ...window, unit: "week" });

const bg = fitBgNbd(rows);
const pn = fitParetoNbd(rows);
const mbg = fitMbgNbd(rows);
const f = (x: number, d = 3) => x.toFixed(d);
console.log(
  `BG/NBD r ${f(bg.r)} alpha ${f(bg.alpha)} a ${f(bg.a)} b ${f(bg.b)}; warnings: ${bg.warnings.length}`,
);

console.log("\nModel comparison (calibration fit, holdout error):");
for (const row of compareModels({ "BG/NBD": bg, "Pareto/NBD": pn, "MBG/NBD": mbg }, { holdout: rows })) {
  const h = row.holdout!;
  console.log(
    `  ${row.name.padEnd(11)} LL ${f(row.logLikelihood, 1)}  AIC ${f(row.aic, 1)}  dAIC ${f(row.deltaAic, 1)}  MAE ${f(h.mae)}  RMSE ${f(h.rmse)}  r ${f(h.correlation!)}  total ${f(h.predictedTotal, 0)} vs ${h.actualTotal} (${f(100 * h.aggregateError!, 1)}%)`,
  );
}

const tracking = purchaseTracking(bg, transactions, { unit: "week", ...window });
const at = (k: number) => tracking.rows[k - 1]!;
console.log(
  `\nTracking: week 39 ${at(39).actualCumulative} actual vs ${f(at(39).expectedCumulative, 0)} expected; week 78 ${at(78).actualCumulative} vs ${f(at(78).expectedCumulative, 0)}`,
);
const histogram = periodTransactions(bg, rows);
console.log(
  "Period transactions:",
  histogram.map((r) => `${r.label}: ${r.actual}/${f(r.expected, 0)}`).join("  "),
);
const means = calibrationVsHoldout(bg, rows);
console.log(
  "Calibration vs holdout:",
  means.map((r) => `${r.label}: ${f(r.actualMean, 2)}/${f(r.predictedMean, 2)}`).join("  "),
);
const alive = probabilityAliveMatrix(bg, { T: 39, maxFrequency: 20, steps: 20 });

if (out !== undefined) {
  const charts = {
    "model-tracking": trackingChart(tracking),
    "model-period-transactions": periodTransactionsChart(histogram),
    "model-calibration-holdout": calibrationHoldoutChart(means),
    "model-p-alive": frequencyRecencyChart(alive),
  };
  for (const [name, spec] of Object.entries(charts)) {
    writeFileSync(join(out, `${name}.svg`), await renderSvg(spec));
    console.log(`wrote ${join(out, `${name}.svg`)}`);
  }
}
