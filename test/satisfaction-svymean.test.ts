/**
 * Value-weighted means and their standard errors agree with R's
 * `survey::svymean` (weights = customer values) to 1e-9 on 1,200 respondents.
 * The data and the expected values come from test/reference/satisfaction/svymean.R
 * (committed with its outputs; rerun with `Rscript test/reference/satisfaction/svymean.R`).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { valueWeightedSatisfaction } from "../src/satisfaction/valueWeightedSatisfaction.js";
import { expectClose } from "./satisfactionHelpers.js";

const dir = fileURLToPath(new URL("./reference/satisfaction/", import.meta.url));
const INDICATORS = ["quality", "delivery", "service", "price"];

function readCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(`${dir}${name}`, "utf8").trim().split(/\r?\n/);
  const columns = header!.split(",").map((c) => c.replace(/^"|"$/g, ""));
  return lines.map((line) => {
    const cells = line.split(",").map((c) => c.replace(/^"|"$/g, ""));
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
  });
}

function readSurvey(name: string) {
  const rows = readCsv(name);
  return {
    responses: rows.map((row) => ({
      customerId: row.customerId!,
      scores: Object.fromEntries(INDICATORS.map((j) => [j, row[j] === "" ? null : Number(row[j])])),
    })),
    values: new Map(rows.map((row) => [row.customerId!, Number(row.value)])),
  };
}

const expected = readCsv("svymean_expected.csv");

describe.each(["survey", "survey_complete"])("agreement with R survey::svymean on %s.csv", (dataset) => {
  const { responses, values } = readSurvey(`${dataset}.csv`);
  const rows = expected.filter((row) => row.dataset === dataset);
  const equal = valueWeightedSatisfaction(responses, values);
  const weighted3111 = valueWeightedSatisfaction(responses, values, {
    indicatorWeights: { quality: 3, delivery: 1, service: 1, price: 1 },
  });

  it("has at least 1,000 respondents and a full set of reference rows", () => {
    expect(responses.length).toBeGreaterThanOrEqual(1000);
    expect(equal.respondents).toBe(responses.length);
    expect(rows.length).toBeGreaterThanOrEqual(12);
  });

  it.each(rows.map((row) => [row.statistic!, row.weighting!, row] as const))(
    "%s, %s",
    (statistic, weighting, row) => {
      const mean = Number(row.estimate);
      const se = Number(row.se);
      const w = weighting === "weighted";
      if (INDICATORS.includes(statistic)) {
        const indicator = equal.indicators[statistic]!;
        expectClose(w ? indicator.weighted : indicator.unweighted, mean, 1e-9);
        expectClose(w ? indicator.weightedStandardError : indicator.unweightedStandardError, se, 1e-9);
      } else {
        const index = statistic === "index_3111" ? weighted3111.index : equal.index;
        expectClose(w ? index.weighted : index.unweighted, mean, 1e-9);
        expectClose(w ? index.weightedStandardError : index.unweightedStandardError, se, 1e-9);
      }
    },
  );
});

describe('reference "min" against R: the plain mean of value / min(value) x score', () => {
  // The respondents of survey.csv with a value > 0 (min 0 would be ZERO_REFERENCE).
  const { responses, values } = readSurvey("survey.csv");
  const positive = responses.filter((r) => values.get(r.customerId)! > 0);
  const rows = expected.filter((row) => row.dataset === "survey_positive");
  const r = valueWeightedSatisfaction(positive, values, { reference: "min" });

  it("has K_o = the smallest value, and an adjusted mean per indicator as R computes it", () => {
    expect(rows.length).toBe(1 + INDICATORS.length);
    expect(r.reference).toBe(Number(rows.find((row) => row.statistic === "reference_min")!.estimate));
    for (const x of INDICATORS) {
      const row = rows.find((candidate) => candidate.statistic === `adjusted_min_${x}`)!;
      expectClose(r.indicators[x]!.adjustedMean, Number(row.estimate), 1e-9);
    }
  });
});
