/**
 * The sections of the report and why one may be empty. A section that cannot be computed
 * on the data (nobody bought in the portfolio's windows, nobody bought twice for the
 * models) is kept in the report as an empty section with its reason, never a crash.
 */
import { CustomerValueError } from "../errors/CustomerValueError.js";

/** The report's sections, in page order. */
export const SECTION_IDS = [
  "concentration",
  "activity",
  "cohorts",
  "portfolio",
  "lifecycle",
  "rfm",
  "bgNbd",
  "lifetimeValue",
  "satisfaction",
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/** Why a section is empty; each has a sentence in every locale of the report. */
export type EmptyReason =
  | "noPurchases"
  | "noRevenue"
  | "noPurchasesInWindows"
  | "noRepeatPurchases"
  | "noPurchaseModel"
  | "noSurvey"
  | "failed";

/** A section's state in the results: computed, or empty with the reason and its details. */
export type SectionStatus =
  | { readonly status: "ok" }
  | {
      readonly status: "empty";
      readonly reason: EmptyReason;
      /** Values the reason's sentence names (dates, a window, an error message). */
      readonly details: Readonly<Record<string, string | number>>;
    };

/** Thrown inside a section to leave it empty with a reason. */
export class EmptySection extends Error {
  constructor(
    readonly reason: EmptyReason,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(`empty section: ${reason}`);
    this.name = "EmptySection";
  }
}

/**
 * Runs one section: its result, or `undefined` with the section marked empty. A
 * `CustomerValueError` from an analysis (data the analysis cannot use) also empties the
 * section, with the error's message as the reason's detail; anything else is a bug and
 * is thrown.
 */
export function runSection<T>(
  id: SectionId,
  statuses: Partial<Record<SectionId, SectionStatus>>,
  compute: () => T,
): T | undefined {
  try {
    const result = compute();
    statuses[id] = { status: "ok" };
    return result;
  } catch (error) {
    if (error instanceof EmptySection) {
      statuses[id] = { status: "empty", reason: error.reason, details: error.details };
      return undefined;
    }
    if (error instanceof CustomerValueError) {
      statuses[id] = {
        status: "empty",
        reason: "failed",
        details: { code: error.code, message: error.message.split("\n")[0] ?? "" },
      };
      return undefined;
    }
    throw error;
  }
}
