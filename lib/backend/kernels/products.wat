;; Sums of products in register tiles: a convolution's filter gradient, a matrix product and
;; Winograd's 3x3 convolution and filter gradient (at the end of this file), all computed as
;; C += A · B where A is read one value at a time and B eight values at a time.
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
  ;; ($aStep apart); B moves on by $bStep per step, straight through blocks and lines. With
  ;; $fresh set, the tile is overwritten instead: its sums start from 0 without reading C, so a
  ;; product's first pass never waits on a C that is not in the cache.
  (func $tile4
    (param $a i32) (param $b i32) (param $c i32)
    (param $o0 i32) (param $o1 i32) (param $o2 i32) (param $o3 i32)
    (param $blocks i32) (param $aBlock i32) (param $lines i32) (param $lineLength i32)
    (param $aStep i32) (param $aLine i32) (param $bStep i32) (param $cRow i32) (param $fresh i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $d0 v128) (local $d1 v128) (local $s v128)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $line i32) (local $left i32) (local $at i32) (local $aLineAt i32)
    (if (i32.eqz (local.get $fresh))
      (then
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
        (local.set $c31 (v128.load offset=16 (local.get $at)))))
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
    (param $aStep i32) (param $aLine i32) (param $bStep i32) (param $fresh i32)
    (local $c00 v128) (local $c01 v128) (local $s v128)
    (local $p0 i32) (local $line i32) (local $left i32) (local $aLineAt i32)
    (if (i32.eqz (local.get $fresh))
      (then
        (local.set $c00 (v128.load (local.get $c)))
        (local.set $c01 (v128.load offset=16 (local.get $c)))))
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
  ;; as in $tile4, and $fresh overwrites as there.
  (func $tileRows
    (param $a i32) (param $b i32) (param $c i32) (param $offsets i32)
    (param $first i32) (param $last i32)
    (param $blocks i32) (param $aBlock i32) (param $lines i32) (param $lineLength i32)
    (param $aStep i32) (param $aLine i32) (param $bStep i32) (param $cRow i32) (param $fresh i32)
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
          (local.get $aStep) (local.get $aLine) (local.get $bStep) (local.get $cRow)
          (local.get $fresh))
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
          (local.get $aStep) (local.get $aLine) (local.get $bStep) (local.get $fresh))
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
              (local.get $pixelStep) (local.get $rowStep) (local.get $dwRow) (local.get $dwRow)
              (i32.const 0))
            (local.set $column (i32.add (local.get $column) (i32.const 32)))
            (br $columns)))
        (local.set $image (i32.add (local.get $image) (local.get $images)))
        (br $eachBlock))))

  ;; b's columns in panels of 8 for a tile to read side by side: panel p holds b[0..k, 8p..8p+8]
  ;; row after row. b (k x n) is read row by row, or, with $transposed, b is stored as its
  ;; transpose (n x k) and panel p's row i gathers b's stored rows 8p..8p+8 at column i.
  (func $packPanels
    (param $b i32) (param $panels i32) (param $k i32) (param $n i32) (param $transposed i32)
    (local $panelBytes i32) (local $bRow i32) (local $row i32) (local $from i32) (local $to i32)
    (local $at i32) (local $column i32) (local $left i32)
    (local.set $panelBytes (i32.shl (local.get $k) (i32.const 5)))
    (if (local.get $transposed)
      (then
        (local.set $bRow (i32.shl (local.get $k) (i32.const 2)))
        (loop $eachPanel
          ;; Column c of panel p is b's stored row 8p + c; panel p starts 8p·k floats in.
          (local.set $from
            (i32.add (local.get $b) (i32.mul (local.get $column) (local.get $bRow))))
          (local.set $to
            (i32.add (local.get $panels) (i32.mul (local.get $column) (local.get $bRow))))
          (local.set $left (local.get $k))
          (loop $eachRow
            (local.set $at (local.get $from))
            (f32.store (local.get $to) (f32.load (local.get $at)))
            (local.set $at (i32.add (local.get $at) (local.get $bRow)))
            (f32.store offset=4 (local.get $to) (f32.load (local.get $at)))
            (local.set $at (i32.add (local.get $at) (local.get $bRow)))
            (f32.store offset=8 (local.get $to) (f32.load (local.get $at)))
            (local.set $at (i32.add (local.get $at) (local.get $bRow)))
            (f32.store offset=12 (local.get $to) (f32.load (local.get $at)))
            (local.set $at (i32.add (local.get $at) (local.get $bRow)))
            (f32.store offset=16 (local.get $to) (f32.load (local.get $at)))
            (local.set $at (i32.add (local.get $at) (local.get $bRow)))
            (f32.store offset=20 (local.get $to) (f32.load (local.get $at)))
            (local.set $at (i32.add (local.get $at) (local.get $bRow)))
            (f32.store offset=24 (local.get $to) (f32.load (local.get $at)))
            (local.set $at (i32.add (local.get $at) (local.get $bRow)))
            (f32.store offset=28 (local.get $to) (f32.load (local.get $at)))
            (local.set $from (i32.add (local.get $from) (i32.const 4)))
            (local.set $to (i32.add (local.get $to) (i32.const 32)))
            (br_if $eachRow (local.tee $left (i32.sub (local.get $left) (i32.const 1)))))
          (br_if $eachPanel
            (i32.lt_u (local.tee $column (i32.add (local.get $column) (i32.const 8)))
              (local.get $n))))
        (return)))
    (local.set $bRow (i32.shl (local.get $n) (i32.const 2)))
    (loop $eachRow
      (local.set $from (i32.add (local.get $b) (i32.mul (local.get $row) (local.get $bRow))))
      (local.set $to (i32.add (local.get $panels) (i32.shl (local.get $row) (i32.const 5))))
      (local.set $at (i32.const 0))
      (loop $eachPanel
        (v128.store (local.get $to) (v128.load (i32.add (local.get $from) (local.get $at))))
        (v128.store offset=16 (local.get $to)
          (v128.load offset=16 (i32.add (local.get $from) (local.get $at))))
        (local.set $to (i32.add (local.get $to) (local.get $panelBytes)))
        (br_if $eachPanel
          (i32.lt_u (local.tee $at (i32.add (local.get $at) (i32.const 32))) (local.get $bRow))))
      (br_if $eachRow
        (i32.lt_u (local.tee $row (i32.add (local.get $row) (i32.const 1))) (local.get $k)))))

  ;; c (m x n) = a (m x k) · b (k x n), all row by row, or with $bTransposed, b stored as its
  ;; transpose (n x k): a dense layer's input gradient dy·wᵀ needs no transposed copy of w. m,
  ;; k and n must be positive and n a multiple of 8; $panels is scratch space for k·n floats,
  ;; $offsets for one i32 per row of a.
  (func (export "matMul")
    (param $a i32) (param $b i32) (param $c i32) (param $panels i32) (param $offsets i32)
    (param $m i32) (param $k i32) (param $n i32) (param $bTransposed i32)
    (local $cRow i32) (local $aRow i32) (local $panelBytes i32)
    (local $first i32) (local $length i32) (local $top i32) (local $bottom i32)
    (local $column i32) (local $row i32) (local $panelAt i32)
    (local.set $cRow (i32.shl (local.get $n) (i32.const 2)))
    (local.set $aRow (i32.shl (local.get $k) (i32.const 2)))
    (local.set $panelBytes (i32.shl (local.get $k) (i32.const 5)))

    ;; Where each row of a starts.
    (loop $eachRowOfA
      (i32.store (i32.add (local.get $offsets) (i32.shl (local.get $row) (i32.const 2)))
        (i32.mul (local.get $row) (local.get $aRow)))
      (br_if $eachRowOfA
        (i32.lt_u (local.tee $row (i32.add (local.get $row) (i32.const 1))) (local.get $m))))

    (call $packPanels (local.get $b) (local.get $panels) (local.get $k) (local.get $n)
      (local.get $bTransposed))

    ;; k in chunks of 256 (a panel's chunk, 8 KB, stays in the first-level cache), rows in
    ;; blocks of 64 (a's block stays in the second level while every panel sweeps it). The
    ;; first chunk overwrites c, the others add to it.
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
                  (i32.const 4) (i32.const 0) (i32.const 32) (local.get $cRow)
                  (i32.eqz (local.get $first)))
                (local.set $column (i32.add (local.get $column) (i32.const 32)))
                (local.set $panelAt (i32.add (local.get $panelAt) (local.get $panelBytes)))
                (br $columns)))
            (local.set $top (local.get $bottom))
            (br $blocks)))
        (local.set $first (i32.add (local.get $first) (local.get $length)))
        (br $chunks))))

  ;; Winograd's F(2x2, 3x3) convolution (winograd). A 3x3 convolution with stride 1 makes each
  ;; 2x2 block of output pixels from a 4x4 patch of input. Transformed, the patch's 16 values
  ;; times the transformed filter's 16 values, summed over the input channels, give that block
  ;; after a transform back: 16 products per input channel and output channel instead of the
  ;; 36 a direct convolution takes (the transforms only add and subtract).
  ;;
  ;;     V = Bᵀ·d·B (d the 4x4 patch)    U = G·g·Gᵀ (g the 3x3 filter)    y = Aᵀ·M·A
  ;;     M[ξ, ν, co] = Σ_ci V[ξ, ν, ci] · U[ξ, ν, ci, co]
  ;;
  ;;     Bᵀ = | 1  0 -1  0 |    G = | 1    0    0  |    Aᵀ = | 1  1  1  0 |
  ;;          | 0  1  1  0 |        | 1/2  1/2  1/2 |         | 0  1 -1 -1 |
  ;;          | 0 -1  1  0 |        | 1/2 -1/2  1/2 |
  ;;          | 0  1  0 -1 |        | 0    0    1  |
  ;;
  ;; The sums over ci for one (ξ, ν) are a matrix product, blocks' patches by ci times ci by
  ;; co, done by $tileRows on a block of patches at a time; the transforms work on 4 channels
  ;; at a time. The caller transforms the filter (U, in panels of 8 output channels) and pads
  ;; the input so every patch lies inside it.

  ;; One row of a patch times B: the 4 values at $p, $p + $step, ... (4 channels each).
  (func $rowTimesB (param $p i32) (param $step i32) (result v128 v128 v128 v128)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local.set $d0 (v128.load (local.get $p)))
    (local.set $d1 (v128.load (i32.add (local.get $p) (local.get $step))))
    (local.set $d2 (v128.load (i32.add (local.get $p) (i32.shl (local.get $step) (i32.const 1)))))
    (local.set $d3 (v128.load (i32.add (local.get $p) (i32.mul (local.get $step) (i32.const 3)))))
    (f32x4.sub (local.get $d0) (local.get $d2))
    (f32x4.add (local.get $d1) (local.get $d2))
    (f32x4.sub (local.get $d2) (local.get $d1))
    (f32x4.sub (local.get $d1) (local.get $d3)))

  ;; One row of M times A: the 4 values at $p, $p + $step, ... (4 channels each).
  (func $rowTimesA (param $p i32) (param $step i32) (result v128 v128)
    (local $m1 v128) (local $m2 v128)
    (local.set $m1 (v128.load (i32.add (local.get $p) (local.get $step))))
    (local.set $m2 (v128.load (i32.add (local.get $p) (i32.shl (local.get $step) (i32.const 1)))))
    (f32x4.add (f32x4.add (v128.load (local.get $p)) (local.get $m1)) (local.get $m2))
    (f32x4.sub (f32x4.sub (local.get $m1) (local.get $m2))
      (v128.load (i32.add (local.get $p) (i32.mul (local.get $step) (i32.const 3))))))

  ;; V for $count patches from tile $first on (tiles go image by image, row by row, $across
  ;; to a row and $down to an image), into $v: 16 matrices of $count rows by $inChannels.
  (func $transformInput
    (param $x i32) (param $v i32) (param $first i32) (param $count i32)
    (param $down i32) (param $across i32) (param $inHeight i32) (param $inWidth i32)
    (param $inChannels i32)
    (local $tile i32) (local $end i32) (local $image i32) (local $rest i32) (local $at i32)
    (local $pixel i32) (local $line i32) (local $channel i32) (local $channels i32)
    (local $to i32) (local $matrix i32) (local $row i32)
    (local $e00 v128) (local $e01 v128) (local $e02 v128) (local $e03 v128)
    (local $e10 v128) (local $e11 v128) (local $e12 v128) (local $e13 v128)
    (local $e20 v128) (local $e21 v128) (local $e22 v128) (local $e23 v128)
    (local $e30 v128) (local $e31 v128) (local $e32 v128) (local $e33 v128)
    (local.set $channels (i32.shl (local.get $inChannels) (i32.const 2)))
    (local.set $pixel (local.get $channels))
    (local.set $line (i32.mul (local.get $inWidth) (local.get $channels)))
    (local.set $matrix (i32.mul (local.get $count) (local.get $channels)))
    (local.set $tile (local.get $first))
    (local.set $end (i32.add (local.get $first) (local.get $count)))
    (local.set $row (i32.const 0))
    (block $tilesDone
      (loop $eachTile
        (br_if $tilesDone (i32.ge_u (local.get $tile) (local.get $end)))
        ;; The patch's top left pixel: row 2·(tile row), column 2·(tile column) of its image.
        (local.set $image (i32.div_u (local.get $tile) (i32.mul (local.get $down) (local.get $across))))
        (local.set $rest (i32.rem_u (local.get $tile) (i32.mul (local.get $down) (local.get $across))))
        (local.set $at
          (i32.add (local.get $x)
            (i32.add
              (i32.mul
                (i32.add
                  (i32.mul (local.get $image) (local.get $inHeight))
                  (i32.shl (i32.div_u (local.get $rest) (local.get $across)) (i32.const 1)))
                (local.get $line))
              (i32.mul
                (i32.shl (i32.rem_u (local.get $rest) (local.get $across)) (i32.const 1))
                (local.get $pixel)))))
        (local.set $to (i32.add (local.get $v) (i32.mul (local.get $row) (local.get $channels))))
        (local.set $channel (i32.const 0))
        (loop $eachChannels
          (call $rowTimesB (local.get $at) (local.get $pixel))
          (local.set $e03) (local.set $e02) (local.set $e01) (local.set $e00)
          (call $rowTimesB (i32.add (local.get $at) (local.get $line)) (local.get $pixel))
          (local.set $e13) (local.set $e12) (local.set $e11) (local.set $e10)
          (call $rowTimesB (i32.add (local.get $at) (i32.shl (local.get $line) (i32.const 1)))
            (local.get $pixel))
          (local.set $e23) (local.set $e22) (local.set $e21) (local.set $e20)
          (call $rowTimesB (i32.add (local.get $at) (i32.mul (local.get $line) (i32.const 3)))
            (local.get $pixel))
          (local.set $e33) (local.set $e32) (local.set $e31) (local.set $e30)
          ;; Bᵀ times the rows: matrix ξ·4 + ν lies $matrix bytes after matrix ξ·4 + ν - 1.
          (v128.store (local.get $to) (f32x4.sub (local.get $e00) (local.get $e20)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.sub (local.get $e01) (local.get $e21)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.sub (local.get $e02) (local.get $e22)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.sub (local.get $e03) (local.get $e23)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.add (local.get $e10) (local.get $e20)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.add (local.get $e11) (local.get $e21)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.add (local.get $e12) (local.get $e22)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.add (local.get $e13) (local.get $e23)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.sub (local.get $e20) (local.get $e10)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.sub (local.get $e21) (local.get $e11)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.sub (local.get $e22) (local.get $e12)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.sub (local.get $e23) (local.get $e13)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.sub (local.get $e10) (local.get $e30)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.sub (local.get $e11) (local.get $e31)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.sub (local.get $e12) (local.get $e32)))
          (local.set $to (i32.add (local.get $to) (local.get $matrix)))
          (v128.store (local.get $to) (f32x4.sub (local.get $e13) (local.get $e33)))
          ;; Back to matrix 0, 4 channels on.
          (local.set $to
            (i32.add (i32.sub (local.get $to) (i32.mul (local.get $matrix) (i32.const 15)))
              (i32.const 16)))
          (local.set $at (i32.add (local.get $at) (i32.const 16)))
          (br_if $eachChannels
            (i32.lt_u (local.tee $channel (i32.add (local.get $channel) (i32.const 16)))
              (local.get $channels))))
        (local.set $tile (i32.add (local.get $tile) (i32.const 1)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $eachTile))))

  ;; y's 2x2 blocks for $count tiles from $first on, from M at $m (16 matrices of $count rows
  ;; by $outChannels), plus the bias at $bias, then max(·, 0) when $relu is 1. Pixels of a
  ;; block past y's last row or column are not written.
  (func $transformOutput
    (param $m i32) (param $bias i32) (param $y i32) (param $first i32) (param $count i32)
    (param $down i32) (param $across i32) (param $outHeight i32) (param $outWidth i32)
    (param $outChannels i32) (param $relu i32)
    (local $tile i32) (local $end i32) (local $image i32) (local $rest i32) (local $top i32)
    (local $left i32) (local $at i32) (local $from i32) (local $channels i32) (local $line i32)
    (local $matrix i32) (local $channel i32) (local $b v128) (local $floor v128)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local $wide i32) (local $tall i32)
    (local.set $channels (i32.shl (local.get $outChannels) (i32.const 2)))
    (local.set $line (i32.mul (local.get $outWidth) (local.get $channels)))
    (local.set $matrix (i32.mul (local.get $count) (local.get $channels)))
    (local.set $floor (f32x4.splat (f32.const -inf)))
    (if (local.get $relu) (then (local.set $floor (f32x4.splat (f32.const 0)))))
    (local.set $tile (local.get $first))
    (local.set $end (i32.add (local.get $first) (local.get $count)))
    (local.set $from (local.get $m))
    (block $tilesDone
      (loop $eachTile
        (br_if $tilesDone (i32.ge_u (local.get $tile) (local.get $end)))
        (local.set $image (i32.div_u (local.get $tile) (i32.mul (local.get $down) (local.get $across))))
        (local.set $rest (i32.rem_u (local.get $tile) (i32.mul (local.get $down) (local.get $across))))
        (local.set $top (i32.shl (i32.div_u (local.get $rest) (local.get $across)) (i32.const 1)))
        (local.set $left (i32.shl (i32.rem_u (local.get $rest) (local.get $across)) (i32.const 1)))
        (local.set $tall (i32.lt_u (i32.add (local.get $top) (i32.const 1)) (local.get $outHeight)))
        (local.set $wide (i32.lt_u (i32.add (local.get $left) (i32.const 1)) (local.get $outWidth)))
        (local.set $at
          (i32.add (local.get $y)
            (i32.add
              (i32.mul
                (i32.add (i32.mul (local.get $image) (local.get $outHeight)) (local.get $top))
                (local.get $line))
              (i32.mul (local.get $left) (local.get $channels)))))
        (local.set $channel (i32.const 0))
        (loop $eachChannels
          ;; Row ξ of M is matrices 4ξ..4ξ+3: $matrix bytes apart.
          (call $rowTimesA (local.get $from) (local.get $matrix))
          (local.set $a01) (local.set $a00)
          (call $rowTimesA (i32.add (local.get $from) (i32.shl (local.get $matrix) (i32.const 2)))
            (local.get $matrix))
          (local.set $a11) (local.set $a10)
          (call $rowTimesA (i32.add (local.get $from) (i32.shl (local.get $matrix) (i32.const 3)))
            (local.get $matrix))
          (local.set $a21) (local.set $a20)
          (call $rowTimesA (i32.add (local.get $from) (i32.mul (local.get $matrix) (i32.const 12)))
            (local.get $matrix))
          (local.set $a31) (local.set $a30)
          (local.set $b (v128.load (i32.add (local.get $bias) (local.get $channel))))
          (v128.store (local.get $at)
            (f32x4.max (local.get $floor)
              (f32x4.add
                (f32x4.add (f32x4.add (local.get $a00) (local.get $a10)) (local.get $a20))
                (local.get $b))))
          (if (local.get $wide)
            (then
              (v128.store (i32.add (local.get $at) (local.get $channels))
                (f32x4.max (local.get $floor)
                  (f32x4.add
                    (f32x4.add (f32x4.add (local.get $a01) (local.get $a11)) (local.get $a21))
                    (local.get $b))))))
          (if (local.get $tall)
            (then
              (v128.store (i32.add (local.get $at) (local.get $line))
                (f32x4.max (local.get $floor)
                  (f32x4.add
                    (f32x4.sub (f32x4.sub (local.get $a10) (local.get $a20)) (local.get $a30))
                    (local.get $b))))
              (if (local.get $wide)
                (then
                  (v128.store
                    (i32.add (i32.add (local.get $at) (local.get $line)) (local.get $channels))
                    (f32x4.max (local.get $floor)
                      (f32x4.add
                        (f32x4.sub (f32x4.sub (local.get $a11) (local.get $a21))
                          (local.get $a31))
                        (local.get $b))))))))
          (local.set $from (i32.add (local.get $from) (i32.const 16)))
          (local.set $at (i32.add (local.get $at) (i32.const 16)))
          (br_if $eachChannels
            (i32.lt_u (local.tee $channel (i32.add (local.get $channel) (i32.const 16)))
              (local.get $channels))))
        (local.set $tile (i32.add (local.get $tile) (i32.const 1)))
        (br $eachTile))))

  ;; y (batch x outHeight x outWidth x outChannels) = the 3x3 convolution, stride 1, of x
  ;; (batch x inHeight x inWidth x inChannels, padded so that inHeight ≥ 2·⌈outHeight/2⌉ + 2,
  ;; likewise the width) with the filter whose transform U is at $u (16 matrices, each in
  ;; panels of 8 output channels: inChannels rows of 8 values), plus $bias (outChannels
  ;; values), then max(·, 0) when $relu is 1. inChannels must be a multiple of 4. $blockTiles
  ;; patches go at a time; $scratch holds 16·blockTiles·(inChannels + outChannels) floats and
  ;; blockTiles i32.
  (func (export "winograd")
    (param $x i32) (param $u i32) (param $bias i32) (param $y i32) (param $scratch i32)
    (param $batch i32) (param $inHeight i32) (param $inWidth i32) (param $inChannels i32)
    (param $outHeight i32) (param $outWidth i32) (param $outChannels i32)
    (param $relu i32) (param $blockTiles i32)
    (local $down i32) (local $across i32) (local $tiles i32) (local $first i32)
    (local $count i32) (local $v i32) (local $m i32) (local $offsets i32) (local $row i32)
    (local $matrix i32) (local $panels i32) (local $panel i32) (local $cRow i32)
    (local $vBytes i32) (local $mBytes i32) (local $uMatrix i32)
    (local.set $down (i32.shr_u (i32.add (local.get $outHeight) (i32.const 1)) (i32.const 1)))
    (local.set $across (i32.shr_u (i32.add (local.get $outWidth) (i32.const 1)) (i32.const 1)))
    (local.set $tiles
      (i32.mul (local.get $batch) (i32.mul (local.get $down) (local.get $across))))
    (local.set $cRow (i32.shl (local.get $outChannels) (i32.const 2)))
    (local.set $panels (i32.shr_u (local.get $outChannels) (i32.const 3)))
    (local.set $uMatrix (i32.mul (local.get $inChannels) (local.get $cRow)))
    (local.set $v (local.get $scratch))
    (local.set $m
      (i32.add (local.get $v)
        (i32.shl (i32.mul (i32.mul (local.get $blockTiles) (local.get $inChannels)) (i32.const 16))
          (i32.const 2))))
    (local.set $offsets
      (i32.add (local.get $m)
        (i32.shl (i32.mul (i32.mul (local.get $blockTiles) (local.get $outChannels)) (i32.const 16))
          (i32.const 2))))
    ;; Row r of a block's V matrix starts r·inChannels values in.
    (block $offsetsDone
      (loop $eachRow
        (br_if $offsetsDone (i32.ge_u (local.get $row) (local.get $blockTiles)))
        (i32.store (i32.add (local.get $offsets) (i32.shl (local.get $row) (i32.const 2)))
          (i32.shl (i32.mul (local.get $row) (local.get $inChannels)) (i32.const 2)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $eachRow)))
    (block $blocksDone
      (loop $eachBlock
        (br_if $blocksDone (i32.ge_u (local.get $first) (local.get $tiles)))
        (local.set $count (i32.sub (local.get $tiles) (local.get $first)))
        (if (i32.gt_u (local.get $count) (local.get $blockTiles))
          (then (local.set $count (local.get $blockTiles))))
        (local.set $vBytes
          (i32.shl (i32.mul (local.get $count) (local.get $inChannels)) (i32.const 2)))
        (local.set $mBytes (i32.mul (local.get $count) (local.get $cRow)))
        (call $transformInput (local.get $x) (local.get $v) (local.get $first) (local.get $count)
          (local.get $down) (local.get $across) (local.get $inHeight) (local.get $inWidth)
          (local.get $inChannels))
        ;; M = V · U for each of the 16 (ξ, ν), 8 output channels at a time.
        (local.set $matrix (i32.const 0))
        (loop $eachMatrix
          (local.set $panel (i32.const 0))
          (loop $eachPanel
            (call $tileRows
              (i32.add (local.get $v) (i32.mul (local.get $matrix) (local.get $vBytes)))
              (i32.add (i32.add (local.get $u) (i32.mul (local.get $matrix) (local.get $uMatrix)))
                (i32.mul (local.get $panel) (i32.shl (local.get $inChannels) (i32.const 5))))
              (i32.add (i32.add (local.get $m) (i32.mul (local.get $matrix) (local.get $mBytes)))
                (i32.shl (local.get $panel) (i32.const 5)))
              (local.get $offsets) (i32.const 0) (local.get $count)
              (i32.const 1) (i32.const 0) (i32.const 1) (local.get $inChannels)
              (i32.const 4) (i32.const 0) (i32.const 32) (local.get $cRow) (i32.const 1))
            (br_if $eachPanel
              (i32.lt_u (local.tee $panel (i32.add (local.get $panel) (i32.const 1)))
                (local.get $panels))))
          (br_if $eachMatrix
            (i32.lt_u (local.tee $matrix (i32.add (local.get $matrix) (i32.const 1)))
              (i32.const 16))))
        (call $transformOutput (local.get $m) (local.get $bias) (local.get $y)
          (local.get $first) (local.get $count) (local.get $down) (local.get $across)
          (local.get $outHeight) (local.get $outWidth) (local.get $outChannels) (local.get $relu))
        (local.set $first (i32.add (local.get $first) (local.get $count)))
        (br $eachBlock))))

  ;; The filter gradient by the same algorithm (winogradFilterGrad). Forward, each 2x2 block of
  ;; y is Aᵀ·(U ⊙ V)·A with U = G·g·Gᵀ, so by the chain rule
  ;;
  ;;     dg = Gᵀ·(Σ_blocks (A·dy·Aᵀ) ⊙ V)·G
  ;;
  ;; with V the forward pass's transformed patches and dy the block's 2x2 output gradient. The
  ;; sum over blocks, for each (ξ, ν), input channel and output channel, is a matrix product
  ;; (inChannels by blocks times blocks by outChannels): 16 products per block instead of 36.

  ;; A·dy·Aᵀ for $count tiles from $first on, from dy (batch x outHeight x outWidth x
  ;; outChannels) into $w: 16 matrices of $count rows by $outChannels. Pixels of a block past
  ;; dy's last row or column count as 0.
  (func $transformGradient
    (param $dy i32) (param $w i32) (param $first i32) (param $count i32)
    (param $down i32) (param $across i32) (param $outHeight i32) (param $outWidth i32)
    (param $outChannels i32)
    (local $tile i32) (local $end i32) (local $image i32) (local $rest i32) (local $top i32)
    (local $left i32) (local $at i32) (local $to i32) (local $channels i32) (local $line i32)
    (local $matrix i32) (local $channel i32) (local $wide i32) (local $tall i32)
    (local $d00 v128) (local $d01 v128) (local $d10 v128) (local $d11 v128)
    (local.set $channels (i32.shl (local.get $outChannels) (i32.const 2)))
    (local.set $line (i32.mul (local.get $outWidth) (local.get $channels)))
    (local.set $matrix (i32.mul (local.get $count) (local.get $channels)))
    (local.set $tile (local.get $first))
    (local.set $end (i32.add (local.get $first) (local.get $count)))
    (local.set $to (local.get $w))
    (block $tilesDone
      (loop $eachTile
        (br_if $tilesDone (i32.ge_u (local.get $tile) (local.get $end)))
        (local.set $image (i32.div_u (local.get $tile) (i32.mul (local.get $down) (local.get $across))))
        (local.set $rest (i32.rem_u (local.get $tile) (i32.mul (local.get $down) (local.get $across))))
        (local.set $top (i32.shl (i32.div_u (local.get $rest) (local.get $across)) (i32.const 1)))
        (local.set $left (i32.shl (i32.rem_u (local.get $rest) (local.get $across)) (i32.const 1)))
        (local.set $tall (i32.lt_u (i32.add (local.get $top) (i32.const 1)) (local.get $outHeight)))
        (local.set $wide (i32.lt_u (i32.add (local.get $left) (i32.const 1)) (local.get $outWidth)))
        (local.set $at
          (i32.add (local.get $dy)
            (i32.add
              (i32.mul
                (i32.add (i32.mul (local.get $image) (local.get $outHeight)) (local.get $top))
                (local.get $line))
              (i32.mul (local.get $left) (local.get $channels)))))
        (local.set $d01 (v128.const i32x4 0 0 0 0))
        (local.set $d10 (v128.const i32x4 0 0 0 0))
        (local.set $d11 (v128.const i32x4 0 0 0 0))
        (local.set $channel (i32.const 0))
        (loop $eachChannels
          (local.set $d00 (v128.load (local.get $at)))
          (if (local.get $wide)
            (then (local.set $d01 (v128.load (i32.add (local.get $at) (local.get $channels))))))
          (if (local.get $tall)
            (then
              (local.set $d10 (v128.load (i32.add (local.get $at) (local.get $line))))
              (if (local.get $wide)
                (then
                  (local.set $d11
                    (v128.load
                      (i32.add (i32.add (local.get $at) (local.get $line))
                        (local.get $channels))))))))
          ;; Rows of A·dy: (d00, d01), their sums, their differences, minus the second row;
          ;; each row (a, b) times Aᵀ is (a, a + b, a - b, -b).
          (call $rowTimesATransposed (local.get $to) (local.get $matrix) (local.get $d00) (local.get $d01))
          (call $rowTimesATransposed (i32.add (local.get $to) (i32.shl (local.get $matrix) (i32.const 2)))
            (local.get $matrix)
            (f32x4.add (local.get $d00) (local.get $d10)) (f32x4.add (local.get $d01) (local.get $d11)))
          (call $rowTimesATransposed (i32.add (local.get $to) (i32.shl (local.get $matrix) (i32.const 3)))
            (local.get $matrix)
            (f32x4.sub (local.get $d00) (local.get $d10)) (f32x4.sub (local.get $d01) (local.get $d11)))
          (call $rowTimesATransposed (i32.add (local.get $to) (i32.mul (local.get $matrix) (i32.const 12)))
            (local.get $matrix) (f32x4.neg (local.get $d10)) (f32x4.neg (local.get $d11)))
          (local.set $to (i32.add (local.get $to) (i32.const 16)))
          (local.set $at (i32.add (local.get $at) (i32.const 16)))
          (br_if $eachChannels
            (i32.lt_u (local.tee $channel (i32.add (local.get $channel) (i32.const 16)))
              (local.get $channels))))
        (local.set $tile (i32.add (local.get $tile) (i32.const 1)))
        (br $eachTile))))

  ;; Stores the row (a, b) times Aᵀ, (a, a + b, a - b, -b), at $to, $to + $step, ...
  (func $rowTimesATransposed (param $to i32) (param $step i32) (param $a v128) (param $b v128)
    (v128.store (local.get $to) (local.get $a))
    (v128.store (i32.add (local.get $to) (local.get $step)) (f32x4.add (local.get $a) (local.get $b)))
    (v128.store (i32.add (local.get $to) (i32.shl (local.get $step) (i32.const 1)))
      (f32x4.sub (local.get $a) (local.get $b)))
    (v128.store (i32.add (local.get $to) (i32.mul (local.get $step) (i32.const 3)))
      (f32x4.neg (local.get $b))))

  ;; The 4 values at $p, $p + $step, ... (4 channels each) times G: (m0 + s, d, s + m3) with
  ;; s = (m1 + m2)/2 and d = (m1 - m2)/2.
  (func $rowTimesG (param $p i32) (param $step i32) (result v128 v128 v128)
    (local $m1 v128) (local $m2 v128) (local $s v128)
    (local.set $m1 (v128.load (i32.add (local.get $p) (local.get $step))))
    (local.set $m2 (v128.load (i32.add (local.get $p) (i32.shl (local.get $step) (i32.const 1)))))
    (local.set $s (f32x4.mul (f32x4.add (local.get $m1) (local.get $m2)) (f32x4.splat (f32.const 0.5))))
    (f32x4.add (v128.load (local.get $p)) (local.get $s))
    (f32x4.mul (f32x4.sub (local.get $m1) (local.get $m2)) (f32x4.splat (f32.const 0.5)))
    (f32x4.add (local.get $s)
      (v128.load (i32.add (local.get $p) (i32.mul (local.get $step) (i32.const 3))))))

  ;; dw (3 x 3 x inChannels x outChannels) = Gᵀ·M·G for M at $m: 16 matrices of inChannels
  ;; rows by outChannels.
  (func $transformSums (param $m i32) (param $dw i32) (param $inChannels i32) (param $outChannels i32)
    (local $matrix i32) (local $at i32) (local $end i32) (local $to i32)
    (local $b00 v128) (local $b01 v128) (local $b02 v128) (local $b10 v128) (local $b11 v128)
    (local $b12 v128) (local $b20 v128) (local $b21 v128) (local $b22 v128) (local $b30 v128)
    (local $b31 v128) (local $b32 v128)
    (local.set $matrix
      (i32.shl (i32.mul (local.get $inChannels) (local.get $outChannels)) (i32.const 2)))
    (local.set $at (local.get $m))
    (local.set $end (i32.add (local.get $m) (local.get $matrix)))
    (local.set $to (local.get $dw))
    (loop $eachChannels
      (call $rowTimesG (local.get $at) (local.get $matrix))
      (local.set $b02) (local.set $b01) (local.set $b00)
      (call $rowTimesG (i32.add (local.get $at) (i32.shl (local.get $matrix) (i32.const 2)))
        (local.get $matrix))
      (local.set $b12) (local.set $b11) (local.set $b10)
      (call $rowTimesG (i32.add (local.get $at) (i32.shl (local.get $matrix) (i32.const 3)))
        (local.get $matrix))
      (local.set $b22) (local.set $b21) (local.set $b20)
      (call $rowTimesG (i32.add (local.get $at) (i32.mul (local.get $matrix) (i32.const 12)))
        (local.get $matrix))
      (local.set $b32) (local.set $b31) (local.set $b30)
      ;; Gᵀ times the columns (b0j, b1j, b2j, b3j): the same formula; tap (i, j) of dw lies
      ;; (3i + j) filters' worth of bytes in.
      (call $storeColumnTimesG (local.get $to) (local.get $matrix)
        (local.get $b00) (local.get $b10) (local.get $b20) (local.get $b30))
      (call $storeColumnTimesG (i32.add (local.get $to) (local.get $matrix)) (local.get $matrix)
        (local.get $b01) (local.get $b11) (local.get $b21) (local.get $b31))
      (call $storeColumnTimesG (i32.add (local.get $to) (i32.shl (local.get $matrix) (i32.const 1)))
        (local.get $matrix)
        (local.get $b02) (local.get $b12) (local.get $b22) (local.get $b32))
      (local.set $to (i32.add (local.get $to) (i32.const 16)))
      (br_if $eachChannels
        (i32.lt_u (local.tee $at (i32.add (local.get $at) (i32.const 16))) (local.get $end)))))

  ;; Stores Gᵀ times the column (m0, m1, m2, m3), (m0 + s, d, s + m3), at $to, $to + 3·$step
  ;; and $to + 6·$step (taps (0, j), (1, j) and (2, j) of dw).
  (func $storeColumnTimesG
    (param $to i32) (param $step i32) (param $m0 v128) (param $m1 v128) (param $m2 v128)
    (param $m3 v128)
    (local $s v128)
    (local.set $s (f32x4.mul (f32x4.add (local.get $m1) (local.get $m2)) (f32x4.splat (f32.const 0.5))))
    (v128.store (local.get $to) (f32x4.add (local.get $m0) (local.get $s)))
    (v128.store (i32.add (local.get $to) (i32.mul (local.get $step) (i32.const 3)))
      (f32x4.mul (f32x4.sub (local.get $m1) (local.get $m2)) (f32x4.splat (f32.const 0.5))))
    (v128.store (i32.add (local.get $to) (i32.mul (local.get $step) (i32.const 6)))
      (f32x4.add (local.get $s) (local.get $m3))))

  ;; dw (3 x 3 x inChannels x outChannels) = the filter gradient of a 3x3 convolution with
  ;; stride 1, from x (padded as for winograd, so inHeight ≥ 2·⌈outHeight/2⌉ + 2, likewise the
  ;; width) and dy (batch x outHeight x outWidth x outChannels). inChannels must be a multiple
  ;; of 4. $blockTiles patches go at a time; $scratch holds 16·blockTiles·(inChannels +
  ;; outChannels) + 16·inChannels·outChannels floats and inChannels i32.
  (func (export "winogradFilterGrad")
    (param $x i32) (param $dy i32) (param $dw i32) (param $scratch i32)
    (param $batch i32) (param $inHeight i32) (param $inWidth i32) (param $inChannels i32)
    (param $outHeight i32) (param $outWidth i32) (param $outChannels i32)
    (param $blockTiles i32)
    (local $down i32) (local $across i32) (local $tiles i32) (local $first i32)
    (local $count i32) (local $v i32) (local $w i32) (local $m i32) (local $offsets i32)
    (local $row i32) (local $matrix i32) (local $panel i32) (local $cRow i32)
    (local $vBytes i32) (local $wBytes i32) (local $mBytes i32)
    (local.set $down (i32.shr_u (i32.add (local.get $outHeight) (i32.const 1)) (i32.const 1)))
    (local.set $across (i32.shr_u (i32.add (local.get $outWidth) (i32.const 1)) (i32.const 1)))
    (local.set $tiles
      (i32.mul (local.get $batch) (i32.mul (local.get $down) (local.get $across))))
    (local.set $cRow (i32.shl (local.get $outChannels) (i32.const 2)))
    (local.set $mBytes (i32.mul (local.get $inChannels) (local.get $cRow)))
    (local.set $v (local.get $scratch))
    (local.set $w
      (i32.add (local.get $v)
        (i32.shl (i32.mul (i32.mul (local.get $blockTiles) (local.get $inChannels)) (i32.const 16))
          (i32.const 2))))
    (local.set $m
      (i32.add (local.get $w)
        (i32.shl (i32.mul (i32.mul (local.get $blockTiles) (local.get $outChannels)) (i32.const 16))
          (i32.const 2))))
    (local.set $offsets (i32.add (local.get $m) (i32.shl (local.get $mBytes) (i32.const 4))))
    ;; Row r of M (input channel r) reads V's column r.
    (block $offsetsDone
      (loop $eachRow
        (br_if $offsetsDone (i32.ge_u (local.get $row) (local.get $inChannels)))
        (i32.store (i32.add (local.get $offsets) (i32.shl (local.get $row) (i32.const 2)))
          (i32.shl (local.get $row) (i32.const 2)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $eachRow)))
    (block $blocksDone
      (loop $eachBlock
        (br_if $blocksDone (i32.ge_u (local.get $first) (local.get $tiles)))
        (local.set $count (i32.sub (local.get $tiles) (local.get $first)))
        (if (i32.gt_u (local.get $count) (local.get $blockTiles))
          (then (local.set $count (local.get $blockTiles))))
        (local.set $vBytes
          (i32.shl (i32.mul (local.get $count) (local.get $inChannels)) (i32.const 2)))
        (local.set $wBytes (i32.mul (local.get $count) (local.get $cRow)))
        (call $transformInput (local.get $x) (local.get $v) (local.get $first) (local.get $count)
          (local.get $down) (local.get $across) (local.get $inHeight) (local.get $inWidth)
          (local.get $inChannels))
        (call $transformGradient (local.get $dy) (local.get $w) (local.get $first)
          (local.get $count) (local.get $down) (local.get $across) (local.get $outHeight)
          (local.get $outWidth) (local.get $outChannels))
        ;; M += Vᵀ · W for each of the 16 (ξ, ν), 8 output channels at a time (the first block
        ;; overwrites M).
        (local.set $matrix (i32.const 0))
        (loop $eachMatrix
          (local.set $panel (i32.const 0))
          (loop $eachPanel
            (call $tileRows
              (i32.add (local.get $v) (i32.mul (local.get $matrix) (local.get $vBytes)))
              (i32.add (i32.add (local.get $w) (i32.mul (local.get $matrix) (local.get $wBytes)))
                (i32.shl (local.get $panel) (i32.const 5)))
              (i32.add (i32.add (local.get $m) (i32.mul (local.get $matrix) (local.get $mBytes)))
                (i32.shl (local.get $panel) (i32.const 5)))
              (local.get $offsets) (i32.const 0) (local.get $inChannels)
              (i32.const 1) (i32.const 0) (i32.const 1) (local.get $count)
              (i32.shl (local.get $inChannels) (i32.const 2)) (i32.const 0) (local.get $cRow)
              (local.get $cRow) (i32.eqz (local.get $first)))
            (br_if $eachPanel
              (i32.lt_u (local.tee $panel (i32.add (local.get $panel) (i32.const 1)))
                (i32.shr_u (local.get $outChannels) (i32.const 3)))))
          (br_if $eachMatrix
            (i32.lt_u (local.tee $matrix (i32.add (local.get $matrix) (i32.const 1)))
              (i32.const 16))))
        (local.set $first (i32.add (local.get $first) (local.get $count)))
        (br $eachBlock)))
    (call $transformSums (local.get $m) (local.get $dw) (local.get $inChannels)
      (local.get $outChannels)))
)
