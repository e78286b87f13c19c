;; Numeric kernels of the Pareto ranking and of the Gini coefficient (issue 11), in
;; WebAssembly text. `npm run wasm` compiles this file into kernelsWasm.ts (the bytes);
;; kernels.ts loads them, and holds the same kernels in JavaScript, used where WebAssembly
;; is not available (for the ranked keys, the same order and total by other means). Both
;; must give the same results, bit for bit: the tests run the public functions through each.
;;
;; Why WebAssembly: these loops run once per call over every customer, and most calls are
;; the engine's first sight of them. JavaScript runs them interpreted until the optimising
;; compiler has caught up (measured: 10-15 ms for the key loop at 86,551 customers on a
;; first or second call against 0.5 ms compiled); WebAssembly is compiled before it runs.
;;
;; Memory is the caller's (imported, one per call); all addresses are byte offsets, 8-byte
;; aligned for 64-bit slots.
(module
  (import "env" "memory" (memory 1))

  ;; Writes the sort key of values[i] into keys[i], for i in [0, n): the order-preserving
  ;; bit pattern of the value, complemented for values >= 0 so that ascending keys mean
  ;; descending values (negative values: the pattern itself already sorts that way), with
  ;; its lowest `indexBits` bits replaced by i. With `check` set, returns 0 as soon as a
  ;; value has its sign bit set (negative or -0) or is not finite (exponent all ones), 1
  ;; otherwise; without, the values must be finite and never -0.
  (func (export "keys")
    (param $values i32) (param $keys i32) (param $n i32) (param $indexBits i32) (param $check i32)
    (result i32)
    (local $i i32) (local $x i64) (local $mask i64)
    (local.set $mask (i64.shl (i64.const -1) (i64.extend_i32_u (local.get $indexBits))))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $x (i64.load (i32.add (local.get $values) (i32.shl (local.get $i) (i32.const 3)))))
        (if (i64.lt_s (local.get $x) (i64.const 0))
          (then
            (if (local.get $check) (then (return (i32.const 0)))))
          (else
            (if (i32.and
                  (local.get $check)
                  (i64.eq
                    (i64.and (local.get $x) (i64.const 0x7ff0000000000000))
                    (i64.const 0x7ff0000000000000)))
              (then (return (i32.const 0))))
            (local.set $x (i64.xor (local.get $x) (i64.const 0x7fffffffffffffff)))))
        (i64.store
          (i32.add (local.get $keys) (i32.shl (local.get $i) (i32.const 3)))
          (i64.or (i64.and (local.get $x) (local.get $mask)) (i64.extend_i32_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $i) (local.get $n)))))
    (i32.const 1))

  ;; Sorts the n unsigned 64-bit keys at $src by their bits from $fromBit up, stably: a
  ;; least-significant-digit radix sort, 11 bits a pass (a pass is skipped where every key
  ;; has the same digit). Keys equal in those bits keep their order. Uses $tmp (8n bytes)
  ;; and $counts (8 KiB); returns the address of the sorted keys, $src or $tmp.
  (func (export "radixSort")
    (param $src i32) (param $tmp i32) (param $n i32) (param $fromBit i32) (param $counts i32)
    (result i32)
    (local $shift i64) (local $i i32) (local $d i32) (local $sum i32) (local $c i32)
    (local $skip i32) (local $at i32) (local $key i64) (local $swap i32)
    (local.set $shift (i64.extend_i32_u (local.get $fromBit)))
    (block $sorted
      (br_if $sorted (i32.lt_u (local.get $n) (i32.const 2)))
      (loop $pass
        (br_if $sorted (i64.ge_u (local.get $shift) (i64.const 64)))
        ;; How many keys have each digit.
        (memory.fill (local.get $counts) (i32.const 0) (i32.const 8192))
        (local.set $i (i32.const 0))
        (loop $count
          (local.set $at
            (i32.add
              (local.get $counts)
              (i32.shl
                (i32.wrap_i64
                  (i64.and
                    (i64.shr_u
                      (i64.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 3))))
                      (local.get $shift))
                    (i64.const 2047)))
                (i32.const 2))))
          (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $count (i32.lt_u (local.get $i) (local.get $n))))
        ;; Where each digit's keys start (exclusive prefix sums); one digit for all: skip.
        (local.set $skip (i32.const 0))
        (local.set $sum (i32.const 0))
        (local.set $d (i32.const 0))
        (loop $prefix
          (local.set $at (i32.add (local.get $counts) (i32.shl (local.get $d) (i32.const 2))))
          (local.set $c (i32.load (local.get $at)))
          (if (i32.eq (local.get $c) (local.get $n)) (then (local.set $skip (i32.const 1))))
          (i32.store (local.get $at) (local.get $sum))
          (local.set $sum (i32.add (local.get $sum) (local.get $c)))
          (local.set $d (i32.add (local.get $d) (i32.const 1)))
          (br_if $prefix (i32.lt_u (local.get $d) (i32.const 2048))))
        (if (i32.eqz (local.get $skip))
          (then
            ;; Each key to its digit's next slot in $tmp, in order; then swap the buffers.
            (local.set $i (i32.const 0))
            (loop $scatter
              (local.set $key (i64.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 3)))))
              (local.set $at
                (i32.add
                  (local.get $counts)
                  (i32.shl
                    (i32.wrap_i64 (i64.and (i64.shr_u (local.get $key) (local.get $shift)) (i64.const 2047)))
                    (i32.const 2))))
              (local.set $c (i32.load (local.get $at)))
              (i64.store (i32.add (local.get $tmp) (i32.shl (local.get $c) (i32.const 3))) (local.get $key))
              (i32.store (local.get $at) (i32.add (local.get $c) (i32.const 1)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $scatter (i32.lt_u (local.get $i) (local.get $n))))
            (local.set $swap (local.get $src))
            (local.set $src (local.get $tmp))
            (local.set $tmp (local.get $swap))))
        (local.set $shift (i64.add (local.get $shift) (i64.const 11)))
        (br $pass)))
    (local.get $src))

  ;; Reads the sorted keys: order[p] = the item index in keys[p]; adds values[order[p]] in
  ;; that order (compensated, Neumaier: sums[0] the total, sums[1] its correction); lists
  ;; every run of two or more keys equal above the index bits (equal values, or values
  ;; closer than the key resolves) as a pair [start, end) in `runs`. Returns the number of
  ;; runs.
  (func (export "order")
    (param $keys i32) (param $values i32) (param $order i32) (param $runs i32) (param $sums i32)
    (param $n i32) (param $indexBits i32)
    (result i32)
    (local $p i32) (local $start i32) (local $count i32) (local $key i64) (local $startKey i64)
    (local $mask i64) (local $i i32) (local $x f64) (local $t f64) (local $total f64)
    (local $correction f64)
    (local.set $mask (i64.shl (i64.const -1) (i64.extend_i32_u (local.get $indexBits))))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $startKey (i64.load (local.get $keys)))
      (loop $next
        (local.set $key (i64.load (i32.add (local.get $keys) (i32.shl (local.get $p) (i32.const 3)))))
        (local.set $i (i32.wrap_i64 (i64.and (local.get $key) (i64.xor (local.get $mask) (i64.const -1)))))
        (i32.store (i32.add (local.get $order) (i32.shl (local.get $p) (i32.const 2))) (local.get $i))
        (local.set $x (f64.load (i32.add (local.get $values) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $t (f64.add (local.get $total) (local.get $x)))
        (local.set $correction
          (f64.add
            (local.get $correction)
            (if (result f64) (f64.ge (f64.abs (local.get $total)) (f64.abs (local.get $x)))
              (then (f64.add (f64.sub (local.get $total) (local.get $t)) (local.get $x)))
              (else (f64.add (f64.sub (local.get $x) (local.get $t)) (local.get $total))))))
        (local.set $total (local.get $t))
        ;; A key that differs from the run's first above the index bits closes the run.
        (if (i64.ne (i64.and (i64.xor (local.get $key) (local.get $startKey)) (local.get $mask)) (i64.const 0))
          (then
            (if (i32.gt_u (i32.sub (local.get $p) (local.get $start)) (i32.const 1))
              (then
                (i32.store (i32.add (local.get $runs) (i32.shl (local.get $count) (i32.const 3))) (local.get $start))
                (i32.store (i32.add (local.get $runs) (i32.add (i32.shl (local.get $count) (i32.const 3)) (i32.const 4))) (local.get $p))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))))
            (local.set $start (local.get $p))
            (local.set $startKey (local.get $key))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $p) (local.get $n))))
      (if (i32.gt_u (i32.sub (local.get $n) (local.get $start)) (i32.const 1))
        (then
          (i32.store (i32.add (local.get $runs) (i32.shl (local.get $count) (i32.const 3))) (local.get $start))
          (i32.store (i32.add (local.get $runs) (i32.add (i32.shl (local.get $count) (i32.const 3)) (i32.const 4))) (local.get $n))
          (local.set $count (i32.add (local.get $count) (i32.const 1))))))
    (f64.store (local.get $sums) (local.get $total))
    (f64.store (i32.add (local.get $sums) (i32.const 8)) (local.get $correction))
    (local.get $count))

  ;; Ranked keys (items whose ids are in a known order): for r in [0, n), the item
  ;; i = idOrder[r] (32-bit indices at $idOrder) gets keys[r] = the order-preserving bit
  ;; pattern of values[i] (all 64 bits; complemented for values >= 0, as in `keys`) and
  ;; items[r] = i. Sorted by `radixSortPairs`, the items come out by value descending, then
  ;; by id. `check` as in `keys` (returns 0 at a value it refuses, else 1).
  (func (export "rankedKeys")
    (param $values i32) (param $idOrder i32) (param $keys i32) (param $items i32) (param $n i32)
    (param $check i32)
    (result i32)
    (local $r i32) (local $i i32) (local $x i64)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $i (i32.load (i32.add (local.get $idOrder) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $x (i64.load (i32.add (local.get $values) (i32.shl (local.get $i) (i32.const 3)))))
        (if (i64.lt_s (local.get $x) (i64.const 0))
          (then
            (if (local.get $check) (then (return (i32.const 0)))))
          (else
            (if (i32.and
                  (local.get $check)
                  (i64.eq
                    (i64.and (local.get $x) (i64.const 0x7ff0000000000000))
                    (i64.const 0x7ff0000000000000)))
              (then (return (i32.const 0))))
            (local.set $x (i64.xor (local.get $x) (i64.const 0x7fffffffffffffff)))))
        (i64.store (i32.add (local.get $keys) (i32.shl (local.get $r) (i32.const 3))) (local.get $x))
        (i32.store (i32.add (local.get $items) (i32.shl (local.get $r) (i32.const 2))) (local.get $i))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $r) (local.get $n)))))
    (i32.const 1))

  ;; Sorts the n unsigned 64-bit keys at $keys, each with its 32-bit item at $items, by the
  ;; keys' bits, stably: `radixSort` (11 bits a pass, a pass skipped where every key has the
  ;; same digit), moving keys and items together. Uses $tmpKeys (8n bytes), $tmpItems (4n)
  ;; and $counts (8 KiB); returns 0 when the sorted keys and items are at $keys and $items,
  ;; 1 when at $tmpKeys and $tmpItems.
  (func (export "radixSortPairs")
    (param $keys i32) (param $items i32) (param $tmpKeys i32) (param $tmpItems i32) (param $n i32)
    (param $counts i32)
    (result i32)
    (local $shift i64) (local $i i32) (local $d i32) (local $sum i32) (local $c i32)
    (local $skip i32) (local $at i32) (local $key i64) (local $swap i32) (local $swapped i32)
    (block $sorted
      (br_if $sorted (i32.lt_u (local.get $n) (i32.const 2)))
      (loop $pass
        (br_if $sorted (i64.ge_u (local.get $shift) (i64.const 64)))
        (memory.fill (local.get $counts) (i32.const 0) (i32.const 8192))
        (local.set $i (i32.const 0))
        (loop $count
          (local.set $at
            (i32.add
              (local.get $counts)
              (i32.shl
                (i32.wrap_i64
                  (i64.and
                    (i64.shr_u
                      (i64.load (i32.add (local.get $keys) (i32.shl (local.get $i) (i32.const 3))))
                      (local.get $shift))
                    (i64.const 2047)))
                (i32.const 2))))
          (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $count (i32.lt_u (local.get $i) (local.get $n))))
        (local.set $skip (i32.const 0))
        (local.set $sum (i32.const 0))
        (local.set $d (i32.const 0))
        (loop $prefix
          (local.set $at (i32.add (local.get $counts) (i32.shl (local.get $d) (i32.const 2))))
          (local.set $c (i32.load (local.get $at)))
          (if (i32.eq (local.get $c) (local.get $n)) (then (local.set $skip (i32.const 1))))
          (i32.store (local.get $at) (local.get $sum))
          (local.set $sum (i32.add (local.get $sum) (local.get $c)))
          (local.set $d (i32.add (local.get $d) (i32.const 1)))
          (br_if $prefix (i32.lt_u (local.get $d) (i32.const 2048))))
        (if (i32.eqz (local.get $skip))
          (then
            (local.set $i (i32.const 0))
            (loop $scatter
              (local.set $key (i64.load (i32.add (local.get $keys) (i32.shl (local.get $i) (i32.const 3)))))
              (local.set $at
                (i32.add
                  (local.get $counts)
                  (i32.shl
                    (i32.wrap_i64 (i64.and (i64.shr_u (local.get $key) (local.get $shift)) (i64.const 2047)))
                    (i32.const 2))))
              (local.set $c (i32.load (local.get $at)))
              (i64.store (i32.add (local.get $tmpKeys) (i32.shl (local.get $c) (i32.const 3))) (local.get $key))
              (i32.store
                (i32.add (local.get $tmpItems) (i32.shl (local.get $c) (i32.const 2)))
                (i32.load (i32.add (local.get $items) (i32.shl (local.get $i) (i32.const 2)))))
              (i32.store (local.get $at) (i32.add (local.get $c) (i32.const 1)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $scatter (i32.lt_u (local.get $i) (local.get $n))))
            (local.set $swap (local.get $keys))
            (local.set $keys (local.get $tmpKeys))
            (local.set $tmpKeys (local.get $swap))
            (local.set $swap (local.get $items))
            (local.set $items (local.get $tmpItems))
            (local.set $tmpItems (local.get $swap))
            (local.set $swapped (i32.xor (local.get $swapped) (i32.const 1)))))
        (local.set $shift (i64.add (local.get $shift) (i64.const 11)))
        (br $pass)))
    (local.get $swapped))

  ;; The compensated (Neumaier) sum of the values whose keys (from `rankedKeys`, sorted) are
  ;; the n at $keys, in that order: sums[0] the total, sums[1] its correction.
  (func (export "sumKeyed") (param $keys i32) (param $n i32) (param $sums i32)
    (local $p i32) (local $k i64) (local $x f64) (local $t f64) (local $total f64) (local $correction f64)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $k (i64.load (i32.add (local.get $keys) (i32.shl (local.get $p) (i32.const 3)))))
        ;; The key of a value >= 0 is its pattern with all but the sign bit complemented;
        ;; a negative value's key is its pattern.
        (local.set $x
          (f64.reinterpret_i64
            (if (result i64) (i64.lt_s (local.get $k) (i64.const 0))
              (then (local.get $k))
              (else (i64.xor (local.get $k) (i64.const 0x7fffffffffffffff))))))
        (local.set $t (f64.add (local.get $total) (local.get $x)))
        (local.set $correction
          (f64.add
            (local.get $correction)
            (if (result f64) (f64.ge (f64.abs (local.get $total)) (f64.abs (local.get $x)))
              (then (f64.add (f64.sub (local.get $total) (local.get $t)) (local.get $x)))
              (else (f64.add (f64.sub (local.get $x) (local.get $t)) (local.get $total))))))
        (local.set $total (local.get $t))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $p) (local.get $n)))))
    (f64.store (local.get $sums) (local.get $total))
    (f64.store (i32.add (local.get $sums) (i32.const 8)) (local.get $correction)))

  ;; sum(x) and sum(x * rank) of the n sorted values (rank = position + 1), both
  ;; compensated (Neumaier): sums[0], sums[1] the total and its correction, sums[2],
  ;; sums[3] the weighted sum and its correction.
  (func (export "weightedSums") (param $sorted i32) (param $n i32) (param $sums i32)
    (local $k i32) (local $x f64) (local $y f64) (local $t f64) (local $total f64)
    (local $totalCorrection f64) (local $weighted f64) (local $weightedCorrection f64)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $x (f64.load (i32.add (local.get $sorted) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $t (f64.add (local.get $total) (local.get $x)))
        (local.set $totalCorrection
          (f64.add
            (local.get $totalCorrection)
            (if (result f64) (f64.ge (f64.abs (local.get $total)) (f64.abs (local.get $x)))
              (then (f64.add (f64.sub (local.get $total) (local.get $t)) (local.get $x)))
              (else (f64.add (f64.sub (local.get $x) (local.get $t)) (local.get $total))))))
        (local.set $total (local.get $t))
        (local.set $y (f64.mul (f64.convert_i32_u (i32.add (local.get $k) (i32.const 1))) (local.get $x)))
        (local.set $t (f64.add (local.get $weighted) (local.get $y)))
        (local.set $weightedCorrection
          (f64.add
            (local.get $weightedCorrection)
            (if (result f64) (f64.ge (f64.abs (local.get $weighted)) (f64.abs (local.get $y)))
              (then (f64.add (f64.sub (local.get $weighted) (local.get $t)) (local.get $y)))
              (else (f64.add (f64.sub (local.get $y) (local.get $t)) (local.get $weighted))))))
        (local.set $weighted (local.get $t))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $k) (local.get $n)))))
    (f64.store (local.get $sums) (local.get $total))
    (f64.store (i32.add (local.get $sums) (i32.const 8)) (local.get $totalCorrection))
    (f64.store (i32.add (local.get $sums) (i32.const 16)) (local.get $weighted))
    (f64.store (i32.add (local.get $sums) (i32.const 24)) (local.get $weightedCorrection)))
)
