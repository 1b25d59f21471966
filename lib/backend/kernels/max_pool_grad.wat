;; The gradient of max pooling over 2×2 windows with stride 2 and no padding (the course's
;; pooling), in NHWC float32 tensors on the wasm backend's memory. Each window of the input x,
;;
;;     a b      (a at row 2i, column 2j; b to its right, d below it, e diagonally)
;;     d e
;;
;; sends its output gradient dy[n, i, j, c] to its first maximum in reading order a, b, d, e,
;; and 0 to the other three; NaN never wins, and a window of nothing but -∞ and NaN sends
;; nothing (what tfjs's cpu kernel and TensorFlow do). Keeping a running best, each value wins
;; when it is strictly greater than the best so far (so a tie keeps the earlier value, and NaN,
;; never greater, never wins); the maximum is the last value that won:
;;
;;     best = -∞
;;     wonA = a > best, best = wonA ? a : best      (and the same for b, then d)
;;     wonE = e > best
;;     dx_e = wonE ? dy : 0
;;     dx_d = wonD and not wonE ? dy : 0
;;     dx_b = wonB and not (wonD or wonE) ? dy : 0
;;     dx_a = wonA and not (wonB or wonD or wonE) ? dy : 0
;;
;; Four channels at a time with SIMD (f32x4.gt gives all-ones lanes where a value won,
;; v128.bitselect keeps the best, and dy masked by a lane's mask is dy or +0), then one at a time
;; for the last 0-3 channels of each window, so every channel count works (less code than
;; keeping JavaScript's 2×2 loop for channel counts not divisible by 4). Every dx value of
;; every window is written; a last row or column that no window reaches (odd input sizes) is
;; left to the caller. Addresses are byte offsets into the imported memory; dx may not overlap
;; x or dy.
;;
;; Assembled into max_pool_grad_wasm.ts by `deno task wasm`; edit this file, not that one.
(module
  (import "tfjs" "memory" (memory 0))

  ;; dx for every window of x, given dy (shape [images, outHeight, outWidth, channels]); x and dx
  ;; have shape [images, inHeight, inWidth, channels], with 2·outHeight ≤ inHeight and
  ;; 2·outWidth ≤ inWidth.
  (func (export "maxPoolGrad2x2")
    (param $x i32) (param $dy i32) (param $dx i32) (param $images i32)
    (param $inHeight i32) (param $inWidth i32) (param $channels i32)
    (param $outHeight i32) (param $outWidth i32)
    (local $right i32) (local $down i32) (local $diagonal i32)
    (local $n i32) (local $i i32) (local $j i32)
    (local $top i32) (local $at i32) (local $vectorEnd i32) (local $end i32)
    (local $from i32) (local $to i32)
    (local $best4 v128) (local $value4 v128) (local $gradient4 v128) (local $later4 v128)
    (local $wonA4 v128) (local $wonB4 v128) (local $wonD4 v128) (local $wonE4 v128)
    (local $best f32) (local $value f32) (local $gradient f32) (local $later i32)
    (local $wonA i32) (local $wonB i32) (local $wonD i32) (local $wonE i32)
    ;; Byte distances from a to b, d and e.
    (local.set $right (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $down (i32.mul (local.get $inWidth) (local.get $right)))
    (local.set $diagonal (i32.add (local.get $down) (local.get $right)))

    (block $imagesDone
      (loop $image
        (br_if $imagesDone (i32.ge_u (local.get $n) (local.get $images)))
        (local.set $i (i32.const 0))
        (block $rowsDone
          (loop $row
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $outHeight)))
            ;; The first window's a: row 2i of image n.
            (local.set $top
              (i32.mul
                (i32.add (i32.mul (local.get $n) (local.get $inHeight))
                         (i32.shl (local.get $i) (i32.const 1)))
                (local.get $down)))
            (local.set $j (i32.const 0))
            (block $windowsDone
              (loop $window
                (br_if $windowsDone (i32.ge_u (local.get $j) (local.get $outWidth)))
                (local.set $at (local.get $top))
                (local.set $end (i32.add (local.get $top) (local.get $right)))
                (local.set $vectorEnd
                  (i32.add (local.get $top) (i32.and (local.get $right) (i32.const -16))))

                ;; Four channels per iteration.
                (block $vectorsDone
                  (loop $vectors
                    (br_if $vectorsDone (i32.ge_u (local.get $at) (local.get $vectorEnd)))
                    (local.set $from (i32.add (local.get $x) (local.get $at)))
                    (local.set $to (i32.add (local.get $dx) (local.get $at)))
                    (local.set $value4 (v128.load (local.get $from)))
                    (local.set $wonA4
                      (f32x4.gt (local.get $value4) (f32x4.splat (f32.const -inf))))
                    (local.set $best4
                      (v128.bitselect (local.get $value4) (f32x4.splat (f32.const -inf))
                                      (local.get $wonA4)))
                    (local.set $value4
                      (v128.load (i32.add (local.get $from) (local.get $right))))
                    (local.set $wonB4 (f32x4.gt (local.get $value4) (local.get $best4)))
                    (local.set $best4
                      (v128.bitselect (local.get $value4) (local.get $best4) (local.get $wonB4)))
                    (local.set $value4 (v128.load (i32.add (local.get $from) (local.get $down))))
                    (local.set $wonD4 (f32x4.gt (local.get $value4) (local.get $best4)))
                    (local.set $best4
                      (v128.bitselect (local.get $value4) (local.get $best4) (local.get $wonD4)))
                    (local.set $wonE4
                      (f32x4.gt (v128.load (i32.add (local.get $from) (local.get $diagonal)))
                                (local.get $best4)))
                    ;; Each dx: dy where this value won and none after it did.
                    (local.set $gradient4 (v128.load (local.get $dy)))
                    (v128.store (i32.add (local.get $to) (local.get $diagonal))
                      (v128.and (local.get $gradient4) (local.get $wonE4)))
                    (v128.store (i32.add (local.get $to) (local.get $down))
                      (v128.and (local.get $gradient4)
                                (v128.andnot (local.get $wonD4) (local.get $wonE4))))
                    (local.set $later4 (v128.or (local.get $wonD4) (local.get $wonE4)))
                    (v128.store (i32.add (local.get $to) (local.get $right))
                      (v128.and (local.get $gradient4)
                                (v128.andnot (local.get $wonB4) (local.get $later4))))
                    (local.set $later4 (v128.or (local.get $wonB4) (local.get $later4)))
                    (v128.store (local.get $to)
                      (v128.and (local.get $gradient4)
                                (v128.andnot (local.get $wonA4) (local.get $later4))))
                    (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
                    (local.set $at (i32.add (local.get $at) (i32.const 16)))
                    (br $vectors)))

                ;; The last 0-3 channels, one at a time: the same steps on single floats.
                (block $tailDone
                  (loop $tail
                    (br_if $tailDone (i32.ge_u (local.get $at) (local.get $end)))
                    (local.set $from (i32.add (local.get $x) (local.get $at)))
                    (local.set $to (i32.add (local.get $dx) (local.get $at)))
                    (local.set $value (f32.load (local.get $from)))
                    (local.set $wonA (f32.gt (local.get $value) (f32.const -inf)))
                    (local.set $best
                      (select (local.get $value) (f32.const -inf) (local.get $wonA)))
                    (local.set $value (f32.load (i32.add (local.get $from) (local.get $right))))
                    (local.set $wonB (f32.gt (local.get $value) (local.get $best)))
                    (local.set $best
                      (select (local.get $value) (local.get $best) (local.get $wonB)))
                    (local.set $value (f32.load (i32.add (local.get $from) (local.get $down))))
                    (local.set $wonD (f32.gt (local.get $value) (local.get $best)))
                    (local.set $best
                      (select (local.get $value) (local.get $best) (local.get $wonD)))
                    (local.set $wonE
                      (f32.gt (f32.load (i32.add (local.get $from) (local.get $diagonal)))
                              (local.get $best)))
                    (local.set $gradient (f32.load (local.get $dy)))
                    (f32.store (i32.add (local.get $to) (local.get $diagonal))
                      (select (local.get $gradient) (f32.const 0) (local.get $wonE)))
                    (f32.store (i32.add (local.get $to) (local.get $down))
                      (select (local.get $gradient) (f32.const 0)
                              (i32.and (local.get $wonD) (i32.eqz (local.get $wonE)))))
                    (local.set $later (i32.or (local.get $wonD) (local.get $wonE)))
                    (f32.store (i32.add (local.get $to) (local.get $right))
                      (select (local.get $gradient) (f32.const 0)
                              (i32.and (local.get $wonB) (i32.eqz (local.get $later)))))
                    (local.set $later (i32.or (local.get $wonB) (local.get $later)))
                    (f32.store (local.get $to)
                      (select (local.get $gradient) (f32.const 0)
                              (i32.and (local.get $wonA) (i32.eqz (local.get $later)))))
                    (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
                    (local.set $at (i32.add (local.get $at) (i32.const 4)))
                    (br $tail)))

                ;; The next window starts two pixels to the right.
                (local.set $top
                  (i32.add (local.get $top) (i32.shl (local.get $right) (i32.const 1))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $window)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $row)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $image)))))
