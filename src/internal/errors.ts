import { CustomerValueError } from "../errors/CustomerValueError.js";

/**
 * Runs `run`; a `CustomerValueError` it throws (from a function or model method this
 * one calls) is thrown again with the same code and issues, its message prefixed by
 * `prefix` (e.g. `"customerClasses: "`), so that the message names the function the
 * caller called. Other errors pass unchanged.
 */
export function withErrorPrefix<T>(prefix: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof CustomerValueError)) throw error;
    // The constructor appends the issues again, so only the message's first part is kept.
    const message =
      error.issues.length > 0 ? error.message.slice(0, error.message.indexOf("\n")) : error.message;
    throw new CustomerValueError(error.code, `${prefix}${message}`, {
      cause: error,
      ...(error.issues.length > 0 ? { issues: error.issues } : {}),
    });
  }
}
