;; The engine's radix sort in WebAssembly text: `npm run wasm` compiles it into
;; radixWasm.ts (the bytes). A least-significant-digit radix sort (Knuth, TAOCP vol. 3,
;; 5.2.5) of unsigned 64-bit keys, 11 bits a pass, a pass skipped where every key has the
;; same digit; stable. WebAssembly is compiled before it runs, so even a first call sorts
;; at full speed. Where it is missing, rank.ts sorts the same keys natively: the same order.
(module
  (import "env" "memory" (memory 1))

  ;; Sorts the n keys at $src by their bits from $fromBit up (keys equal in those bits keep
  ;; their order). Uses $tmp (8n bytes) and $counts (8 KiB); returns the address of the
  ;; sorted keys, $src or $tmp.
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
    (local.get $src)))
