/**
 * The transaction log of `customer-value report`, read as the flags say: columns mapped
 * with `--map`, the amount computed with `--amount FORMULA`, rows left out with
 * `--exclude FORMULA` (each counted under its formula). Formulas are the library's safe
 * formulas over the row's cells (`kind: "rows"`); every problem names the flag.
 */
import Papa from "papaparse";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import {
  type CsvColumns,
  type ParseTransactionsCsvResult,
  parseTransactionsCsv,
} from "../io/parseTransactionsCsv.js";
import { compileSafeFormula, DEFAULT_MAX_OPERATIONS, type SafeFormula } from "../value/safeFormula.js";
import type { MappableField } from "./args.js";
import { CliError, dataError, EXIT_DATA } from "./errors.js";
import { dateFormat } from "./textFormats.js";

/** How to read the log. */
export interface TransactionFlags {
  /** The file name, for messages. */
  readonly path: string;
  readonly columns: Partial<Record<MappableField, string>>;
  readonly amount: string | undefined;
  readonly exclude: readonly string[];
  readonly delimiter: string;
  readonly decimal: "." | ",";
  /** `--date-format`: the pattern of the date cells; `undefined` for ISO-8601. */
  readonly dateFormat?: string | undefined;
  readonly skipInvalid: boolean;
}

/** The log as read, with an account of every row not kept. */
export interface TransactionsRead extends ParseTransactionsCsvResult {
  /** Per `--exclude` formula, in the order given: the rows it left out (a row counts under the first that holds). */
  readonly excludedBy: { readonly formula: string; readonly rows: number }[];
  /** Rows whose `--amount` or `--exclude` formula could not be evaluated, with up to 3 example messages. */
  readonly formulaProblems: { readonly rows: number; readonly examples: string[] };
}

/** The reason under which a row is excluded when an `--exclude` formula cannot be evaluated on it. */
const NOT_EVALUATED = "an --exclude formula could not be evaluated";

/** The header row's column names, trimmed. */
function headerOf(text: string, delimiter: string): string[] {
  const first = Papa.parse<string[]>(text, { preview: 1, delimiter }).data[0] ?? [];
  return first.map((name) => name.trim());
}

/** Data rows at most: the line breaks of the text (a cell with a line break makes it an overestimate). */
function lineCount(text: string): number {
  let lines = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
  return lines + 1;
}

/** Checks that every column the flags read is in the header, naming the flag that fixes it. */
function checkColumns(header: readonly string[], flags: TransactionFlags): void {
  const oneColumn =
    header.length === 1 && /[\s;|]/.test(header[0]!)
      ? `; the header reads as one column: for fields separated by spaces or tabs give --delimiter whitespace, for another separator --delimiter CHAR`
      : "";
  const columns = `(columns: ${header.join(", ")})`;
  for (const field of ["customerId", "date", "amount"] as const) {
    if (field === "amount" && flags.amount !== undefined) continue;
    const column = flags.columns[field] ?? field;
    if (header.includes(column)) continue;
    const how =
      flags.columns[field] !== undefined
        ? `--map ${field}=${column} names a column the file does not have`
        : `name its column with --map ${field}=COLUMN${field === "amount" ? ' or compute it with --amount "FORMULA"' : ""}`;
    throw new CliError(
      `--transactions ${flags.path} has no column "${column}" ${columns}: ${how}${oneColumn}`,
    );
  }
  for (const field of ["profit", "quantity"] as const) {
    const column = flags.columns[field];
    if (column !== undefined && !header.includes(column)) {
      throw new CliError(
        `--map ${field}=${column}: --transactions ${flags.path} has no such column ${columns}`,
      );
    }
  }
}

