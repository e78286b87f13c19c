import type { SampleData } from "customer-value";

/** The demo's lifecycle section (filled in when the lifecycle module lands). */
export function lifecycleSection(_sample: SampleData): string {
  return "";
}
