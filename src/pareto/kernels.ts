/**
 * The numeric kernels of the Pareto ranking and of the Gini coefficient (issue 11): in
 * WebAssembly (kernels.wat, compiled into kernelsWasm.ts by `npm run wasm`) wherever the
 * runtime offers it, else in JavaScript. The two give the same results bit for bit (same
 * operations in the same order; WebAssembly neither fuses nor reorders floating-point
 * arithmetic), and the tests run the public functions through each ({@link useWasmKernels}).
 *
 * Why: these loops run once per call over every customer, and most calls are the
 * engine's first sight of them. JavaScript runs them interpreted until the optimising
 * compiler catches up — measured at 86,551 customers on the first and second call: the key
 * loop 8-15 ms (0.5 ms compiled), the order loop 11-20 ms (4.6), Gini's sums 3-6 ms (0.2).
 * WebAssembly is compiled before it runs (the 2 KB module once per process, in well
 * under a millisecond). Strings stay in JavaScript: ties are put in id order and ids listed
 * by the caller (internal.ts).
 *
 * Where WebAssembly is missing or refused (a browser page whose Content-Security-Policy
 * forbids compiling it), or a memory of the size cannot be had, the JavaScript kernels run.
 */
import type { IdRanks } from "../internal/idKeys.js";
import { compensatedTotal } from "../internal/sum.js";
import { KERNELS_WASM } from "./kernelsWasm.js";

interface KernelExports {
  keys(values: number, keys: number, n: number, indexBits: number, check: number): number;
  radixSort(src: number, tmp: number, n: number, fromBit: number, counts: number): number;
  order(
    keys: number,
    values: number,
    order: number,
    runs: number,
    sums: number,
    n: number,
    indexBits: number,
  ): number;
  weightedSums(sorted: number, n: number, sums: number): void;
  rankedKeys(values: number, idOrder: number, keys: number, items: number, n: number, check: number): number;
  radixSortPairs(
    keys: number,
    items: number,
    tmpKeys: number,
    tmpItems: number,
    n: number,
    counts: number,
  ): number;
  sumKeyed(keys: number, n: number, sums: number): void;
}

/** The compiled module; `null` once compiling failed (no WebAssembly here). */
let compiled: WebAssembly.Module | null | undefined;
/** The one instance, and its memory (grown to the largest call so far). */
let workspace: { kernels: KernelExports; memory: WebAssembly.Memory } | undefined;
let wasmEnabled = true;

/**
 * Chooses the kernels: WebAssembly where available (`true`, the default) or JavaScript
 * (`false`). For tests and benchmarks; not exported from the package.
 */
export function useWasmKernels(on: boolean): void {
  wasmEnabled = on;
}

/**
 * Which kernels the next call runs: `"webassembly"`, or `"javascript"` where WebAssembly is
 * switched off ({@link useWasmKernels}), missing or refused. For tests and the bench.
 */
export function activeKernels(): "webassembly" | "javascript" {
  return instantiate(0) === undefined ? "javascript" : "webassembly";
}

const PAGE = 65536;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The instance, its memory holding at least `bytes`; `undefined` to use JavaScript.
 *
 * One instance serves every call, and its memory is kept (grown to the largest call so
 * far: about 32 bytes per item of the largest ranking). A fresh memory per call would cost
 * more than the kernels: the system maps it anew each time and every first touch of a
 * page faults (measured: 2.5 ms to copy 86,551 values into a new memory, 0.1 ms into one
 * already used). Nothing that points into the memory leaves this module: results are
 * copied out before returning, so the next call may overwrite or grow it.
 */
function instantiate(bytes: number): { kernels: KernelExports; buffer: ArrayBuffer } | undefined {
  // WebAssembly memory is little-endian; the typed-array views that fill and read it use the
  // host's byte order (big-endian hosts, such as s390x, take the JavaScript kernels).
  if (!wasmEnabled || compiled === null || !LITTLE_ENDIAN) return undefined;
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  if (pages > 65536) return undefined; // beyond 4 GiB: 32-bit addresses
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(KERNELS_WASM);
    } catch {
      compiled = null; // no WebAssembly here, or compiling refused: JavaScript from now on
      return undefined;
    }
  }
  try {
    if (workspace === undefined) {
      const memory = new WebAssembly.Memory({ initial: pages });
      const instance = new WebAssembly.Instance(compiled, { env: { memory } });
      workspace = { kernels: instance.exports as unknown as KernelExports, memory };
    }
    const { memory } = workspace;
    const have = memory.buffer.byteLength / PAGE;
    if (have < pages) memory.grow(pages - have);
    return { kernels: workspace.kernels, buffer: memory.buffer };
  } catch {
    return undefined; // a memory this large refused: JavaScript for this call (it needs less at once)
  }
}

