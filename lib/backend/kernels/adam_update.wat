;; One Adam step for one variable, in a single pass over its values, on the wasm backend's
;; memory. TensorFlow.js's AdamOptimizer computes the same thing as 14 separate kernels, each a
;; pass over the whole variable:
;;
;;     m'    = m·β1 + g·(1 - β1)
;;     v'    = v·β2 + g²·(1 - β2)
;;     value' = (m' / (1 - β1ᵗ)) / (√(v' / (1 - β2ᵗ)) + ε) · (-learning rate) + value
;;
;; Every operation here is the same float32 operation in the same order as tfjs's kernels
;; (IEEE multiply, add, divide and square root round the same everywhere), so the results are
;; the same bits, with one exception: a new moment smaller in size than the smallest normal
;; float32 (2^-126, about 1.2e-38) becomes +0, as a processor's flush-to-zero mode would make
;; it. Such "denormal" numbers take x86 processors about 100 times longer per operation, and a
;; weight that gets no gradient (a ReLU unit that stays off) has its first moment shrink by β1
;; every step until it is one. Its update was at most learning rate · 2^-126 / ε, nothing.
;; Four values at a time with SIMD, then one at a time for the last 0-3.
;; Addresses are byte offsets into the imported memory; outputs may not overlap inputs.
;;
;; Assembled into adam_update_wasm.ts by `deno task wasm`; edit this file, not that one.
(module
  (import "tfjs" "memory" (memory 0))

  ;; The smallest normal float32, 2^-126.
  (global $smallestNormal f32 (f32.const 0x1p-126))

  ;; Each of four values, or +0 where its size is below the smallest normal float32 (NaN stays).
  (func $flush4 (param $x v128) (result v128)
    (v128.bitselect
      (f32x4.splat (f32.const 0))
      (local.get $x)
      (f32x4.lt (f32x4.abs (local.get $x)) (f32x4.splat (global.get $smallestNormal)))))

  ;; One value, or +0 where its size is below the smallest normal float32 (NaN stays).
  (func $flush (param $x f32) (result f32)
    (select
      (f32.const 0)
      (local.get $x)
      (f32.lt (f32.abs (local.get $x)) (global.get $smallestNormal))))

  (func (export "adam")
    (param $value i32) (param $gradient i32) (param $m i32) (param $v i32)
    (param $newValue i32) (param $newM i32) (param $newV i32) (param $count i32)
    (param $beta1 f32) (param $oneMinusBeta1 f32) (param $beta2 f32) (param $oneMinusBeta2 f32)
    (param $oneMinusAccBeta1 f32) (param $oneMinusAccBeta2 f32)
    (param $epsilon f32) (param $negativeRate f32)
    (local $at i32) (local $vectorEnd i32) (local $end i32)
    (local $g v128) (local $m1 v128) (local $v1 v128)
    (local $gs f32) (local $m1s f32) (local $v1s f32)
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (local.set $vectorEnd (i32.and (local.get $end) (i32.const -16)))

    ;; Four values per iteration.
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $vectorEnd)))
        (local.set $g (v128.load (i32.add (local.get $gradient) (local.get $at))))
        (local.set $m1
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $at)))
                       (f32x4.splat (local.get $beta1)))
            (f32x4.mul (local.get $g) (f32x4.splat (local.get $oneMinusBeta1)))))
        (local.set $v1
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $at)))
                       (f32x4.splat (local.get $beta2)))
            (f32x4.mul (f32x4.mul (local.get $g) (local.get $g))
                       (f32x4.splat (local.get $oneMinusBeta2)))))
        (local.set $m1 (call $flush4 (local.get $m1)))
        (local.set $v1 (call $flush4 (local.get $v1)))
        (v128.store (i32.add (local.get $newM) (local.get $at)) (local.get $m1))
        (v128.store (i32.add (local.get $newV) (local.get $at)) (local.get $v1))
        (v128.store (i32.add (local.get $newValue) (local.get $at))
          (f32x4.add
            (f32x4.mul
              (f32x4.div
                (f32x4.div (local.get $m1) (f32x4.splat (local.get $oneMinusAccBeta1)))
                (f32x4.add
                  (f32x4.sqrt
                    (f32x4.div (local.get $v1) (f32x4.splat (local.get $oneMinusAccBeta2))))
                  (f32x4.splat (local.get $epsilon))))
              (f32x4.splat (local.get $negativeRate)))
            (v128.load (i32.add (local.get $value) (local.get $at)))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $next)))

    ;; The last 0-3 values, one at a time: the same operations on single floats.
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $gs (f32.load (i32.add (local.get $gradient) (local.get $at))))
        (local.set $m1s
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $m) (local.get $at))) (local.get $beta1))
            (f32.mul (local.get $gs) (local.get $oneMinusBeta1))))
        (local.set $v1s
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $v) (local.get $at))) (local.get $beta2))
            (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $oneMinusBeta2))))
        (local.set $m1s (call $flush (local.get $m1s)))
        (local.set $v1s (call $flush (local.get $v1s)))
        (f32.store (i32.add (local.get $newM) (local.get $at)) (local.get $m1s))
        (f32.store (i32.add (local.get $newV) (local.get $at)) (local.get $v1s))
        (f32.store (i32.add (local.get $newValue) (local.get $at))
          (f32.add
            (f32.mul
              (f32.div
                (f32.div (local.get $m1s) (local.get $oneMinusAccBeta1))
                (f32.add
                  (f32.sqrt (f32.div (local.get $v1s) (local.get $oneMinusAccBeta2)))
                  (local.get $epsilon)))
              (local.get $negativeRate))
            (f32.load (i32.add (local.get $value) (local.get $at)))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $tail)))))