/** Compiles one formula flag, with its problems worded for the command line. */
function compileFlag(
  flag: string,
  formula: string,
  header: readonly string[],
  flags: TransactionFlags,
  rows: number,
) {
  const where = `${flag} ${JSON.stringify(formula)}`;
  const known = new Set(header.filter((name) => name !== "__proto__"));
  // The budget grows with the file: 64 operations per row, and never less than the default.
  const maxOperations = Math.max(DEFAULT_MAX_OPERATIONS, 64 * rows);
  try {
    return compileSafeFormula(formula, (name) => known.has(name), where, {
      kind: "rows",
      decimal: flags.decimal,
      maxOperations,
    });
  } catch (error) {
    if (error instanceof CustomerValueError && error.code === "UNKNOWN_NAME") {
      throw new CliError(
        `${error.message}: --transactions ${flags.path} has the columns ${header.join(", ")}`,
      );
    }
    if (error instanceof CustomerValueError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * Reads the transaction log with the flags' mapping, amount formula and exclusions.
 *
 * @throws {CliError} for a missing column or a bad formula (exit 2); for bad rows unless
 *   `skipInvalid` (exit 1), listing each with its row number
 */
export function readTransactionFlags(text: string, flags: TransactionFlags): TransactionsRead {
  const header = headerOf(text, flags.delimiter);
  checkColumns(header, flags);
  const rows = lineCount(text);
  const amount =
    flags.amount === undefined ? undefined : compileFlag("--amount", flags.amount, header, flags, rows);
  const excludes = flags.exclude.map((f) => [f, compileFlag("--exclude", f, header, flags, rows)] as const);
  const problems: string[] = [];
  let problemRows = 0;
  const note = (error: unknown): void => {
    if (!(error instanceof CustomerValueError) || error.code !== "INVALID_RECORD") throw budgetError(error);
    problemRows++;
    if (problems.length < 3) problems.push(error.message);
  };
  const cells = (row: Readonly<Record<string, string>>) => (name: string) =>
    Object.hasOwn(row, name) ? row[name] : undefined;

  const columns: Record<string, CsvColumns[keyof CsvColumns]> = { ...flags.columns };
  for (const field of ["profit", "quantity"] as const) {
    if (columns[field] === undefined && header.includes(field)) columns[field] = field;
  }
  if (amount !== undefined) columns["amount"] = (row) => evaluateAmount(amount, cells(row), note);
  if (flags.dateFormat !== undefined) {
    const read = dateFormat(flags.dateFormat);
    const column = flags.columns.date ?? "date";
    columns["date"] = (row) => read(cells(row)(column) ?? "");
  }
  const exclude = (row: Readonly<Record<string, string>>): string | undefined => {
    for (const [formula, compiled] of excludes) {
      try {
        const result = compiled.evaluate(cells(row));
        if (typeof result !== "boolean") {
          throw new CustomerValueError(
            "INVALID_RECORD",
            `--exclude ${JSON.stringify(formula)} must give true or false, got ${JSON.stringify(result)}`,
          );
        }
        if (result) return formula;
      } catch (error) {
        note(error);
        return NOT_EVALUATED;
      }
    }
    return undefined;
  };
  let parsed: ParseTransactionsCsvResult;
  try {
    parsed = parseTransactionsCsv(text, {
      columns: columns as CsvColumns,
      delimiter: flags.delimiter,
      decimal: flags.decimal,
      onInvalid: flags.skipInvalid ? "skip" : "throw",
      ...(excludes.length === 0 ? {} : { exclude }),
    });
  } catch (error) {
    if (!(error instanceof CustomerValueError)) throw error;
    const hint = problemRows > 0 ? formulaHint(problemRows, problems) : "";
    throw dataError(error, `--transactions ${flags.path}`, `${hint}${readAdvice(error)}`);
  }
  if (!flags.skipInvalid && (parsed.excludedCounts[NOT_EVALUATED] ?? 0) > 0) {
    throw new CliError(
      `--transactions ${flags.path}: ${formulaHint(problemRows, problems)}Run with --skip-invalid to leave those rows out.`,
      EXIT_DATA,
    );
  }
  const excludedBy = flags.exclude.map((formula) => ({ formula, rows: parsed.excludedCounts[formula] ?? 0 }));
  return { ...parsed, excludedBy, formulaProblems: { rows: problemRows, examples: problems } };
}

function evaluateAmount(
  formula: SafeFormula,
  get: (name: string) => unknown,
  note: (error: unknown) => void,
): number {
  try {
    const value = formula.evaluate(get);
    if (typeof value === "number") return value;
    throw new CustomerValueError(
      "INVALID_RECORD",
      `--amount must give a number, got ${JSON.stringify(value)}`,
    );
  } catch (error) {
    note(error);
    return Number.NaN; // the row is then invalid: "amount: expected a finite number, got NaN"
  }
}

/** What to try when the log cannot be read, from what its error shows. */
function readAdvice(error: CustomerValueError): string {
  if (error.issues.length === 0) {
    return /column ""/.test(error.message)
      ? "A column without a name: for fields separated by runs of spaces or tabs, give --delimiter whitespace."
      : "";
  }
  const advice: string[] = [];
  if (error.issues.every((issue) => issue.path.endsWith(".date"))) {
    advice.push(
      "Dates are read as ISO-8601 (2011-03-04, 2011-03-04T10:00:00Z); for another spelling give --date-format, e.g. --date-format yyyyMMdd.",
    );
  }
  const [, invalid, of] = /(\d+) invalid rows? of (\d+)/.exec(error.message) ?? [];
  advice.push(
    invalid === of
      ? "No row could be read: check --map, --delimiter and --date-format against the file."
      : "Run with --skip-invalid to leave the bad rows out (they are listed in the --json results).",
  );
  return advice.join("\n");
}

function formulaHint(rows: number, examples: readonly string[]): string {
  return `${rows} row${rows === 1 ? "" : "s"} where a formula could not be evaluated, e.g. ${examples.join("; ")}.\n`;
}

/** A formula error other than a bad cell (the evaluation budget): stops the command. */
function budgetError(error: unknown): unknown {
  return error instanceof CustomerValueError ? new CliError(error.message, 2, { cause: error }) : error;
}
