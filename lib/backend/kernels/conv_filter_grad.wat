;; The filter gradient of a 2-D convolution (NHWC), computed straight from the input and the
;; output gradient, with no copy of either:
;;
;;     dw[kh, kw, ci, co] = Σ_{n, i, j} x[n, s·i + kh, t·j + kw, ci] · dy[n, i, j, co]
;;
;; where x is the input already padded as the forward pass padded it, and s and t are the
;; strides. Read as a matrix product, dw's rows are the filter taps m = (kh, kw, ci), its
;; columns the output channels co, and the sum runs over every output pixel.
;;
;; The work is done in tiles of 4 rows by 8 columns whose 32 sums stay in eight SIMD registers
;; while the loop walks one image's output pixels: per pixel, two loads of dy's 8 channels, and
;; for each row one value of x, broadcast to four lanes, times them. A tile reads x through one
;; pointer per row, each moving by the same step from pixel to pixel, so rows may belong to
;; different taps (a first layer with one input channel has 9 rows, one per tap). Rows left
;; over when the rows are not a multiple of 4 go one at a time. Images go one after another, so
;; each image's x and dy stay in the cache while every tile sweeps them.
;;
;; Sums are float32, added in pixel order (multiply, then add: no fused multiply-add, so the
;; results are the same on every machine). Addresses are byte offsets into the imported memory;
;; the output channels must be a multiple of 8.
;;
;; Assembled into conv_filter_grad_wasm.ts by `deno task wasm`; edit this file, not that one.
(module
  (import "tfjs" "memory" (memory 0))

  ;; Adds to the 4x8 tile of dw at $dw the products of 4 rows of x (starting at $x plus each
  ;; row's offset $o0..$o3) and 8 channels of dy (at $dy), over one image's output pixels.
  (func $tile4
    (param $x i32) (param $dy i32) (param $dw i32)
    (param $o0 i32) (param $o1 i32) (param $o2 i32) (param $o3 i32)
    (param $images i32) (param $xImage i32) (param $outHeight i32) (param $outWidth i32)
    (param $pixelStep i32) (param $rowStep i32) (param $dyPixel i32) (param $dwRow i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $d0 v128) (local $d1 v128) (local $s v128)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $row i32) (local $column i32) (local $at i32) (local $xRow i32)
    (local.set $at (local.get $dw))
    (local.set $c00 (v128.load (local.get $at)))
    (local.set $c01 (v128.load offset=16 (local.get $at)))
    (local.set $at (i32.add (local.get $at) (local.get $dwRow)))
    (local.set $c10 (v128.load (local.get $at)))
    (local.set $c11 (v128.load offset=16 (local.get $at)))
    (local.set $at (i32.add (local.get $at) (local.get $dwRow)))
    (local.set $c20 (v128.load (local.get $at)))
    (local.set $c21 (v128.load offset=16 (local.get $at)))
    (local.set $at (i32.add (local.get $at) (local.get $dwRow)))
    (local.set $c30 (v128.load (local.get $at)))
    (local.set $c31 (v128.load offset=16 (local.get $at)))
    (loop $images
    (local.set $xRow (local.get $x))
    (local.set $row (local.get $outHeight))
    (loop $rows
      (local.set $p0 (i32.add (local.get $xRow) (local.get $o0)))
      (local.set $p1 (i32.add (local.get $xRow) (local.get $o1)))
      (local.set $p2 (i32.add (local.get $xRow) (local.get $o2)))
      (local.set $p3 (i32.add (local.get $xRow) (local.get $o3)))
      (local.set $column (local.get $outWidth))
      (loop $columns
        (local.set $d0 (v128.load (local.get $dy)))
        (local.set $d1 (v128.load offset=16 (local.get $dy)))
        (local.set $s (v128.load32_splat (local.get $p0)))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $s) (local.get $d0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $s) (local.get $d1))))
        (local.set $s (v128.load32_splat (local.get $p1)))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $s) (local.get $d0))))
        (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $s) (local.get $d1))))
        (local.set $s (v128.load32_splat (local.get $p2)))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $s) (local.get $d0))))
        (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $s) (local.get $d1))))
        (local.set $s (v128.load32_splat (local.get $p3)))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $s) (local.get $d0))))
        (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $s) (local.get $d1))))
        (local.set $p0 (i32.add (local.get $p0) (local.get $pixelStep)))
        (local.set $p1 (i32.add (local.get $p1) (local.get $pixelStep)))
        (local.set $p2 (i32.add (local.get $p2) (local.get $pixelStep)))
        (local.set $p3 (i32.add (local.get $p3) (local.get $pixelStep)))
        (local.set $dy (i32.add (local.get $dy) (local.get $dyPixel)))
        (br_if $columns
          (local.tee $column (i32.sub (local.get $column) (i32.const 1)))))
      (local.set $xRow (i32.add (local.get $xRow) (local.get $rowStep)))
      (br_if $rows (local.tee $row (i32.sub (local.get $row) (i32.const 1)))))
    (local.set $x (i32.add (local.get $x) (local.get $xImage)))
    (br_if $images (local.tee $images (i32.sub (local.get $images) (i32.const 1)))))
    (local.set $at (local.get $dw))
    (v128.store (local.get $at) (local.get $c00))
    (v128.store offset=16 (local.get $at) (local.get $c01))
    (local.set $at (i32.add (local.get $at) (local.get $dwRow)))
    (v128.store (local.get $at) (local.get $c10))
    (v128.store offset=16 (local.get $at) (local.get $c11))
    (local.set $at (i32.add (local.get $at) (local.get $dwRow)))
    (v128.store (local.get $at) (local.get $c20))
    (v128.store offset=16 (local.get $at) (local.get $c21))
    (local.set $at (i32.add (local.get $at) (local.get $dwRow)))
    (v128.store (local.get $at) (local.get $c30))
    (v128.store offset=16 (local.get $at) (local.get $c31)))

  ;; $tile4 for a single row (offset $o0): the rows left over after the tiles of 4.
  (func $tile1
    (param $x i32) (param $dy i32) (param $dw i32) (param $o0 i32)
    (param $images i32) (param $xImage i32) (param $outHeight i32) (param $outWidth i32)
    (param $pixelStep i32) (param $rowStep i32) (param $dyPixel i32)
    (local $c00 v128) (local $c01 v128) (local $s v128)
    (local $p0 i32) (local $row i32) (local $column i32) (local $xRow i32)
    (local.set $c00 (v128.load (local.get $dw)))
    (local.set $c01 (v128.load offset=16 (local.get $dw)))
    (loop $images
    (local.set $xRow (local.get $x))
    (local.set $row (local.get $outHeight))
    (loop $rows
      (local.set $p0 (i32.add (local.get $xRow) (local.get $o0)))
      (local.set $column (local.get $outWidth))
      (loop $columns
        (local.set $s (v128.load32_splat (local.get $p0)))
        (local.set $c00
          (f32x4.add (local.get $c00) (f32x4.mul (local.get $s) (v128.load (local.get $dy)))))
        (local.set $c01
          (f32x4.add (local.get $c01)
            (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $dy)))))
        (local.set $p0 (i32.add (local.get $p0) (local.get $pixelStep)))
        (local.set $dy (i32.add (local.get $dy) (local.get $dyPixel)))
        (br_if $columns
          (local.tee $column (i32.sub (local.get $column) (i32.const 1)))))
      (local.set $xRow (i32.add (local.get $xRow) (local.get $rowStep)))
      (br_if $rows (local.tee $row (i32.sub (local.get $row) (i32.const 1)))))
    (local.set $x (i32.add (local.get $x) (local.get $xImage)))
    (br_if $images (local.tee $images (i32.sub (local.get $images) (i32.const 1)))))
    (v128.store (local.get $dw) (local.get $c00))
    (v128.store offset=16 (local.get $dw) (local.get $c01)))

  ;; Where row m = (kh, kw, ci) of dw reads x, in bytes from the image's first value.
  (func $rowOffset
    (param $m i32) (param $inWidth i32) (param $inChannels i32) (param $filterWidth i32)
    (result i32)
    (local $tap i32)
    (local.set $tap (i32.div_u (local.get $m) (local.get $inChannels)))
    (i32.shl
      (i32.add
        (i32.mul
          (i32.add
            (i32.mul
              (i32.div_u (local.get $tap) (local.get $filterWidth))
              (local.get $inWidth))
            (i32.rem_u (local.get $tap) (local.get $filterWidth)))
          (local.get $inChannels))
        (i32.rem_u (local.get $m) (local.get $inChannels)))
      (i32.const 2)))

  ;; dw (filterHeight x filterWidth x inChannels x outChannels) = the gradient above, for x
  ;; (batch x inHeight x inWidth x inChannels, padded) and dy (batch x outHeight x outWidth x
  ;; outChannels). Overwrites dw; $offsets is scratch space for one i32 per row of dw.
  (func (export "filterGrad")
    (param $x i32) (param $dy i32) (param $dw i32) (param $offsets i32)
    (param $batch i32) (param $inHeight i32) (param $inWidth i32) (param $inChannels i32)
    (param $outHeight i32) (param $outWidth i32) (param $outChannels i32)
    (param $filterHeight i32) (param $filterWidth i32)
    (param $strideHeight i32) (param $strideWidth i32)
    (local $rows i32) (local $dwRow i32) (local $pixelStep i32) (local $rowStep i32)
    (local $xImage i32) (local $dyImage i32) (local $blockImages i32) (local $images i32)
    (local $image i32) (local $column i32) (local $m i32) (local $at i32)
    (local $xAt i32) (local $dyAt i32)
    (local.set $rows
      (i32.mul (i32.mul (local.get $filterHeight) (local.get $filterWidth))
        (local.get $inChannels)))
    (local.set $dwRow (i32.shl (local.get $outChannels) (i32.const 2)))
    (local.set $pixelStep
      (i32.shl (i32.mul (local.get $strideWidth) (local.get $inChannels)) (i32.const 2)))
    (local.set $rowStep
      (i32.shl
        (i32.mul (i32.mul (local.get $strideHeight) (local.get $inWidth))
          (local.get $inChannels))
        (i32.const 2)))
    (local.set $xImage
      (i32.shl
        (i32.mul (i32.mul (local.get $inHeight) (local.get $inWidth)) (local.get $inChannels))
        (i32.const 2)))
    (local.set $dyImage
      (i32.mul (i32.mul (local.get $outHeight) (local.get $outWidth)) (local.get $dwRow)))
    (memory.fill (local.get $dw) (i32.const 0) (i32.mul (local.get $rows) (local.get $dwRow)))
    (if (i32.or (i32.eqz (local.get $outHeight)) (i32.eqz (local.get $outWidth)))
      (then (return)))
    ;; As many images at a time as fit in 256 KB of cache (at least one).
    (local.set $blockImages
      (i32.div_u (i32.const 262144) (i32.add (local.get $xImage) (local.get $dyImage))))
    (if (i32.eqz (local.get $blockImages)) (then (local.set $blockImages (i32.const 1))))

    ;; Where each row of dw reads x, in bytes from an image's first value.
    (local.set $m (i32.const 0))
    (block $offsetsDone
      (loop $eachRow
        (br_if $offsetsDone (i32.ge_u (local.get $m) (local.get $rows)))
        (i32.store (i32.add (local.get $offsets) (i32.shl (local.get $m) (i32.const 2)))
          (call $rowOffset (local.get $m)
            (local.get $inWidth) (local.get $inChannels) (local.get $filterWidth)))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $eachRow)))

    (local.set $image (i32.const 0))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $image) (local.get $batch)))
        (local.set $images (i32.sub (local.get $batch) (local.get $image)))
        (if (i32.gt_u (local.get $images) (local.get $blockImages))
          (then (local.set $images (local.get $blockImages))))
        (local.set $xAt
          (i32.add (local.get $x) (i32.mul (local.get $image) (local.get $xImage))))
        (local.set $dyAt
          (i32.add (local.get $dy) (i32.mul (local.get $image) (local.get $dyImage))))
        ;; Every tile of 8 output channels...
        (local.set $column (i32.const 0))
        (block $columnsDone
          (loop $columns
            (br_if $columnsDone (i32.ge_u (local.get $column) (local.get $dwRow)))
            ;; ...with rows 4 at a time...
            (local.set $m (i32.const 0))
            (local.set $at (local.get $offsets))
            (block $foursDone
              (loop $fours
                (br_if $foursDone
                  (i32.gt_u (i32.add (local.get $m) (i32.const 4)) (local.get $rows)))
                (call $tile4
                  (local.get $xAt)
                  (i32.add (local.get $dyAt) (local.get $column))
                  (i32.add (i32.add (local.get $dw) (local.get $column))
                    (i32.mul (local.get $m) (local.get $dwRow)))
                  (i32.load (local.get $at))
                  (i32.load offset=4 (local.get $at))
                  (i32.load offset=8 (local.get $at))
                  (i32.load offset=12 (local.get $at))
                  (local.get $images) (local.get $xImage)
                  (local.get $outHeight) (local.get $outWidth)
                  (local.get $pixelStep) (local.get $rowStep) (local.get $dwRow)
                  (local.get $dwRow))
                (local.set $m (i32.add (local.get $m) (i32.const 4)))
                (local.set $at (i32.add (local.get $at) (i32.const 16)))
                (br $fours)))
            ;; ...then the rest one at a time.
            (block $onesDone
              (loop $ones
                (br_if $onesDone (i32.ge_u (local.get $m) (local.get $rows)))
                (call $tile1
                  (local.get $xAt)
                  (i32.add (local.get $dyAt) (local.get $column))
                  (i32.add (i32.add (local.get $dw) (local.get $column))
                    (i32.mul (local.get $m) (local.get $dwRow)))
                  (i32.load (local.get $at))
                  (local.get $images) (local.get $xImage)
                  (local.get $outHeight) (local.get $outWidth)
                  (local.get $pixelStep) (local.get $rowStep) (local.get $dwRow))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))
                (local.set $at (i32.add (local.get $at) (i32.const 4)))
                (br $ones)))
            (local.set $column (i32.add (local.get $column) (i32.const 32)))
            (br $columns)))
        (local.set $image (i32.add (local.get $image) (local.get $images)))
        (br $blocks))))
)
