import type { SampleData } from "customer-value";

/** The demo's pareto section (filled in when the pareto module lands). */
export function paretoSection(_sample: SampleData): string {
  return "";
}