/** Item indices in key order, with the ties still to order by id. */
export interface KeyOrder {
  /** Item indices, value descending; inside each run, by index ascending. */
  readonly order: Uint32Array;
  /** `runCount` pairs `[start, end)` of positions in `order` whose items the keys do not tell apart. */
  readonly runs: Int32Array;
  readonly runCount: number;
  /** The compensated (Neumaier) total of the values, added in key order (with ranks: in rank order). */
  readonly total: number;
}

/** Bits of a key that hold the item index: enough for `n - 1`, at least 1. */
function indexBitsFor(n: number): number {
  return n <= 1 ? 1 : 32 - Math.clz32(n - 1);
}

/**
 * Ranks `values` by value descending through one 64-bit key per item, radix-sorted:
 * the order-preserving bit pattern of the value, complemented so that ascending keys mean
 * descending values, with its lowest bits replaced by the item's index (20 bits for a
 * million items leaves 44 bits of the value: sign, exponent and 32 bits of mantissa, a
 * relative resolution of 2.3e-10). Items whose keys agree above the index bits (equal
 * values, or values closer than that) come out as runs, for the caller to order.
 *
 * With `nonNegative`, returns `undefined` as soon as a value is negative, -0 or not
 * finite (the caller then takes the checked path, which reports); without, every value
 * must be finite and not -0.
 */
export function orderByKeys(
  values: Float64Array,
  nonNegative: boolean,
  ranks?: IdRanks,
): KeyOrder | undefined {
  const n = values.length;
  if (ranks !== undefined && ranks.order.length === n && ranks.rank.length === n) {
    return orderByRankedKeys(values, nonNegative, ranks);
  }
  const indexBits = indexBitsFor(n);
  const maxRuns = n >>> 1;
  // Layout: values, keys, radix buffer (8n bytes each), digit counts (8 KiB), order (4n),
  // runs (8 bytes each), sums (16).
  const keysAt = 8 * n;
  const countsAt = 24 * n;
  const orderAt = countsAt + COUNTS_BYTES;
  const runsAt = orderAt + 4 * n + ((4 * n) & 4);
  const sumsAt = runsAt + 8 * maxRuns;
  const wasm = instantiate(sumsAt + 16);
  if (wasm === undefined) return orderByKeysJs(values, nonNegative, indexBits, maxRuns);
  const { kernels, buffer } = wasm;
  new Float64Array(buffer, 0, n).set(values);
  if (kernels.keys(0, keysAt, n, indexBits, nonNegative ? 1 : 0) === 0) return undefined;
  // The index bits need no sorting: the radix sort is stable and the keys are in index order.
  const sortedAt = kernels.radixSort(keysAt, 16 * n, n, indexBits, countsAt);
  const runCount = kernels.order(sortedAt, 0, orderAt, runsAt, sumsAt, n, indexBits);
  const sums = new Float64Array(buffer, sumsAt, 2);
  return {
    order: new Uint32Array(buffer, orderAt, n).slice(),
    runs: new Int32Array(buffer, runsAt, 2 * runCount).slice(),
    runCount,
    total: sums[0]! + sums[1]! + 0,
  };
}

/**
 * {@link orderByKeys} for items whose id order is known: the final rank order (value
 * descending, then id ascending) at once, with no runs left, and the total added in that
 * order. In WebAssembly, each item's full 64-bit key is laid out in id order, beside the
 * item's index, and radix-sorted with it (stable, so equal values stay in id order); in
 * JavaScript, the ranking by 64-bit keys, then each run in order by value and rank.
 *
 * Why (issue 11): on a large customer base most totals tie with another at the key's 44
 * bits (at the bench's 864,479 customers, 734,539 items in 132,478 runs, most of them
 * holding values a few units in the last place apart — the same cents added in another
 * order), and putting those runs in order afterwards cost 70 ms there (1.6 ms at 86,551
 * customers: the tied items lie all over memory); the ranked sort takes 20-30 ms in all.
 */
