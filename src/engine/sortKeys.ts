/**
 * Sorting unsigned 64-bit keys: the radix sort of radix.wat where WebAssembly runs (compiled
 * before it runs, so a first call sorts at full speed), else the runtime's own typed-array
 * sort. Both give the same order: the callers' keys differ in their low bits, which ascend
 * in input order, so sorting by the upper bits stably is sorting by the whole key.
 */
import { RADIX_WASM } from "./radixWasm.js";

interface RadixExports {
  radixSort(src: number, tmp: number, n: number, fromBit: number, counts: number): number;
}

const PAGE = 65_536;
const COUNTS_BYTES = 8192;

/** The compiled module and one instance with its memory (grown to the largest sort so far); `null`: no WebAssembly here. */
let radix: { sort: RadixExports; memory: WebAssembly.Memory } | null | undefined;
let wasmEnabled = true;

/** For tests: sort through WebAssembly (`true`, the default where available) or natively. */
export function useWasmSort(on: boolean): void {
  wasmEnabled = on;
}

function instance(): { sort: RadixExports; memory: WebAssembly.Memory } | null {
  if (radix !== undefined) return radix;
  try {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const module = new WebAssembly.Module(RADIX_WASM);
    radix = {
      sort: new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as RadixExports,
      memory,
    };
  } catch {
    radix = null; // no WebAssembly, or compiling refused (a Content-Security-Policy): native sort
  }
  return radix;
}

/**
 * The keys sorted ascending (by their bits from `fromBit` up, stably; see above). Returns a
 * new array; `keys` is not changed.
 */
export function sortKeys(keys: BigUint64Array, fromBit: number): BigUint64Array {
  const n = keys.length;
  const wasm = n > 64 ? memoryFor(n) : undefined;
  if (wasm === undefined) return keys.slice().sort();
  new BigUint64Array(wasm.memory.buffer, 0, n).set(keys);
  const at = wasm.sort.radixSort(0, 8 * n, n, fromBit, 16 * n);
  return new BigUint64Array(wasm.memory.buffer, at, n).slice();
}

/**
 * Sorts `n` keys that `write` puts straight into the sort's memory (as the 32-bit words of
 * 64-bit keys), by their bits from `fromBit` up; keys equal there keep the order written,
 * whatever their low bits hold, so the low bits can carry an item along. Returns the sorted
 * keys' words, a view valid until the next sort. `fromBit` is 0 (the whole key) or leaves
 * room below it for a position (the bits of `n - 1`): natively, positions replace the low
 * bits for the sort.
 */
export function sortWrittenKeys(
  n: number,
  fromBit: number,
  write: (words: Uint32Array) => void,
): Uint32Array {
  const wasm = memoryFor(n);
  if (wasm !== undefined) {
    write(new Uint32Array(wasm.memory.buffer, 0, 2 * n));
    const at = wasm.sort.radixSort(0, 8 * n, n, fromBit, 16 * n);
    return new Uint32Array(wasm.memory.buffer, at, 2 * n);
  }
  const keys = new BigUint64Array(n);
  write(new Uint32Array(keys.buffer));
  if (fromBit === 0) return new Uint32Array(keys.sort().buffer); // equal keys are alike: any order
  const low = (1n << BigInt(fromBit)) - 1n;
  const byPosition = keys.map((key, i) => (key & ~low) | BigInt(i)).sort();
  return new Uint32Array(byPosition.map((key) => keys[Number(key & low)]!).buffer);
}

/** The instance, its memory grown to sort `n` keys; `undefined` where WebAssembly is switched off or missing, or refuses the memory. */
function memoryFor(n: number): { sort: RadixExports; memory: WebAssembly.Memory } | undefined {
  const wasm = wasmEnabled ? instance() : null;
  const bytes = 16 * n + COUNTS_BYTES;
  if (wasm === null || bytes > 2 ** 31) return undefined;
  const have = wasm.memory.buffer.byteLength;
  try {
    if (have < bytes) wasm.memory.grow(Math.ceil((bytes - have) / PAGE));
  } catch {
    return undefined; // that much memory refused: natively, which needs less at once
  }
  return wasm;
}
