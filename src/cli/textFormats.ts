/**
 * Exports that are not comma-separated ISO-8601: fields separated by runs of spaces or
 * tabs (`--delimiter whitespace`, as CDNOW ships), and dates in another fixed pattern
 * (`--date-format yyyyMMdd`, `--date-format "d/M/yyyy H:mm"`), read as UTC.
 */
import { CliError } from "./errors.js";

/** The `--delimiter` value that splits fields at runs of spaces and tabs. */
export const WHITESPACE = "whitespace";

/**
 * Whitespace-separated text as tab-separated text: each line trimmed, each run of spaces
 * and tabs one separator. Quotes are not special, so a field cannot hold a space.
 *
 * @example
 * tabsForWhitespace(" customer_id  date\r\n 00001 19970101\r\n"); // => "customer_id\tdate\n00001\t19970101\n"
 */
export function tabsForWhitespace(text: string): string {
  return text
    .split("\n")
    .map((line) =>
      line
        .trim()
        .split(/[ \t]+/)
        .join("\t"),
    )
    .join("\n");
}

/** The text and delimiter to parse: whitespace-separated text becomes tab-separated. */
export function fieldsOf(text: string, delimiter: string): { text: string; delimiter: string } {
  return delimiter === WHITESPACE ? { text: tabsForWhitespace(text), delimiter: "\t" } : { text, delimiter };
}

/** The pattern letters `--date-format` reads, longest first, with the digits each takes. */
const TOKENS = [
  ["yyyy", "(\\d{4})", "year"],
  ["MM", "(\\d{2})", "month"],
  ["M", "(\\d{1,2})", "month"],
  ["dd", "(\\d{2})", "day"],
  ["d", "(\\d{1,2})", "day"],
  ["HH", "(\\d{2})", "hour"],
  ["H", "(\\d{1,2})", "hour"],
  ["mm", "(\\d{2})", "minute"],
  ["ss", "(\\d{2})", "second"],
] as const;

type Part = (typeof TOKENS)[number][2];

/**
 * A reader of dates written as `pattern` (date-fns letters `yyyy MM M dd d HH H mm ss`,
 * anything else but a letter taken literally): it turns a matching cell into its ISO-8601
 * spelling in UTC and leaves any other cell as it is, for the log's own check to reject
 * with its row number.
 *
 * @throws {CliError} for a pattern without year, month and day, with a part twice, or
 *   with a letter that is not one of the above
 * @example
 * dateFormat("yyyyMMdd")("19970101"); // => "1997-01-01T00:00:00"
 * dateFormat("d/M/yyyy H:mm")("9/12/2011 8:05"); // => "2011-12-09T08:05:00"
 */
export function dateFormat(pattern: string): (cell: string) => string {
  const parts: Part[] = [];
  let source = "";
  for (let at = 0; at < pattern.length; ) {
    const token = TOKENS.find(([letters]) => pattern.startsWith(letters, at));
    if (token !== undefined) {
      if (parts.includes(token[2])) fail(pattern, `it gives the ${token[2]} twice`);
      parts.push(token[2]);
      source += token[1];
      at += token[0].length;
    } else if (/[A-Za-z]/.test(pattern[at]!)) {
      fail(pattern, `"${pattern[at]}" is not one of its letters`);
    } else {
      source += pattern[at]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      at++;
    }
  }
  for (const needed of ["year", "month", "day"] as const)
    if (!parts.includes(needed)) fail(pattern, `it has no ${needed}`);
  const regex = new RegExp(`^${source}$`);
  return (cell) => {
    const match = regex.exec(cell.trim());
    if (match === null) return cell;
    const value = (part: Part) => {
      const k = parts.indexOf(part);
      return (k < 0 ? "0" : match[k + 1]!).padStart(part === "year" ? 4 : 2, "0");
    };
    return `${value("year")}-${value("month")}-${value("day")}T${value("hour")}:${value("minute")}:${value("second")}`;
  };
}

function fail(pattern: string, why: string): never {
  throw new CliError(
    `--date-format ${JSON.stringify(pattern)}: ${why}; write the date with yyyy, MM or M, dd or d (and HH or H, mm, ss for a time), e.g. yyyyMMdd or "d/M/yyyy H:mm"`,
  );
}
