import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInRange, assertOptions } from "../internal/assert.js";
import type { SurveyResponse } from "../records/SurveyResponse.js";
import { emptyRecord } from "./emptyRecord.js";
import { valueLookup } from "./lookups.js";
import { type CustomerValues, readSurvey, type SkippedRespondent, type SurveyColumns } from "./readSurvey.js";
import {
  analyseSurvey,
  resolveSatisfactionOptions,
  type SatisfactionSummary,
  type ValueWeightedSatisfactionOptions,
} from "./valueWeightedSatisfaction.js";

/**
 * How the plain and the value-weighted change of the index relate:
 * `"consistent"` (same direction, or only one of them moves), `"false-alarm"` (plain down,
 * weighted up), `"false-comfort"` (plain up, weighted down), `"no-change"` (neither moves).
 */
export type SatisfactionTrapKind = "consistent" | "false-alarm" | "false-comfort" | "no-change";

/** Options of {@link satisfactionTrap}: those of `valueWeightedSatisfaction`, plus `tolerance`. */
export interface SatisfactionTrapOptions extends Omit<ValueWeightedSatisfactionOptions, "adjustedAs"> {
  /**
   * A change whose absolute size is at most `tolerance` counts as no change (>= 0, on the
   * survey's scale). Default 0: any difference counts.
   */
  readonly tolerance?: number | undefined;
}

/** One comparison of the two waves (the index, one indicator or one group). */
export interface SatisfactionChange {
  /** Plain index (or mean) after − before; `null` when undefined in a wave. */
  readonly unweightedChange: number | null;
  /** Value-weighted index (or mean) after − before; `null` when undefined in a wave. */
  readonly weightedChange: number | null;
  /** `kind` is `"false-alarm"` or `"false-comfort"`. */
  readonly isTrap: boolean;
  /** See {@link SatisfactionTrapKind}; `null` when a change is undefined. */
  readonly kind: SatisfactionTrapKind | null;
}

/** Index levels of one wave. */
export interface SatisfactionWave {
  readonly respondents: number;
  readonly unweighted: number;
  readonly weighted: number;
}

/** The result of {@link satisfactionTrap}. */
export interface SatisfactionTrapResult {
  /** Plain index after − before. */
  readonly unweightedChange: number;
  /** Value-weighted index after − before. */
  readonly weightedChange: number;
  readonly isTrap: boolean;
  readonly kind: SatisfactionTrapKind;
  readonly before: SatisfactionWave;
  readonly after: SatisfactionWave;
  /** The same comparison per indicator (keyed by indicator; inherits no properties). */
  readonly indicators: Readonly<Record<string, SatisfactionChange>>;
  /** Per group present in both waves, sorted by name; `null` without `groupBy`. */
  readonly groups: (SatisfactionChange & { readonly group: string })[] | null;
  /** Respondents skipped under `missingValue: "skip"`, per wave. */
  readonly skipped: { readonly before: SkippedRespondent[]; readonly after: SkippedRespondent[] };
}

const FN = "satisfactionTrap";

function sign(x: number, tolerance: number): -1 | 0 | 1 {
  return Math.abs(x) <= tolerance ? 0 : x > 0 ? 1 : -1;
}

/** Classifies a pair of changes; `null` changes give a `null` kind. */
function compare(
  before: { unweighted: number | null; weighted: number | null },
  after: { unweighted: number | null; weighted: number | null },
  tolerance: number,
): SatisfactionChange {
  const unweightedChange =
    before.unweighted === null || after.unweighted === null ? null : after.unweighted - before.unweighted + 0;
  const weightedChange =
    before.weighted === null || after.weighted === null ? null : after.weighted - before.weighted + 0;
  if (unweightedChange === null || weightedChange === null) {
    return { unweightedChange, weightedChange, isTrap: false, kind: null };
  }
  const plain = sign(unweightedChange, tolerance);
  const weighted = sign(weightedChange, tolerance);
  const kind: SatisfactionTrapKind =
    plain === 0 && weighted === 0
      ? "no-change"
      : plain > 0 && weighted < 0
        ? "false-comfort"
        : plain < 0 && weighted > 0
          ? "false-alarm"
          : "consistent";
  return {
    unweightedChange,
    weightedChange,
    isTrap: kind === "false-alarm" || kind === "false-comfort",
    kind,
  };
}

/** Keeps only `indicators` (by name) of a wave's columns. */
function selectIndicators(columns: SurveyColumns, indicators: readonly string[]): SurveyColumns {
  const position = new Map(columns.indicators.map((name, j) => [name, j]));
  return {
    ...columns,
    indicators: [...indicators],
    scores: indicators.map((name) => columns.scores[position.get(name)!]!),
  };
}

