/** The check a runnable doc block calls for each `// => value` (see docBlocks.ts). */
import { mismatch, parseValue } from "./docValue.js";

/** Throws `file:line: expected …, got …` unless `actual` matches the written value. */
export function __docCheck(actual: unknown, value: string, where: string): void {
  const parsed = parseValue(value);
  if ("incomplete" in parsed) throw new Error(`${where}: the // => value ${value} does not end`);
  const problem = mismatch(actual, parsed.matcher);
  if (problem !== undefined) throw new Error(`${where}: // => ${value}: ${problem}`);
}
