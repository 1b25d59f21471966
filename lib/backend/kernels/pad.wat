;; Zero padding around NHWC float32 images on the wasm backend's memory: each image of x
;; (height x width x channels) copied into y (paddedHeight x paddedWidth x channels) with its
;; top left pixel at row $top, column $left, and zeros everywhere else. A row of x is
;; contiguous in both, so it goes in one memory.copy; the built-in PadV2 kernel moves one value
;; at a time, about ten times slower. Addresses are byte offsets into the imported memory; y may
;; not overlap x.
;;
;; Assembled into pad_wasm.ts by `deno task wasm`; edit this file, not that one.
(module
  (import "tfjs" "memory" (memory 0))

  (func (export "pad")
    (param $x i32) (param $y i32) (param $batch i32) (param $height i32) (param $width i32)
    (param $channels i32) (param $paddedHeight i32) (param $paddedWidth i32)
    (param $top i32) (param $left i32)
    (local $row i32) (local $rows i32) (local $rowBytes i32) (local $paddedRowBytes i32)
    (local $to i32)
    (local.set $rowBytes (i32.shl (i32.mul (local.get $width) (local.get $channels)) (i32.const 2)))
    (local.set $paddedRowBytes
      (i32.shl (i32.mul (local.get $paddedWidth) (local.get $channels)) (i32.const 2)))
    (memory.fill (local.get $y) (i32.const 0)
      (i32.mul (i32.mul (local.get $batch) (local.get $paddedHeight))
        (local.get $paddedRowBytes)))
    (local.set $rows (i32.mul (local.get $batch) (local.get $height)))
    ;; Row r of x (image r / height, line r % height) lands at line top + r % height of the
    ;; same image in y, left pixels in.
    (block $done
      (loop $eachRow
        (br_if $done (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $to
          (i32.add (local.get $y)
            (i32.add
              (i32.mul
                (i32.add
                  (i32.mul (i32.div_u (local.get $row) (local.get $height))
                    (local.get $paddedHeight))
                  (i32.add (local.get $top) (i32.rem_u (local.get $row) (local.get $height))))
                (local.get $paddedRowBytes))
              (i32.shl (i32.mul (local.get $left) (local.get $channels)) (i32.const 2)))))
        (memory.copy (local.get $to)
          (i32.add (local.get $x) (i32.mul (local.get $row) (local.get $rowBytes)))
          (local.get $rowBytes))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $eachRow))))
)