function orderByRankedKeys(values: Float64Array, nonNegative: boolean, ranks: IdRanks): KeyOrder | undefined {
  const n = values.length;
  // Layout: values (8n bytes), id order (4n, padded to 8), keys and their radix buffer (8n
  // each), items and their radix buffer (4n each), digit counts (8 KiB), sums (16).
  const idOrderAt = 8 * n;
  const keysAt = idOrderAt + 4 * n + ((4 * n) & 4);
  const tmpKeysAt = keysAt + 8 * n;
  const itemsAt = tmpKeysAt + 8 * n;
  const tmpItemsAt = itemsAt + 4 * n;
  const countsAt = tmpItemsAt + 4 * n; // 8-byte aligned: keysAt is, and 8n + 8n + 4n + 4n follow it
  const sumsAt = countsAt + COUNTS_BYTES;
  const wasm = instantiate(sumsAt + 16);
  if (wasm === undefined) return orderByRankedKeysJs(values, nonNegative, ranks);
  const { kernels, buffer } = wasm;
  new Float64Array(buffer, 0, n).set(values);
  new Int32Array(buffer, idOrderAt, n).set(ranks.order);
  if (kernels.rankedKeys(0, idOrderAt, keysAt, itemsAt, n, nonNegative ? 1 : 0) === 0) return undefined;
  const swapped = kernels.radixSortPairs(keysAt, itemsAt, tmpKeysAt, tmpItemsAt, n, countsAt) === 1;
  kernels.sumKeyed(swapped ? tmpKeysAt : keysAt, n, sumsAt);
  const sums = new Float64Array(buffer, sumsAt, 2);
  return {
    order: new Uint32Array(buffer, swapped ? tmpItemsAt : itemsAt, n).slice(),
    runs: new Int32Array(0),
    runCount: 0,
    total: sums[0]! + sums[1]! + 0,
  };
}

/** Bytes of the radix sort's digit counts: 2^11 32-bit counters. */
const COUNTS_BYTES = 8192;

/**
 * A copy of `values` sorted by their bit patterns read as unsigned 64-bit integers: for
 * finite values >= 0 (no -0) that is ascending order of the values, and every negative
 * value, -0, infinity and NaN comes after them all. The same result as sorting a
 * `BigUint64Array` view of a copy, which the JavaScript path does.
 */
export function sortedCopyAsUnsigned(values: Float64Array): Float64Array {
  const n = values.length;
  const wasm = instantiate(16 * n + COUNTS_BYTES);
  if (wasm === undefined) {
    const copy = values.slice();
    new BigUint64Array(copy.buffer, copy.byteOffset, n).sort();
    return copy;
  }
  const { kernels, buffer } = wasm;
  new Float64Array(buffer, 0, n).set(values);
  const sortedAt = kernels.radixSort(0, 8 * n, n, 0, 16 * n);
  return new Float64Array(buffer, sortedAt, n).slice();
}

/**
 * `sum(x)` and `sum(x * rank)` of sorted values (rank = position + 1), both compensated
 * (Neumaier) and returned as total + correction.
 */
export function rankWeightedSums(sorted: Float64Array): { total: number; weighted: number } {
  const n = sorted.length;
  const wasm = instantiate(8 * n + 32);
  const sums = wasm === undefined ? new Float64Array(4) : new Float64Array(wasm.buffer, 8 * n, 4);
  if (wasm === undefined) weightedSumsJs(sorted, n, sums);
  else {
    new Float64Array(wasm.buffer, 0, n).set(sorted);
    wasm.kernels.weightedSums(0, n, 8 * n);
  }
  return { total: sums[0]! + sums[1]! + 0, weighted: sums[2]! + sums[3]! + 0 };
}

// The JavaScript kernels: the same operations as kernels.wat, in the same order.

/**
 * Index of the high and the low 32-bit half of a 64-bit slot in an Int32Array view. (Signed
 * views: the engine holds any 32-bit signed integer unboxed, also before it has compiled a
 * loop, whereas unsigned values from 2^31 up become heap numbers.)
 */
const HIGH = LITTLE_ENDIAN ? 1 : 0;
const LOW = 1 - HIGH;

function orderByKeysJs(
  values: Float64Array,
  nonNegative: boolean,
  indexBits: number,
  maxRuns: number,
): KeyOrder | undefined {
  const n = values.length;
  const keys = new BigUint64Array(n);
  const words = new Int32Array(keys.buffer);
  const valueMask = indexBits === 32 ? 0 : ~((1 << indexBits) - 1);
  const bits = new Int32Array(values.buffer, values.byteOffset, n * 2);
  if (!fillKeys(bits, words, valueMask, n, nonNegative)) return undefined;
  keys.sort();
  const order = new Uint32Array(n);
  const runs = new Int32Array(2 * maxRuns);
  const sums = new Float64Array(3);
  readOrder(words, valueMask, values, n, order, runs, sums);
  const runCount = sums[2]!;
  return { order, runs: runs.subarray(0, 2 * runCount), runCount, total: sums[0]! + sums[1]! + 0 };
}