/**
 * Detects the satisfaction trap between two survey waves: the plain (unweighted) index
 * and the value-weighted index move in opposite directions (the source's six cases,
 * generalised to any number of customers; docs/satisfaction.md). Plain up and weighted down is
 * `"false-comfort"` (the customers who matter grow less satisfied while the average
 * rises); plain down and weighted up is `"false-alarm"`.
 *
 * Both waves are measured with {@link valueWeightedSatisfaction} with the same `values`
 * and options; the changes are `after − before` of the index (`sum_j w_j S_j / sum_j w_j`).
 * By default the indicators compared are those answered in both waves (in the order of
 * `before`); pass `indicators` to choose. A change of at most `tolerance` in absolute size
 * is no change; a zero change on one side and a change on the other is `"consistent"`
 * (not a trap: the two signals do not contradict each other). The same comparison is
 * reported per indicator and, with `groupBy`, per group present in both waves — "in
 * which segment is the trap". The bootstrap option is ignored (only the levels are compared).
 *
 * @param before - the first wave's responses
 * @param after - the second wave's responses
 * @param values - customer value `K_i >= 0` by customer id (object, `Map` or function)
 * @param options - see {@link SatisfactionTrapOptions}
 * @returns `{ unweightedChange, weightedChange, isTrap, kind, before, after, indicators, groups, skipped }`
 * @throws {CustomerValueError} every error of `valueWeightedSatisfaction`, for either wave
 *   (messages say `before[3]` or `after[3]`); `EMPTY_INPUT` when no indicator is answered in
 *   both waves or a wave's index is undefined; `INVALID_OPTION` for a bad `tolerance`
 * @example
 * // Customer A (value 9) falls from 8 to 6, customer B (value 1) rises from 5 to 9:
 * satisfactionTrap(
 *   [{ customerId: "A", scores: { overall: 8 } }, { customerId: "B", scores: { overall: 5 } }],
 *   [{ customerId: "A", scores: { overall: 6 } }, { customerId: "B", scores: { overall: 9 } }],
 *   { A: 9, B: 1 },
 * ).kind; // => "false-comfort"  (plain 6.5 → 7.5, weighted 7.7 → 6.3)
 */
export function satisfactionTrap(
  before: readonly SurveyResponse[],
  after: readonly SurveyResponse[],
  values: CustomerValues,
  options: SatisfactionTrapOptions = {},
): SatisfactionTrapResult {
  assertOptions(options, FN);
  const { tolerance = 0, ...rest } = options;
  assertInRange(tolerance, `${FN}: tolerance`, 0, Number.POSITIVE_INFINITY, { maxOpen: true });
  const resolved0 = resolveSatisfactionOptions(rest, FN);
  const resolved = { ...resolved0, settings: { ...resolved0.settings, method: "normal" as const } };
  valueLookup(values, FN); // a bad `values` is reported before the responses' problems
  // A lookup per wave: each reads a Map in step with its own respondents.
  const read = (responses: unknown, label: string) =>
    readSurvey(responses, valueLookup(values, FN), {
      fnName: FN,
      label,
      indicators: resolved.indicators,
      scale: resolved.scale,
      missingValue: resolved.missingValue,
      groupOf: resolved.groupOf,
    });
  let first = read(before, "before");
  let second = read(after, "after");
  if (resolved.indicators === undefined) {
    const inAfter = new Set(second.indicators);
    const common = first.indicators.filter((name) => inAfter.has(name));
    if (common.length === 0) {
      throw new CustomerValueError(
        "EMPTY_INPUT",
        `${FN}: the two waves must share at least one answered indicator, got [${first.indicators.join(", ")}] and [${second.indicators.join(", ")}]`,
      );
    }
    first = selectIndicators(first, common);
    second = selectIndicators(second, common);
  }
  // The adjusted scores are not reported: as columns, their rows are never made.
  const a = analyseSurvey(first, resolved, FN, "columns");
  const b = analyseSurvey(second, resolved, FN, "columns");
  const level = (wave: SatisfactionSummary, label: string): SatisfactionWave => {
    const { unweighted, weighted } = wave.index;
    if (unweighted === null || weighted === null) {
      throw new CustomerValueError(
        "EMPTY_INPUT",
        `${FN}: the ${label} wave's index is undefined (no answers${unweighted === null ? "" : " from respondents with a value > 0"})`,
      );
    }
    return { respondents: wave.respondents, unweighted, weighted };
  };
  const levelBefore = level(a, "before");
  const levelAfter = level(b, "after");
  const overall = compare(levelBefore, levelAfter, tolerance);

  const indicators: Record<string, SatisfactionChange> = emptyRecord();
  for (const name of first.indicators) {
    indicators[name] = compare(a.indicators[name]!, b.indicators[name]!, tolerance);
  }
  let groups: SatisfactionTrapResult["groups"] = null;
  if (a.groups !== null && b.groups !== null) {
    const later = new Map(b.groups.map((g) => [g.group, g]));
    groups = a.groups
      .filter((g) => later.has(g.group))
      .map((g) => ({ group: g.group, ...compare(g.index, later.get(g.group)!.index, tolerance) }));
  }
  return {
    unweightedChange: overall.unweightedChange!,
    weightedChange: overall.weightedChange!,
    isTrap: overall.isTrap,
    kind: overall.kind!,
    before: levelBefore,
    after: levelAfter,
    indicators,
    groups,
    skipped: { before: a.skipped, after: b.skipped },
  };
}
