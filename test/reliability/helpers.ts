/**
 * Shared tools of the reliability suites: the run budget, deep freezing, the
 * "clean result" walk, the fuzz verdict (a clean result or a CustomerValueError,
 * nothing else) and the arbitraries for hostile ids, dates and amounts.
 *
 * `FUZZ_RUNS` (environment) raises the number of generated cases: `npm test` uses
 * 1,000 per public function; `npm run fuzz` sets it much higher.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { CustomerValueError, type ERROR_CODES } from "customer-value";

/** Generated cases per property: 1,000 in CI, `FUZZ_RUNS` when set. */
export const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1000) || 1000);

/**
 * fast-check parameters: the run budget and the seed. `npm test` (no `FUZZ_RUNS`) uses a
 * fixed seed so that CI is reproducible; `npm run fuzz` draws a fresh seed each run and
 * prints it first (test/fuzz/vitest.config.ts); `FUZZ_SEED` replays one.
 */
export function params(runs = RUNS): fc.Parameters<unknown> {
  const seed =
    process.env.FUZZ_SEED !== undefined
      ? Number(process.env.FUZZ_SEED)
      : process.env.FUZZ_RUNS === undefined
        ? 20_261_123
        : undefined;
  return seed === undefined ? { numRuns: runs } : { numRuns: runs, seed };
}

/**
 * Parameters of the invariant properties on valid input (each call also checked by the
 * fuzz layer): 300 cases in CI, 30% of `FUZZ_RUNS` in a long run.
 */
export function invariantParams(): fc.Parameters<unknown> {
  return params(Math.max(100, Math.round(RUNS * 0.3)));
}

/** Freezes an object graph in place (arrays, plain objects, Maps' values; Dates are frozen too). */
export function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (typeof value !== "object" || value === null || seen.has(value)) return value;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value; // typed arrays cannot be frozen
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k, seen);
      deepFreeze(v, seen);
    }
  }
  for (const key of Reflect.ownKeys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, key);
    if (d !== undefined && "value" in d) deepFreeze(d.value, seen);
  }
  return Object.freeze(value);
}

/**
 * Walks a result deeply and returns the path of the first value that must never
 * appear: NaN, ±Infinity, an own property set to `undefined`, a hole in an array.
 * Functions (methods of fitted models) and `null` are fine. `skip` names subtrees
 * that hold the caller's own items (returned as they are).
 */
