/**
 * Errors of the `customer-value` command, worded for the command line: a `CliError`
 * carries the one-line message the user sees and the exit status (1 bad data, 2 bad
 * usage or a file that cannot be read or written). Library errors are re-worded here so
 * that their advice names flags (`--skip-invalid`), not library options (`onInvalid`).
 */
import type { CustomerValueError } from "../errors/CustomerValueError.js";

/** Exit status of bad data: a row, a record or an analysis input the command cannot use. */
export const EXIT_DATA = 1;
/** Exit status of bad usage and of files that cannot be read or written. */
export const EXIT_USAGE = 2;

/** A problem the command reports in one message, with its exit status. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = "CliError";
  }
}

/** What the operating system says, in words (Node's error codes of file operations). */
const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder, not a file",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EEXIST: "a file of that name is in the way",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many open files",
  EIO: "input/output error",
  EBUSY: "the file is busy",
  EINVAL: "the file system refused the operation",
  EFBIG: "the file is too large",
  ENXIO: "no such device",
};

/** Whether `error` is an error of a file operation (it has an errno-style `code`). */
export function isFileError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === "string" &&
    /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!)
  );
}

/** A file error as one line: `cannot write report.html: no space left on the device`. */
export function fileError(
  action: "read" | "write" | "create the folder",
  path: string,
  error: unknown,
): CliError {
  const code = (error as NodeJS.ErrnoException)?.code ?? "";
  const why = FILE_PROBLEMS[code] ?? (error instanceof Error ? error.message.split("\n")[0] : String(error));
  return new CliError(`cannot ${action} ${path}: ${why}${code === "" ? "" : ` (${code})`}`, EXIT_USAGE, {
    cause: error,
  });
}

/** Library advice and the flags that do the same on the command line. */
const ADVICE: readonly [RegExp, string][] = [
  [/; pass onInvalid: "skip" to leave them out and get them in result\.invalid/, ""],
  [/; map the columns with options\.columns/, "; name the column with --map FIELD=COLUMN"],
  [/, got it in options\.columns or options\.keep/, ", got it in --map"],
  [/ \(see error\.issues\)/, ""],
];

/**
 * A library error as the command reports it: the code, the message with its advice in
 * flags, and `hint` (what to try on the command line) when given.
 */
export function dataError(error: CustomerValueError, where: string, hint?: string): CliError {
  // The library names its function first ("parseTransactionsCsv: …"); the command names the flag instead.
  let message = error.message.replace(/^[a-z][A-Za-z]+: /, "");
  for (const [pattern, replacement] of ADVICE) message = message.replace(pattern, replacement);
  return new CliError(`${where}: ${message}${hint === undefined ? "" : `\n${hint}`}`, EXIT_DATA, {
    cause: error,
  });
}
