/** Small text-formatting helpers shared by the demo's sections. */

/** A fraction as a percentage: 0.6812 -> "68.1%". */
export function formatPercent(x: number | null, digits = 1): string {
  return x === null ? "n/a" : `${(x * 100).toFixed(digits)}%`;
}

/** Money with thousands separators and two decimals: 1234.5 -> "1,234.50". */
export function formatMoney(x: number): string {
  return x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A plain-text table with aligned columns; numbers are right-aligned. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  { header = true }: { header?: boolean } = {},
): string {
  const text = rows.map((r) => r.map((c) => String(c)));
  const all = header ? [headers.map(String), ...text] : text;
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[], raw: readonly (string | number)[]) =>
    r
      .map((c, i) => (typeof raw[i] === "number" ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const out = all.map((r, k) => line(r, header && k === 0 ? r : (rows[header ? k - 1 : k] ?? r)));
  if (header) out.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  return out.map((l) => `  ${l}`).join("\n");
}

/** A section heading. */
export function heading(title: string): string {
  return `\n${title}\n${"=".repeat(title.length)}\n`;
}