export function findDirt(
  value: unknown,
  path = "result",
  seen = new Set<unknown>(),
  skip: ReadonlySet<unknown> = new Set(),
): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${path} = ${value}`;
  if (value === undefined) return `${path} = undefined`;
  if (typeof value !== "object" || value === null || seen.has(value) || skip.has(value)) return undefined;
  seen.add(value);
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? undefined : `${path} = Invalid Date`;
  if (ArrayBuffer.isView(value)) {
    const arr = value as unknown as ArrayLike<number>;
    for (let i = 0; i < arr.length; i++) {
      if (typeof arr[i] === "number" && !Number.isFinite(arr[i])) return `${path}[${i}] = ${arr[i]}`;
    }
    return undefined;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      const dirt = findDirt(v, `${path}.get(${String(k)})`, seen, skip);
      if (dirt !== undefined) return dirt;
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return `${path}[${i}] is a hole`;
      const dirt = findDirt(value[i], `${path}[${i}]`, seen, skip);
      if (dirt !== undefined) return dirt;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === "function") continue;
    const dirt = findDirt(v, `${path}.${key}`, seen, skip);
    if (dirt !== undefined) return dirt;
  }
  return undefined;
}

/** Fails the test when a result holds NaN, Infinity or undefined anywhere. */
export function expectClean(result: unknown, skip: readonly unknown[] = []): void {
  const dirt = findDirt(result, "result", new Set(), new Set(skip));
  if (dirt !== undefined) throw new Error(`unclean result: ${dirt}`);
}

/**
 * The fuzz verdict: calls `run` and accepts only a clean result or a
 * `CustomerValueError` with a known code and a message naming `fnName`. Anything
 * else (TypeError, RangeError, a plain Error, NaN in the result) fails.
 * Returns the result, or `undefined` when the call threw a CustomerValueError.
 * `fnName` may be a RegExp for functions documented to pass on the errors of the
 * functions they call (`customerScorecard`).
 */
/** Per function: how many fuzz calls returned a result and how many threw a CustomerValueError. */
export const FUZZ_STATS = new Map<string, { ok: number; error: number }>();

function tally(fnName: string | RegExp, outcome: "ok" | "error"): void {
  const key = String(fnName);
  const stats = FUZZ_STATS.get(key) ?? { ok: 0, error: 0 };
  stats[outcome]++;
  FUZZ_STATS.set(key, stats);
}

/**
 * Fails unless every function fuzzed in this file returned a real result in at least
 * `minShare` of its calls: a fuzz whose every call throws tests nothing but validation.
 */
export function expectFuzzReachedResults(
  minShare = 0.05,
  overrides: Readonly<Record<string, number>> = {},
): void {
  for (const [fnName, { ok, error }] of FUZZ_STATS) {
    if (ok < (overrides[fnName] ?? minShare) * (ok + error))
      throw new Error(`${fnName}: only ${ok} of ${ok + error} fuzz calls gave a result`);
  }
}

export function okOrCvError<R>(
  fnName: string | RegExp,
  run: () => R,
  skip: (r: R) => readonly unknown[] = () => [],
): R | undefined {
  let result: R;
  try {
    result = run();
  } catch (e) {
    return acceptCvError(fnName, e);
  }
  expectClean(result, skip(result));
  tally(fnName, "ok");
  return result;
}

/**
 * {@link okOrCvError} for a function that returns a promise (the warehouse adapters);
 * `statsKey` counts its calls apart (one engine's, say) for {@link expectFuzzReachedResults}.
 */
export async function okOrCvErrorAsync<R>(
  fnName: string | RegExp,
  run: () => Promise<R>,
  statsKey = String(fnName),
): Promise<R | undefined> {
  let result: R;
  try {
    result = await run();
  } catch (e) {
    return acceptCvError(fnName, e, statsKey);
  }
  expectClean(result);
  tally(statsKey, "ok");
  return result;
}

/** The error half of the verdict: a CustomerValueError naming the function, else rethrown. */
function acceptCvError(fnName: string | RegExp, e: unknown, statsKey = String(fnName)): undefined {
  if (!(e instanceof CustomerValueError)) throw e;
  expect(typeof e.code).toBe("string");
  const named = typeof fnName === "string" ? e.message.includes(fnName) : fnName.test(e.message);
  if (!named) throw new Error(`${fnName}: error message does not name the function: ${e.message}`);
  tally(statsKey, "error");
  return undefined;
}

/** Junk as text, for CSV cells and SQL literals (some junk objects have no toString). */
export function junkAsText(junk: unknown): string {
  try {
    return String(junk);
  } catch {
    return "[object]";
  }
}

/**
 * A TransactionTable's required columns, for the clean-result check: `profit` and
 * `quantity` are `undefined` when absent and hold NaN for "none", by the type's design.
 */
export function requiredColumns(table: {
  readonly length: number;
  readonly customerIds: readonly string[];
  readonly customer: Int32Array;
  readonly time: Float64Array;
  readonly amount: Float64Array;
}) {
  const { length, customerIds, customer, time, amount } = table;
  return { length, customerIds, customer, time, amount };
}

/** Asserts that `run` throws a CustomerValueError with `code`; returns it. */
export function expectCode(run: () => unknown, code: (typeof ERROR_CODES)[number]): CustomerValueError {
  try {
    run();
  } catch (e) {
    if (!(e instanceof CustomerValueError))
      throw new Error(`expected CustomerValueError ${code}, got ${String(e)}`);
    expect(e.code).toBe(code);
    return e;
  }
  throw new Error(`expected CustomerValueError ${code}, but nothing was thrown`);
}

/** Relative-tolerance comparison of floats. */
export function close(actual: number, expected: number, rel = 1e-9): boolean {
  return Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected));
}

// ---------------------------------------------------------------- arbitraries

/** Ids that break naive code: prototype keys, huge, Unicode (emoji, RTL, combining marks). */
export const HOSTILE_IDS = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "prototype",
  "__defineGetter__",
  "x".repeat(10_000),
  "😀👨‍👩‍👧",
  "مرحبا",
  "שלום\u200f",
  "e\u0301",
  "e\u0301\u0302\u0303",
  " ",
  "0",
  "1e3",
  "null",
  "undefined",
  "NaN",
  'a,b;"c"\n',
] as const;

/** A non-empty id: mostly a small pool (so customers repeat), sometimes hostile. */
export const idArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("A", "B", "C", "D", "E") },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_IDS) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 4 }) },
);

const DAY = 86_400_000;
/** 2010-01-01T00:00Z .. 2013-12-31: covers leap day 2012-02-29 and several DST changes. */
export const T0 = Date.UTC(2010, 0, 1);
export const T1 = Date.UTC(2013, 11, 31);

/** An instant in 2010..2013, at a whole hour so DST boundaries are hit. */
export const timeArb: fc.Arbitrary<number> = fc
  .integer({ min: 0, max: (T1 - T0) / 3_600_000 })
  .map((h) => T0 + h * 3_600_000);

/** A date as records take it: ISO date, ISO date-time with or without zone, or a Date. */
export const dateArb: fc.Arbitrary<string | Date> = fc.oneof(
  timeArb.map((t) => new Date(t).toISOString().slice(0, 10)),
  timeArb.map((t) => new Date(t).toISOString()),
  timeArb.map((t) => new Date(t).toISOString().slice(0, 19)),
  timeArb.map((t) => new Date(t)),
);

/** A date option: ISO date string in the same range. */
export const dayStringArb: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: (T1 - T0) / DAY })
  .map((d) => new Date(T0 + d * DAY).toISOString().slice(0, 10));

/** Money from 1e-9 to 1e12, whole cents, zero and small integers. */
export const amountArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 500 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 100_000_00 }).map((c) => c / 100) },
  { weight: 1, arbitrary: fc.constantFrom(1e-9, 1e12, 0.1, 0.2, 0.3, 999_999_999_999.99) },
);

/** A valid transaction. */
export const transactionArb = fc.record(
  {
    customerId: idArb,
    date: dateArb,
    amount: fc.oneof({ weight: 5, arbitrary: amountArb }, { weight: 1, arbitrary: amountArb.map((a) => -a) }),
    profit: fc.oneof(
      amountArb,
      amountArb.map((a) => -a),
    ),
    quantity: fc.integer({ min: 0, max: 5 }),
  },
  { requiredKeys: ["customerId", "date", "amount"] },
);

/** A junk value: what an untyped caller might pass anywhere. */
export const junkArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    "",
    "12,5",
    "2011-02-30",
    "2011-13-01",
    "not a date",
    true,
    [],
    {},
    new Date(Number.NaN),
    () => 1,
    Symbol("s"),
    10n,
    Object.create(null),
  ),
  fc.anything({ maxDepth: 1, maxKeys: 3 }),
);

/** A transaction with one field broken, missing, or the whole record junk. */
export const badTransactionArb: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(transactionArb, fc.constantFrom("customerId", "date", "amount", "profit", "quantity"), junkArb)
    .map(([t, key, junk]) => ({ ...t, [key]: junk })),
  fc.tuple(transactionArb, fc.constantFrom("customerId", "date", "amount")).map(([t, key]) => {
    const copy: Record<string, unknown> = { ...t };
    delete copy[key];
    return copy;
  }),
  junkArb,
);

/** A transaction log: mostly valid records, sometimes one bad one. Small, so runs stay fast. */
export function logArb(maxLength = 8): fc.Arbitrary<unknown[]> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(transactionArb, { maxLength }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.array(transactionArb, { maxLength }), badTransactionArb, fc.nat())
        .map(([rows, bad, at]) => {
          const copy: unknown[] = rows.slice();
          copy.splice(at % (copy.length + 1), 0, bad);
          return copy;
        }),
    },
  );
}

/** A valid log only. */
export const validLogArb = (maxLength = 8) => fc.array(transactionArb, { maxLength });

/** Maybe a junk value instead of a good one (one time in `1 + weight`). */
export function orJunk<T>(good: fc.Arbitrary<T>, weight = 6): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight, arbitrary: good }, { weight: 1, arbitrary: junkArb });
}

/** Maybe absent (undefined), maybe a good value, maybe junk (weight `junk` against 7). */
export function optionArb<T>(good: fc.Arbitrary<T>, junk = 1): fc.Arbitrary<T | unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: good },
    { weight: junk, arbitrary: junkArb },
  );
}

/** Mostly the clean variant of an arbitrary, sometimes the one with junk (1 in 4). */
export function mostlyClean<T>(clean: fc.Arbitrary<T>, withJunk: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 3, arbitrary: clean }, { weight: 1, arbitrary: withJunk });
}

/** Builds an options object from optional entries, leaving absent ones out. */
export function compact(entries: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}

export const periodArb = fc.constantFrom("day", "week", "month", "quarter", "year");
export const timeZoneArb = fc.constantFrom(
  "UTC",
  "Asia/Shanghai",
  "America/Los_Angeles",
  "Pacific/Chatham",
  "Europe/London",
);
export const durationArb = fc.oneof(
  fc.record({ months: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ days: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ weeks: fc.integer({ min: 1, max: 20 }) }),
);
