import type { SampleData } from "customer-value";

/** The demo's satisfaction section (filled in when the satisfaction module lands). */
export function satisfactionSection(_sample: SampleData): string {
  return "";
}
