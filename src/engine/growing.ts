/**
 * Columns that grow one row at a time, for streamed results of unknown length: doubled by
 * copying while small, then moved once into a resizable `ArrayBuffer` (ES2024) that grows
 * in place, so a large result is never copied again; `take()` trims it to the rows pushed.
 */
import { CustomerValueError } from "../errors/CustomerValueError.js";
import type { TransactionColumns } from "./columns.js";
import { IdDictionary } from "./ids.js";

/** Rows a growing column can hold: 1 GiB of doubles (the address space a large one reserves). */
export const MAX_GROWING_ROWS = 2 ** 27;
/** Rows from which a column grows in place: reserving address space costs more than copying less. */
const IN_PLACE_FROM = 2 ** 20;

type NumberArray = Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>;
interface NumberArrayOf<A extends NumberArray> {
  readonly BYTES_PER_ELEMENT: number;
  new (length: number): A;
  new (buffer: ArrayBuffer, byteOffset?: number, length?: number): A;
}

/** A column of numbers appended one at a time; `take()` gives them as one typed array. */
export class GrowingColumn<A extends NumberArray> {
  private values: A;
  private taken = false;
  /** Number of values appended. */
  length = 0;

  constructor(private readonly type: NumberArrayOf<A>) {
    this.values = new type(0);
  }

  push(value: number): void {
    if (this.length >= this.values.length) this.grow();
    this.values[this.length++] = value;
  }

  /** The values in order, in one array that is the column's own memory: no push after it. */
  take(): A {
    const { values, length } = this;
    this.taken = true;
    this.values = new this.type(0);
    if (!values.buffer.resizable) return values.slice(0, length) as A;
    values.buffer.resize(length * this.type.BYTES_PER_ELEMENT);
    return new this.type(values.buffer, 0, length);
  }

  private grow(): void {
    if (this.taken) throw new Error("GrowingColumn: push after take()");
    if (this.length >= MAX_GROWING_ROWS) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `a result of more than ${MAX_GROWING_ROWS} rows does not fit in one column; narrow the query`,
      );
    }
    const rows = Math.min(MAX_GROWING_ROWS, Math.max(1 << 10, 2 * this.length));
    const bytes = rows * this.type.BYTES_PER_ELEMENT;
    const { buffer } = this.values;
    if (buffer.resizable) {
      buffer.resize(bytes);
      this.values = new this.type(buffer, 0, rows);
      return;
    }
    const next =
      rows < IN_PLACE_FROM
        ? new this.type(rows)
        : new this.type(
            new ArrayBuffer(bytes, { maxByteLength: MAX_GROWING_ROWS * this.type.BYTES_PER_ELEMENT }),
            0,
            rows,
          );
    next.set(this.values);
    this.values = next;
  }
}

export const growingFloat64 = () =>
  new GrowingColumn(Float64Array as NumberArrayOf<Float64Array<ArrayBuffer>>);
export const growingInt32 = () => new GrowingColumn(Int32Array as NumberArrayOf<Int32Array<ArrayBuffer>>);

/**
 * A transaction log built row by row: ids encoded as they come (each distinct id kept
 * once), times and amounts in growing columns. `columns(order)` renumbers the customers
 * so that `customerIds` lists them in `order` (codes as given by `code`), e.g. by first
 * appearance in time rather than in the stream.
 */
export class LogBuilder {
  readonly dictionary = new IdDictionary();
  private readonly customer = growingInt32();
  private readonly time = growingFloat64();
  private readonly amount = growingFloat64();

  /** The code of `id` (added when new): what {@link LogBuilder.push} stores. */
  code(id: string): number {
    return this.dictionary.code(id);
  }

  /** Appends one row of customer `code`; `-0` is stored as `0`. */
  push(code: number, time: number, amount: number): void {
    this.customer.push(code);
    this.time.push(time);
    this.amount.push(amount + 0);
  }

  /**
   * The rows as columns (profit and quantity absent), once: the builder is spent after it.
   * `order`, when given, lists every customer code once.
   */
  columns(order?: Int32Array): TransactionColumns {
    const customer = this.customer.take();
    const { ids } = this.dictionary;
    let customerIds = ids;
    if (order !== undefined) {
      const renumber = new Int32Array(order.length);
      for (let k = 0; k < order.length; k++) renumber[order[k]!] = k;
      for (let i = 0; i < customer.length; i++) customer[i] = renumber[customer[i]!]!;
      customerIds = Array.from(order, (c) => ids[c]!);
    }
    return {
      length: customer.length,
      customerIds,
      customer,
      time: this.time.take(),
      amount: this.amount.take(),
      profit: undefined,
      quantity: undefined,
    };
  }
}
