import type { SampleData } from "customer-value";

/** The demo's value section (filled in when the value module lands). */
export function valueSection(_sample: SampleData): string {
  return "";
}
