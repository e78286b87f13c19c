import type { SampleData } from "customer-value";

/** The demo's bcg section (filled in when the bcg module lands). */
export function bcgSection(_sample: SampleData): string {
  return "";
}
