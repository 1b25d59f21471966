;; Batch normalisation's forward pass, per channel, in one pass over the batch:
;;
;;     y = (x - mean[c]) · factor[c] + offset[c]        factor = scale / √(variance + ε)
;;
;; for x laid out as rows of `channels` values (NHWC, or [batch, features]) and the three
;; per-channel vectors given. Four channels at a time with SIMD, then one at a time for a row's
;; last 0-3 channels. Addresses are byte offsets into the imported memory.
;;
;; Assembled into batch_norm_wasm.ts by `deno task wasm`; edit this file, not that one.
(module
  (import "tfjs" "memory" (memory 0))

  (func (export "batchNorm")
    (param $x i32) (param $out i32) (param $rows i32) (param $channels i32)
    (param $mean i32) (param $factor i32) (param $offset i32)
    (local $rowBytes i32) (local $vectorBytes i32) (local $row i32) (local $at i32)
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
            (v128.store (i32.add (local.get $out) (local.get $at))
              (f32x4.add
                (f32x4.mul
                  (f32x4.sub
                    (v128.load (i32.add (local.get $x) (local.get $at)))
                    (v128.load (i32.add (local.get $mean) (local.get $at))))
                  (v128.load (i32.add (local.get $factor) (local.get $at))))
                (v128.load (i32.add (local.get $offset) (local.get $at)))))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (br $vector)))
        ;; The row's last 0-3 channels.
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $at) (local.get $rowBytes)))
            (f32.store (i32.add (local.get $out) (local.get $at))
              (f32.add
                (f32.mul
                  (f32.sub
                    (f32.load (i32.add (local.get $x) (local.get $at)))
                    (f32.load (i32.add (local.get $mean) (local.get $at))))
                  (f32.load (i32.add (local.get $factor) (local.get $at))))
                (f32.load (i32.add (local.get $offset) (local.get $at)))))
            (local.set $at (i32.add (local.get $at) (i32.const 4)))
            (br $tail)))
        (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
        (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $nextRow)))))
