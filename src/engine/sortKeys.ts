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
  const wasm = wasmEnabled && n > 64 ? instance() : null;
  const bytes = 16 * n + COUNTS_BYTES;
  if (wasm === null || bytes > 2 ** 31) return keys.slice().sort();
  const have = wasm.memory.buffer.byteLength;
  try {
    if (have < bytes) wasm.memory.grow(Math.ceil((bytes - have) / PAGE));
  } catch {
    return keys.slice().sort(); // that much memory refused: natively, which needs less at once
  }
  new BigUint64Array(wasm.memory.buffer, 0, n).set(keys);
  const at = wasm.sort.radixSort(0, 8 * n, n, fromBit, 16 * n);
  return new BigUint64Array(wasm.memory.buffer, at, n).slice();
}
