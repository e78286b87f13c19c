/**
 * JSON written in pieces: the same text as `JSON.stringify(value, null, 2)`, produced
 * while it is written, so that results of millions of customers never become one string
 * (V8 strings stop at about 512 MB, which the per-customer results pass near 700k customers).
 */
import type { TextSink } from "./files.js";

/** Pieces are gathered up to this many characters before each write. */
const CHUNK = 1 << 16;

/**
 * Writes `value` as indented JSON to `sink`, exactly as `JSON.stringify(value, null, 2)`
 * would (`toJSON` is called, `undefined` and functions are left out of objects and become
 * `null` in arrays, non-finite numbers become `null`), followed by a newline. Containers
 * are walked; a container holding only plain values (a customer row) is stringified at once.
 */
export async function writeJson(sink: TextSink, value: unknown): Promise<void> {
  const writer = new JsonWriter(sink);
  await writer.write(prepared(value, ""), "");
  writer.text += "\n";
  await writer.flush();
}

/** The value JSON.stringify writes for `value` under `key`: after `toJSON`. */
function prepared(value: unknown, key: string): unknown {
  if (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  ) {
    return (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  return value;
}

const isContainer = (v: unknown): v is object => v !== null && typeof v === "object";

/** Whether JSON.stringify can write `v` in one go without building a large string. */
function isFlat(v: unknown): boolean {
  if (!isContainer(v)) return true;
  const values = Array.isArray(v) ? v : Object.values(v);
  return values.length <= 64 && values.every((x) => !isContainer(x) || x instanceof Date);
}

class JsonWriter {
  text = "";
  constructor(private readonly sink: TextSink) {}

  async flush(): Promise<void> {
    const text = this.text;
    this.text = "";
    if (text !== "") await this.sink.write(text);
  }

  /** Writes one prepared value at indentation `indent`. */
  async write(value: unknown, indent: string): Promise<void> {
    if (isFlat(value)) {
      this.text += this.flat(value, indent);
      return;
    }
    const inner = `${indent}  `;
    let first = true;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        this.text += `${first ? "[" : ","}\n${inner}`;
        first = false;
        await this.item(prepared(value[i], String(i)), inner, true);
      }
      this.text += first ? "[]" : `\n${indent}]`;
      return;
    }
    for (const key of Object.keys(value as object)) {
      const v = prepared((value as Record<string, unknown>)[key], key);
      if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
      this.text += `${first ? "{" : ","}\n${inner}${JSON.stringify(key)}: `;
      first = false;
      await this.item(v, inner, false);
    }
    this.text += first ? "{}" : `\n${indent}}`;
  }

  /** One element or property value; in arrays, what JSON leaves out becomes `null`. */
  private async item(v: unknown, indent: string, inArray: boolean): Promise<void> {
    if (this.text.length >= CHUNK) await this.flush();
    const skipped = inArray && (v === undefined || typeof v === "function" || typeof v === "symbol");
    if (skipped || isFlat(v)) this.text += this.flat(skipped ? null : v, indent);
    else await this.write(v, indent);
  }

  /** A flat value as JSON.stringify writes it, re-indented to `indent`. */
  private flat(v: unknown, indent: string): string {
    const json = JSON.stringify(v, null, 2) ?? "null";
    return indent === "" || !json.includes("\n") ? json : json.replace(/\n/g, `\n${indent}`);
  }
}
