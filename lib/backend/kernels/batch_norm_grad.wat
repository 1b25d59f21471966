;; The two per-channel sums batch normalisation's gradient needs, in one pass over the batch:
;;
;;     sumDy[c]         += Σ over rows of dy[row, c]
;;     sumDyCentred[c]  += Σ over rows of dy[row, c] · (x[row, c] - mean[c])
;;
;; for dy and x laid out as rows of `channels` values (NHWC, or [batch, features]). The sums
;; are added to what the two output vectors hold (the caller zeroes them, and keeps the rows it
;; passes per call few enough that float32 sums stay accurate). Four channels at a time with
;; SIMD, then one at a time for a row's last 0-3 channels. Addresses are byte offsets into the
;; imported memory.
;;
;; Assembled into batch_norm_grad_wasm.ts by `deno task wasm`; edit this file, not that one.
(module
  (import "tfjs" "memory" (memory 0))

  (func (export "channelSums")
    (param $dy i32) (param $x i32) (param $mean i32) (param $rows i32) (param $channels i32)
    (param $sumDy i32) (param $sumDyCentred i32)
    (local $rowBytes i32) (local $vectorBytes i32) (local $row i32) (local $at i32)
    (local $g v128) (local $gs f32)
    (local.set $rowBytes (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $vectorBytes (i32.and (local.get $rowBytes) (i32.const -16)))
    (block $done
      (loop $nextRow
        (br_if $done (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $at (i32.const 0))
        ;; Four channels per iteration.
        (block $vectorsDone
          (loop $vector
            (br_if $vectorsDone (i32.ge_u (local.get $at) (local.get $vectorBytes)))
            (local.set $g (v128.load (i32.add (local.get $dy) (local.get $at))))
            (v128.store (i32.add (local.get $sumDy) (local.get $at))
              (f32x4.add (v128.load (i32.add (local.get $sumDy) (local.get $at))) (local.get $g)))
            (v128.store (i32.add (local.get $sumDyCentred) (local.get $at))
              (f32x4.add
                (v128.load (i32.add (local.get $sumDyCentred) (local.get $at)))
                (f32x4.mul
                  (local.get $g)
                  (f32x4.sub
                    (v128.load (i32.add (local.get $x) (local.get $at)))
                    (v128.load (i32.add (local.get $mean) (local.get $at)))))))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (br $vector)))
        ;; The row's last 0-3 channels.
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $at) (local.get $rowBytes)))
            (local.set $gs (f32.load (i32.add (local.get $dy) (local.get $at))))
            (f32.store (i32.add (local.get $sumDy) (local.get $at))
              (f32.add (f32.load (i32.add (local.get $sumDy) (local.get $at))) (local.get $gs)))
            (f32.store (i32.add (local.get $sumDyCentred) (local.get $at))
              (f32.add
                (f32.load (i32.add (local.get $sumDyCentred) (local.get $at)))
                (f32.mul
                  (local.get $gs)
                  (f32.sub
                    (f32.load (i32.add (local.get $x) (local.get $at)))
                    (f32.load (i32.add (local.get $mean) (local.get $at)))))))
            (local.set $at (i32.add (local.get $at) (i32.const 4)))
            (br $tail)))
        (local.set $dy (i32.add (local.get $dy) (local.get $rowBytes)))
        (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $nextRow)))))
