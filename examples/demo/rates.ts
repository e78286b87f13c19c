import type { SampleData } from "customer-value";

/** The demo's rates section (filled in when the rates module lands). */
export function ratesSection(_sample: SampleData): string {
  return "";
}
