/**
 * The `// => value` of a doc example: a literal read into a matcher, and the check of an
 * actual value against it.
 *
 * Values: numbers, strings ("…", '…', `…` without `${}`), true, false, null, undefined,
 * NaN, Infinity, arrays, objects (identifier or string keys), `new Date("…")`. Equality
 * is deep; a number written with d decimals matches when the actual value rounds to it
 * at d decimals (`0.464` matches 0.46402); `…` as the last entry of an object allows
 * other keys. Text after the value (after a space) is a note, not part of the value.
 */

export type Matcher =
  | { readonly kind: "number"; readonly value: number; readonly decimals: number; readonly text: string }
  | { readonly kind: "exact"; readonly value: string | boolean | null | undefined }
  | { readonly kind: "nan" }
  | { readonly kind: "date"; readonly time: number; readonly text: string }
  | { readonly kind: "array"; readonly items: readonly Matcher[] }
  | {
      readonly kind: "object";
      readonly entries: readonly (readonly [string, Matcher])[];
      readonly open: boolean;
    };

/** A value that could not be read: the reason and where in the text. */
export class ValueSyntaxError extends Error {}

/**
 * Reads one value from the start of `text`; returns it with the rest of the text, or
 * `incomplete: true` when the text ends inside the value (it continues on the next line).
 */
export function parseValue(
  text: string,
): { matcher: Matcher; value: string; rest: string } | { incomplete: true } {
  const reader = new Reader(text);
  try {
    reader.space();
    const from = reader.at;
    const matcher = reader.value();
    const rest = text.slice(reader.at);
    if (rest !== "" && !/^\s/.test(rest)) {
      throw new ValueSyntaxError(`unexpected ${JSON.stringify(rest.slice(0, 12))} after the value`);
    }
    return { matcher, value: text.slice(from, reader.at), rest: rest.trim() };
  } catch (error) {
    if (error instanceof EndOfText) return { incomplete: true };
    throw error;
  }
}

class EndOfText extends Error {}

class Reader {
  at = 0;
  constructor(private readonly text: string) {}

  private peek(): string {
    if (this.at >= this.text.length) throw new EndOfText();
    return this.text[this.at] as string;
  }

  space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at] as string)) this.at++;
  }

  private expect(s: string): void {
    for (const ch of s) {
      if (this.peek() !== ch) throw new ValueSyntaxError(`expected ${JSON.stringify(s)} at ${this.at}`);
      this.at++;
    }
  }

  value(): Matcher {
    const ch = this.peek();
    if (ch === "[") return this.array();
    if (ch === "{") return this.object();
    if (ch === '"' || ch === "'" || ch === "`") return { kind: "exact", value: this.string() };
    if (/[-+\d.]/.test(ch)) return this.number();
    const word = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.at))?.[0];
    if (word === undefined) throw new ValueSyntaxError(`unexpected ${JSON.stringify(ch)} at ${this.at}`);
    this.at += word.length;
    switch (word) {
      case "true":
        return { kind: "exact", value: true };
      case "false":
        return { kind: "exact", value: false };
      case "null":
        return { kind: "exact", value: null };
      case "undefined":
        return { kind: "exact", value: undefined };
      case "NaN":
        return { kind: "nan" };
      case "Infinity":
        return { kind: "number", value: Number.POSITIVE_INFINITY, decimals: 0, text: "Infinity" };
      case "new":
        return this.date();
      default:
        throw new ValueSyntaxError(`${word} is not a value (write a literal)`);
    }
  }

  private number(): Matcher {
    const match = /^[-+]?(Infinity|(\d+(?:_\d+)*)?(?:\.(\d+))?(?:[eE]([-+]?\d+))?)/.exec(
      this.text.slice(this.at),
    );
    const text = match?.[0] ?? "";
    if (match === null || text === "" || text === "-" || text === "+" || text === ".") {
      throw new ValueSyntaxError(`expected a number at ${this.at}`);
    }
    this.at += text.length;
    if (match[1] === "Infinity") {
      return { kind: "number", value: text.startsWith("-") ? -Infinity : Infinity, decimals: 0, text };
    }
    const decimals = Math.max(0, (match[3]?.length ?? 0) - Number(match[4] ?? 0));
    return { kind: "number", value: Number(text.replaceAll("_", "")), decimals, text };
  }

  private string(): string {
    const quote = this.peek();
    const start = this.at;
    this.at++;
    let out = "";
    for (;;) {
      const ch = this.peek();
      this.at++;
      if (ch === quote) return out;
      if (quote === "`" && ch === "$" && this.peek() === "{") {
        throw new ValueSyntaxError(`a template with \${} at ${start} is not a literal`);
      }
      if (ch !== "\\") {
        out += ch;
        continue;
      }
      const esc = this.peek();
      this.at++;
      const simple: Record<string, string> = {
        n: "\n",
        t: "\t",
        r: "\r",
        "0": "\0",
        b: "\b",
        f: "\f",
        v: "\v",
      };
      if (esc in simple) out += simple[esc];
      else if (esc === "u") {
        const hex = this.text.slice(this.at, this.at + 4);
        this.at += 4;
        out += String.fromCharCode(Number.parseInt(hex, 16));
      } else out += esc;
    }
  }

  private array(): Matcher {
    this.expect("[");
    const items: Matcher[] = [];
    this.space();
    while (this.peek() !== "]") {
      items.push(this.value());
      this.space();
      if (this.peek() === ",") {
        this.at++;
        this.space();
      } else if (this.peek() !== "]") throw new ValueSyntaxError(`expected , or ] at ${this.at}`);
    }
    this.at++;
    return { kind: "array", items };
  }

  private object(): Matcher {
    this.expect("{");
    const entries: [string, Matcher][] = [];
    let open = false;
    this.space();
    while (this.peek() !== "}") {
      if (this.text.startsWith("…", this.at) || this.text.startsWith("...", this.at)) {
        this.at += this.text.startsWith("…", this.at) ? 1 : 3;
        open = true;
        this.space();
        if (this.peek() !== "}")
          throw new ValueSyntaxError(`… must be the last entry of an object (at ${this.at})`);
        break;
      }
      const ch = this.peek();
      let key: string;
      if (ch === '"' || ch === "'") key = this.string();
      else {
        const word = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.at))?.[0];
        if (word === undefined) throw new ValueSyntaxError(`expected a key at ${this.at}`);
        key = word;
        this.at += word.length;
      }
      this.space();
      this.expect(":");
      this.space();
      entries.push([key, this.value()]);
      this.space();
      if (this.peek() === ",") {
        this.at++;
        this.space();
      } else if (this.peek() !== "}") throw new ValueSyntaxError(`expected , or } at ${this.at}`);
    }
    this.at++;
    return { kind: "object", entries, open };
  }

  private date(): Matcher {
    this.space();
    this.expect("Date(");
    const text = this.string();
    this.expect(")");
    const time = new Date(text).getTime();
    if (Number.isNaN(time))
      throw new ValueSyntaxError(`new Date(${JSON.stringify(text)}) is not a valid date`);
    return { kind: "date", time, text };
  }
}

