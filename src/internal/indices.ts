/** `[0, 1, …, n - 1]` as an `Int32Array`: every position of `n` items, in order. */
export function indices(n: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
