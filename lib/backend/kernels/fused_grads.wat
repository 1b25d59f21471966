;; Two gradients tfjs computes in two passes each, in one pass, with the same float32
;; operations in the same order, so the same bits:
;;
;;     reluGrad:    dx = dy · step(x)    step(x) = 1 for x > 0, NaN for a NaN x, 0 otherwise
;;     squareGrad:  dx = dy · (x · 2)
;;
;; Four values at a time with SIMD, then one at a time for the last 0-3. Addresses are byte
;; offsets into the imported memory.
;;
;; Assembled into fused_grads_wasm.ts by `deno task wasm`; edit this file, not that one.
(module
  (import "tfjs" "memory" (memory 0))

  (func (export "reluGrad")
    (param $dy i32) (param $x i32) (param $dx i32) (param $count i32)
    (local $at i32) (local $vectorEnd i32) (local $end i32)
    (local $xv v128) (local $xs f32)
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (local.set $vectorEnd (i32.and (local.get $end) (i32.const -16)))

    ;; Four values per iteration: step = x > 0 ? 1 : 0, then x itself where x is NaN.
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $vectorEnd)))
        (local.set $xv (v128.load (i32.add (local.get $x) (local.get $at))))
        (v128.store (i32.add (local.get $dx) (local.get $at))
          (f32x4.mul
            (v128.load (i32.add (local.get $dy) (local.get $at)))
            (v128.bitselect
              (local.get $xv)
              (v128.bitselect
                (f32x4.splat (f32.const 1))
                (f32x4.splat (f32.const 0))
                (f32x4.gt (local.get $xv) (f32x4.splat (f32.const 0))))
              (f32x4.ne (local.get $xv) (local.get $xv)))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $next)))

    ;; The last 0-3 values, one at a time.
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $xs (f32.load (i32.add (local.get $x) (local.get $at))))
        (f32.store (i32.add (local.get $dx) (local.get $at))
          (f32.mul
            (f32.load (i32.add (local.get $dy) (local.get $at)))
            (select
              (local.get $xs)
              (select (f32.const 1) (f32.const 0) (f32.gt (local.get $xs) (f32.const 0)))
              (f32.ne (local.get $xs) (local.get $xs)))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $tail))))

  (func (export "squareGrad")
    (param $dy i32) (param $x i32) (param $dx i32) (param $count i32)
    (local $at i32) (local $vectorEnd i32) (local $end i32)
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (local.set $vectorEnd (i32.and (local.get $end) (i32.const -16)))

    ;; Four values per iteration.
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $vectorEnd)))
        (v128.store (i32.add (local.get $dx) (local.get $at))
          (f32x4.mul
            (v128.load (i32.add (local.get $dy) (local.get $at)))
            (f32x4.mul
              (v128.load (i32.add (local.get $x) (local.get $at)))
              (f32x4.splat (f32.const 2)))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $next)))

    ;; The last 0-3 values, one at a time.
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $at) (local.get $end)))
        (f32.store (i32.add (local.get $dx) (local.get $at))
          (f32.mul
            (f32.load (i32.add (local.get $dy) (local.get $at)))
            (f32.mul (f32.load (i32.add (local.get $x) (local.get $at))) (f32.const 2))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $tail)))))
