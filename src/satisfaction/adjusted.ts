/**
 * The respondents' value-adjusted scores `D'_ij = (K_i / K_o) D_ij`, as columns
 * (`adjustedAs: "columns"`) or one row per respondent, and the accessor that makes the
 * rows from the columns only when `adjusted` is first read.
 */
import { emptyRecord } from "./emptyRecord.js";
import type { SurveyColumns } from "./readSurvey.js";
import type { AdjustedColumns, AdjustedResponse, SatisfactionSummary } from "./types.js";

/** Each respondent of `rows`: the factor `K / reference` and, per indicator, factor times score (`NaN` where skipped). */
export function adjustedColumns(
  columns: SurveyColumns,
  rows: Int32Array,
  reference: number,
): AdjustedColumns {
  const { indicators, values: K, scores: D, ids } = columns;
  const N = rows.length;
  const customerIds = new Array<string>(N);
  const factor = new Float64Array(N);
  for (let p = 0; p < N; p++) {
    customerIds[p] = ids[rows[p]!]!;
    factor[p] = K[rows[p]!]! / reference + 0;
  }
  const scores: Record<string, Float64Array> = emptyRecord();
  for (let j = 0; j < indicators.length; j++) {
    const d = D[j]!;
    const adjusted = new Float64Array(N);
    for (let p = 0; p < N; p++) adjusted[p] = factor[p]! * d[rows[p]!]! + 0; // NaN stays NaN, -0 becomes 0
    scores[indicators[j]!] = adjusted;
  }
  return { customerIds, factor, scores };
}

/** The adjusted scores of the respondents `rows`, one row `{ customerId, factor, scores }` each, `null` for a skipped indicator. */
export function adjustedRowsOf(
  columns: SurveyColumns,
  rows: Int32Array,
  reference: number,
): AdjustedResponse[] {
  const { indicators, values: K, scores: D, ids } = columns;
  const out = new Array<AdjustedResponse>(rows.length);
  for (let p = 0; p < rows.length; p++) {
    const r = rows[p]!;
    const factor = K[r]! / reference + 0;
    const scores: Record<string, number | null> = emptyRecord();
    for (let j = 0; j < indicators.length; j++) {
      const d = D[j]![r]!;
      scores[indicators[j]!] = Number.isNaN(d) ? null : factor * d + 0;
    }
    out[p] = { customerId: ids[r]!, factor, scores };
  }
  return out;
}

/** The same rows, read from {@link adjustedColumns}' columns. */
export function adjustedRows(adjusted: AdjustedColumns, indicators: readonly string[]): AdjustedResponse[] {
  const { customerIds, factor } = adjusted;
  const columns = indicators.map((name) => adjusted.scores[name]!);
  const out = new Array<AdjustedResponse>(factor.length);
  for (let p = 0; p < factor.length; p++) {
    const scores: Record<string, number | null> = emptyRecord();
    for (let j = 0; j < indicators.length; j++) {
      const d = columns[j]![p]!;
      scores[indicators[j]!] = Number.isNaN(d) ? null : d;
    }
    out[p] = { customerId: customerIds[p]!, factor: factor[p]!, scores };
  }
  return out;
}

/**
 * Makes `summary.adjusted` an accessor that builds the rows from `summary.adjustedColumns`
 * when first read, in its place among the keys. Enumerable, so `JSON.stringify`,
 * `Object.keys`, spread and deep equality see the rows. The first read turns it into the
 * plain data property it stands for (holding the rows; if the result was frozen or sealed
 * meanwhile, the accessor keeps them instead); an assignment does the same with the value
 * assigned, and throws on a frozen or sealed result as assigning a read-only property does.
 */
export function rowsOnDemand(summary: SatisfactionSummary, indicators: readonly string[]): void {
  const source = summary.adjustedColumns!;
  let rows: AdjustedResponse[] | undefined;
  const settle = (target: object, value: unknown) =>
    Object.defineProperty(target, "adjusted", {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  Object.defineProperty(summary, "adjusted", {
    get() {
      rows ??= adjustedRows(source, indicators);
      if (Object.getOwnPropertyDescriptor(summary, "adjusted")?.configurable) settle(summary, rows);
      return rows;
    },
    set(this: object, value: unknown) {
      settle(this, value);
    },
    enumerable: true,
    configurable: true,
  });
}
