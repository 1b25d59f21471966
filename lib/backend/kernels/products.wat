;; Sums of products in register tiles: a convolution's filter gradient and a matrix product,
;; both computed as C += A · B where A is read one value at a time and B eight values at a time.
;;
;; The work is done in tiles of 4 rows by 8 columns of C whose 32 sums stay in eight SIMD
;; registers while the loop walks the sum's index k: per k, two loads of B's 8 columns, and for
;; each of the 4 rows one value of A, broadcast to four lanes, times them. A tile reads A through
;; one pointer per row, each moving by the same step as k advances, so A can be laid out any
;; way; B's 8 columns must be side by side in memory. k may walk two levels (the pixels of an
;; image row, then the rows): that is what lets a convolution read its input in place. Rows
;; left over when there are not a multiple of 4 go one at a time.
;;
;; Filter gradient (filterGrad). With x the input padded as the forward pass padded it, s and t
;; the strides:
;;
;;     dw[kh, kw, ci, co] = Σ_{n, i, j} x[n, s·i + kh, t·j + kw, ci] · dy[n, i, j, co]
;;
;; C = dw with rows m = (kh, kw, ci) and columns co, A = x read at each row's tap, B = dy, and k
;; runs over every output pixel. Images go one after another (a few at a time when they are
;; small), so their x and dy stay in the cache while every tile sweeps them.
;;
;; Matrix product (matMul). C = A · B, all row by row; B is first copied into panels of 8
;; columns, and k goes in chunks short enough that a panel's chunk stays in the cache while
;; every tile of a block of rows sweeps it.
;;
;; Sums are float32, added in order of k (multiply, then add: no fused multiply-add, so the
;; results are the same on every machine). Addresses are byte offsets into the imported memory;
;; C's columns must be a multiple of 8.
;;
;; Assembled into products_wasm.ts by `deno task wasm`; edit this file, not that one.
(module
  (import "tfjs" "memory" (memory 0))

  ;; Adds to the 4x8 tile of C at $c (rows $cRow bytes apart) the products of 4 rows of A, read
  ;; at $a plus each row's offset $o0..$o3, and 8 columns of B, read at $b. k walks $blocks
  ;; blocks ($aBlock bytes apart in A) of $lines lines ($aLine apart) of $lineLength steps
  ;; ($aStep apart); B moves on by $bStep per step, straight through blocks and lines.
  (func $tile4
    (param $a i32) (param $b i32) (param $c i32)
    (param $o0 i32) (param $o1 i32) (param $o2 i32) (param $o3 i32)
    (param $blocks i32) (param $aBlock i32) (param $lines i32) (param $lineLength i32)
    (param $aStep i32) (param $aLine i32) (param $bStep i32) (param $cRow i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $d0 v128) (local $d1 v128) (local $s v128)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $line i32) (local $left i32) (local $at i32) (local $aLineAt i32)
    (local.set $at (local.get $c))
    (local.set $c00 (v128.load (local.get $at)))
    (local.set $c01 (v128.load offset=16 (local.get $at)))
    (local.set $at (i32.add (local.get $at) (local.get $cRow)))
    (local.set $c10 (v128.load (local.get $at)))
    (local.set $c11 (v128.load offset=16 (local.get $at)))
    (local.set $at (i32.add (local.get $at) (local.get $cRow)))
    (local.set $c20 (v128.load (local.get $at)))
    (local.set $c21 (v128.load offset=16 (local.get $at)))
    (local.set $at (i32.add (local.get $at) (local.get $cRow)))
    (local.set $c30 (v128.load (local.get $at)))
    (local.set $c31 (v128.load offset=16 (local.get $at)))
    (loop $eachBlock
    (local.set $aLineAt (local.get $a))
    (local.set $line (local.get $lines))
    (loop $eachLine
      (local.set $p0 (i32.add (local.get $aLineAt) (local.get $o0)))
      (local.set $p1 (i32.add (local.get $aLineAt) (local.get $o1)))
      (local.set $p2 (i32.add (local.get $aLineAt) (local.get $o2)))
      (local.set $p3 (i32.add (local.get $aLineAt) (local.get $o3)))
      (local.set $left (local.get $lineLength))
      (loop $eachK
        (local.set $d0 (v128.load (local.get $b)))
        (local.set $d1 (v128.load offset=16 (local.get $b)))
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
        (local.set $p0 (i32.add (local.get $p0) (local.get $aStep)))
        (local.set $p1 (i32.add (local.get $p1) (local.get $aStep)))
        (local.set $p2 (i32.add (local.get $p2) (local.get $aStep)))
        (local.set $p3 (i32.add (local.get $p3) (local.get $aStep)))
        (local.set $b (i32.add (local.get $b) (local.get $bStep)))
        (br_if $eachK
          (local.tee $left (i32.sub (local.get $left) (i32.const 1)))))
      (local.set $aLineAt (i32.add (local.get $aLineAt) (local.get $aLine)))
      (br_if $eachLine (local.tee $line (i32.sub (local.get $line) (i32.const 1)))))
    (local.set $a (i32.add (local.get $a) (local.get $aBlock)))
    (br_if $eachBlock (local.tee $blocks (i32.sub (local.get $blocks) (i32.const 1)))))
    (local.set $at (local.get $c))
    (v128.store (local.get $at) (local.get $c00))
    (v128.store offset=16 (local.get $at) (local.get $c01))
    (local.set $at (i32.add (local.get $at) (local.get $cRow)))
    (v128.store (local.get $at) (local.get $c10))
    (v128.store offset=16 (local.get $at) (local.get $c11))
    (local.set $at (i32.add (local.get $at) (local.get $cRow)))
    (v128.store (local.get $at) (local.get $c20))
    (v128.store offset=16 (local.get $at) (local.get $c21))
    (local.set $at (i32.add (local.get $at) (local.get $cRow)))
    (v128.store (local.get $at) (local.get $c30))
    (v128.store offset=16 (local.get $at) (local.get $c31)))

  ;; $tile4 for a single row (offset $o0): the rows left over after the tiles of 4.
  (func $tile1
    (param $a i32) (param $b i32) (param $c i32) (param $o0 i32)
    (param $blocks i32) (param $aBlock i32) (param $lines i32) (param $lineLength i32)
    (param $aStep i32) (param $aLine i32) (param $bStep i32)
    (local $c00 v128) (local $c01 v128) (local $s v128)
    (local $p0 i32) (local $line i32) (local $left i32) (local $aLineAt i32)
    (local.set $c00 (v128.load (local.get $c)))
    (local.set $c01 (v128.load offset=16 (local.get $c)))
    (loop $eachBlock
    (local.set $aLineAt (local.get $a))
    (local.set $line (local.get $lines))
    (loop $eachLine
      (local.set $p0 (i32.add (local.get $aLineAt) (local.get $o0)))
      (local.set $left (local.get $lineLength))
      (loop $eachK
        (local.set $s (v128.load32_splat (local.get $p0)))
        (local.set $c00
          (f32x4.add (local.get $c00) (f32x4.mul (local.get $s) (v128.load (local.get $b)))))
        (local.set $c01
          (f32x4.add (local.get $c01)
            (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $b)))))
        (local.set $p0 (i32.add (local.get $p0) (local.get $aStep)))
        (local.set $b (i32.add (local.get $b) (local.get $bStep)))
        (br_if $eachK
          (local.tee $left (i32.sub (local.get $left) (i32.const 1)))))
      (local.set $aLineAt (i32.add (local.get $aLineAt) (local.get $aLine)))
      (br_if $eachLine (local.tee $line (i32.sub (local.get $line) (i32.const 1)))))
    (local.set $a (i32.add (local.get $a) (local.get $aBlock)))
    (br_if $eachBlock (local.tee $blocks (i32.sub (local.get $blocks) (i32.const 1)))))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01)))

  ;; Adds to rows $first..$last of an 8-column tile of C (at $c, rows $cRow bytes apart) the
  ;; products of A's rows, each read at $a plus its offset in the i32 table at $offsets (entry r
  ;; for row r), and 8 columns of B at $b: 4 rows at a time, then the rest one at a time. k walks
  ;; as in $tile4.
  (func $tileRows
    (param $a i32) (param $b i32) (param $c i32) (param $offsets i32)
    (param $first i32) (param $last i32)
    (param $blocks i32) (param $aBlock i32) (param $lines i32) (param $lineLength i32)
    (param $aStep i32) (param $aLine i32) (param $bStep i32) (param $cRow i32)
    (local $row i32) (local $at i32)
    (local.set $row (local.get $first))
    (local.set $at (i32.add (local.get $offsets) (i32.shl (local.get $first) (i32.const 2))))
    (block $foursDone
      (loop $fours
        (br_if $foursDone
          (i32.gt_u (i32.add (local.get $row) (i32.const 4)) (local.get $last)))
        (call $tile4
          (local.get $a) (local.get $b)
          (i32.add (local.get $c) (i32.mul (local.get $row) (local.get $cRow)))
          (i32.load (local.get $at)) (i32.load offset=4 (local.get $at))
          (i32.load offset=8 (local.get $at)) (i32.load offset=12 (local.get $at))
          (local.get $blocks) (local.get $aBlock) (local.get $lines) (local.get $lineLength)
          (local.get $aStep) (local.get $aLine) (local.get $bStep) (local.get $cRow))
        (local.set $row (i32.add (local.get $row) (i32.const 4)))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $fours)))
    (block $onesDone
      (loop $ones
        (br_if $onesDone (i32.ge_u (local.get $row) (local.get $last)))
        (call $tile1
          (local.get $a) (local.get $b)
          (i32.add (local.get $c) (i32.mul (local.get $row) (local.get $cRow)))
          (i32.load (local.get $at))
          (local.get $blocks) (local.get $aBlock) (local.get $lines) (local.get $lineLength)
          (local.get $aStep) (local.get $aLine) (local.get $bStep))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $ones))))

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
    (local $image i32) (local $column i32) (local $m i32) (local $xAt i32) (local $dyAt i32)
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
      (loop $eachBlock
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
            ;; ...and every row.
            (call $tileRows
              (local.get $xAt) (i32.add (local.get $dyAt) (local.get $column))
              (i32.add (local.get $dw) (local.get $column)) (local.get $offsets)
              (i32.const 0) (local.get $rows)
              (local.get $images) (local.get $xImage) (local.get $outHeight) (local.get $outWidth)
              (local.get $pixelStep) (local.get $rowStep) (local.get $dwRow) (local.get $dwRow))
            (local.set $column (i32.add (local.get $column) (i32.const 32)))
            (br $columns)))
        (local.set $image (i32.add (local.get $image) (local.get $images)))
        (br $eachBlock))))
  ;; c (m x n) = a (m x k) · b (k x n), all row by row. n must be a multiple of 8; $panels is
  ;; scratch space for k·n floats, $offsets for one i32 per row of a.
  (func (export "matMul")
    (param $a i32) (param $b i32) (param $c i32) (param $panels i32) (param $offsets i32)
    (param $m i32) (param $k i32) (param $n i32)
    (local $cRow i32) (local $aRow i32) (local $panelBytes i32) (local $at i32) (local $to i32)
    (local $from i32) (local $first i32) (local $length i32) (local $top i32) (local $bottom i32)
    (local $column i32) (local $row i32) (local $panelAt i32)
    (local.set $cRow (i32.shl (local.get $n) (i32.const 2)))
    (local.set $aRow (i32.shl (local.get $k) (i32.const 2)))
    (local.set $panelBytes (i32.shl (local.get $k) (i32.const 5)))
    (memory.fill (local.get $c) (i32.const 0) (i32.mul (local.get $m) (local.get $cRow)))

    ;; Where each row of a starts.
    (block $offsetsDone
      (loop $eachRowOfA
        (br_if $offsetsDone (i32.ge_u (local.get $row) (local.get $m)))
        (i32.store (i32.add (local.get $offsets) (i32.shl (local.get $row) (i32.const 2)))
          (i32.mul (local.get $row) (local.get $aRow)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $eachRowOfA)))

    ;; b's columns in panels of 8: panel p holds b[0..k, 8p..8p+8] row after row, so a tile
    ;; reads its 8 columns of B from consecutive memory.
    (block $packed
      (loop $eachRowOfB
        (br_if $packed (i32.ge_u (local.get $first) (local.get $k)))
        (local.set $from (i32.add (local.get $b) (i32.mul (local.get $first) (local.get $cRow))))
        (local.set $to
          (i32.add (local.get $panels) (i32.shl (local.get $first) (i32.const 5))))
        (local.set $at (i32.const 0))
        (block $rowDone
          (loop $eachPanel
            (br_if $rowDone (i32.ge_u (local.get $at) (local.get $cRow)))
            (v128.store (local.get $to) (v128.load (i32.add (local.get $from) (local.get $at))))
            (v128.store offset=16 (local.get $to)
              (v128.load offset=16 (i32.add (local.get $from) (local.get $at))))
            (local.set $to (i32.add (local.get $to) (local.get $panelBytes)))
            (local.set $at (i32.add (local.get $at) (i32.const 32)))
            (br $eachPanel)))
        (local.set $first (i32.add (local.get $first) (i32.const 1)))
        (br $eachRowOfB)))

    ;; k in chunks of 256 (a panel's chunk, 8 KB, stays in the first-level cache), rows in
    ;; blocks of 64 (a's block stays in the second level while every panel sweeps it).
    (local.set $first (i32.const 0))
    (block $chunksDone
      (loop $chunks
        (br_if $chunksDone (i32.ge_u (local.get $first) (local.get $k)))
        (local.set $length (i32.sub (local.get $k) (local.get $first)))
        (if (i32.gt_u (local.get $length) (i32.const 256))
          (then (local.set $length (i32.const 256))))
        (local.set $top (i32.const 0))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_u (local.get $top) (local.get $m)))
            (local.set $bottom (i32.add (local.get $top) (i32.const 64)))
            (if (i32.gt_u (local.get $bottom) (local.get $m))
              (then (local.set $bottom (local.get $m))))
            (local.set $column (i32.const 0))
            (local.set $panelAt
              (i32.add (local.get $panels) (i32.shl (local.get $first) (i32.const 5))))
            (block $columnsDone
              (loop $columns
                (br_if $columnsDone (i32.ge_u (local.get $column) (local.get $cRow)))
                (call $tileRows
                  (i32.add (local.get $a) (i32.shl (local.get $first) (i32.const 2)))
                  (local.get $panelAt) (i32.add (local.get $c) (local.get $column))
                  (local.get $offsets) (local.get $top) (local.get $bottom)
                  (i32.const 1) (i32.const 0) (i32.const 1) (local.get $length)
                  (i32.const 4) (i32.const 0) (i32.const 32) (local.get $cRow))
                (local.set $column (i32.add (local.get $column) (i32.const 32)))
                (local.set $panelAt (i32.add (local.get $panelAt) (local.get $panelBytes)))
                (br $columns)))
            (local.set $top (local.get $bottom))
            (br $blocks)))
        (local.set $first (i32.add (local.get $first) (local.get $length)))
        (br $chunks))))
)