/**
 * {@link orderByRankedKeys} in JavaScript: the same order (the one rank order) and the
 * same total (a Neumaier sum in that order, the operations of kernels.wat's `sumKeyed`).
 */
function orderByRankedKeysJs(
  values: Float64Array,
  nonNegative: boolean,
  ranks: IdRanks,
): KeyOrder | undefined {
  const n = values.length;
  const ranking = orderByKeysJs(values, nonNegative, indexBitsFor(n), n >>> 1);
  if (ranking === undefined) return undefined;
  const { order, runs, runCount } = ranking;
  const { rank } = ranks;
  for (let k = 0; k < runCount; k++) {
    order
      .subarray(runs[2 * k]!, runs[2 * k + 1]!)
      .sort((x, y) => values[y]! - values[x]! || rank[x]! - rank[y]!);
  }
  const total = compensatedTotal(Float64Array.from(order, (i) => values[i]!));
  return { order, runs: new Int32Array(0), runCount: 0, total };
}

/**
 * The key loop of kernels.wat's `keys`, on 32-bit halves. A loop kernel (see
 * {@link readOrder}): `bits` is the 32-bit view of the values, `n` their count.
 */
function fillKeys(
  bits: Int32Array,
  words: Int32Array,
  valueMask: number,
  n: number,
  check: boolean,
): boolean {
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + HIGH]!;
    const l = bits[2 * i + LOW]!;
    if ((h & 0x80000000) !== 0) {
      // Sign bit set: negative (the pattern itself sorts descending-as-ascending) or -0.
      if (check) return false;
      words[2 * i + HIGH] = h;
      words[2 * i + LOW] = (l & valueMask) | i;
    } else {
      // Exponent all ones: infinite or NaN.
      if (check && (h & 0x7ff00000) === 0x7ff00000) return false;
      words[2 * i + HIGH] = ~(h | 0x80000000);
      words[2 * i + LOW] = (~l & valueMask) | i;
    }
  }
  return true;
}

/**
 * The loop of kernels.wat's `order`; the total, its correction and the run count are
 * left in `sums[0..2]`.
 *
 * A loop kernel: the loop is all the function does. Most calls are the engine's first
 * sight of it, when the loop runs until the engine swaps in compiled code part-way through
 * (on-stack replacement); any statement before or after the loop has then run without type
 * feedback, and the compiled code is thrown away when it reaches one, so the next call
 * starts cold again. Here nothing needs feedback outside the loop: lengths and views come
 * as arguments and results are stored inside the loop.
 */
function readOrder(
  words: Int32Array,
  valueMask: number,
  values: Float64Array,
  n: number,
  order: Uint32Array,
  runs: Int32Array,
  sums: Float64Array,
): void {
  let total = 0;
  let correction = 0;
  let start = 0;
  let count = 0;
  for (let p = 0; p <= n; p++) {
    if (p < n) {
      const w = words[2 * p + LOW]!;
      const i = w & ~valueMask;
      order[p] = i;
      const x = values[i]!;
      const t = total + x;
      correction += Math.abs(total) >= Math.abs(x) ? total - t + x : x - t + total;
      total = t;
      sums[0] = total;
      sums[1] = correction;
      if (
        p > start &&
        words[2 * p + HIGH] === words[2 * start + HIGH] &&
        ((w ^ words[2 * start + LOW]!) & valueMask) === 0
      ) {
        continue;
      }
    }
    if (p - start > 1) {
      runs[2 * count] = start;
      runs[2 * count + 1] = p;
      count++;
      sums[2] = count;
    }
    start = p;
  }
}

/** The loop of kernels.wat's `weightedSums` (a loop kernel, see {@link readOrder}). */
function weightedSumsJs(sorted: Float64Array, n: number, sums: Float64Array): void {
  let total = 0;
  let totalCorrection = 0;
  let weighted = 0;
  let weightedCorrection = 0;
  for (let k = 0; k < n; k++) {
    const x = sorted[k]!;
    const t = total + x;
    totalCorrection += Math.abs(total) >= Math.abs(x) ? total - t + x : x - t + total;
    total = t;
    const y = (k + 1) * x;
    const w = weighted + y;
    weightedCorrection += Math.abs(weighted) >= Math.abs(y) ? weighted - w + y : y - w + weighted;
    weighted = w;
    sums[0] = total;
    sums[1] = totalCorrection;
    sums[2] = weighted;
    sums[3] = weightedCorrection;
  }
}