/** How the matcher reads when printed: the value as written. */
export function describeMatcher(m: Matcher): string {
  switch (m.kind) {
    case "number":
      return m.text;
    case "exact":
      return m.value === undefined ? "undefined" : JSON.stringify(m.value);
    case "nan":
      return "NaN";
    case "date":
      return `new Date(${JSON.stringify(m.text)})`;
    case "array":
      return `[${m.items.map(describeMatcher).join(", ")}]`;
    case "object": {
      const parts = m.entries.map(([k, v]) => `${k}: ${describeMatcher(v)}`);
      if (m.open) parts.push("…");
      return `{ ${parts.join(", ")} }`;
    }
  }
}

function show(value: unknown): string {
  if (value instanceof Date)
    return `Date(${Number.isNaN(value.getTime()) ? "invalid" : value.toISOString()})`;
  if (typeof value === "number" || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `undefined` when `actual` matches; otherwise where and how it differs. */
export function mismatch(actual: unknown, m: Matcher, path = ""): string | undefined {
  const at = path === "" ? "" : ` at ${path}`;
  switch (m.kind) {
    case "number": {
      if (typeof actual !== "number") return `expected the number ${m.text}${at}, got ${show(actual)}`;
      if (!Number.isFinite(m.value))
        return actual === m.value ? undefined : `expected ${m.text}${at}, got ${actual}`;
      // Rounds to the written value at its decimals: |actual - value| <= half a unit of the last digit.
      const half = 0.5 * 10 ** -m.decimals;
      const ok = Math.abs(actual - m.value) <= half * (1 + 1e-9) + Number.EPSILON * Math.abs(m.value);
      return ok ? undefined : `expected ${m.text} (to ${m.decimals} decimals)${at}, got ${actual}`;
    }
    case "exact":
      return Object.is(actual, m.value)
        ? undefined
        : `expected ${describeMatcher(m)}${at}, got ${show(actual)}`;
    case "nan":
      return Number.isNaN(actual) ? undefined : `expected NaN${at}, got ${show(actual)}`;
    case "date":
      return actual instanceof Date && actual.getTime() === m.time
        ? undefined
        : `expected ${describeMatcher(m)}${at}, got ${show(actual)}`;
    case "array": {
      if (!Array.isArray(actual) && !ArrayBuffer.isView(actual))
        return `expected an array${at}, got ${show(actual)}`;
      const items = Array.from(actual as ArrayLike<unknown>);
      if (items.length !== m.items.length) {
        return `expected ${m.items.length} items${at}, got ${items.length}: ${show(items)}`;
      }
      for (let i = 0; i < items.length; i++) {
        const d = mismatch(items[i], m.items[i] as Matcher, `${path}[${i}]`);
        if (d !== undefined) return d;
      }
      return undefined;
    }
    case "object": {
      if (actual === null || typeof actual !== "object" || Array.isArray(actual)) {
        return `expected an object${at}, got ${show(actual)}`;
      }
      const record = actual as Record<string, unknown>;
      const expectedKeys = new Set(m.entries.map(([k]) => k));
      if (!m.open) {
        const extra = Object.keys(record).filter((k) => !expectedKeys.has(k));
        if (extra.length > 0)
          return `unexpected key(s) ${extra.join(", ")}${at} (end the object with … to allow them)`;
      }
      for (const [key, value] of m.entries) {
        if (!(key in record)) return `missing key ${key}${at}`;
        const d = mismatch(record[key], value, path === "" ? key : `${path}.${key}`);
        if (d !== undefined) return d;
      }
      return undefined;
    }
  }
}
