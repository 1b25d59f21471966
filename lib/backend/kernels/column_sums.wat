;; Column sums of a matrix stored row by row, the reduction behind every bias gradient (dy
;; summed over batch, rows and columns of NHWC data) and batch normalisation's mean:
;;
;;     sums[c] += Σ over rows of x[row, c]
;;
;; The sums are added to what `sums` holds, row after row in order (the caller zeroes it, and
;; keeps the rows it passes per call few enough that float32 sums stay accurate). Rows go 8 at
;; a time: each column's sum is loaded once, the 8 rows' values added to it one after another,
;; and stored once; four columns at a time with SIMD, then one at a time for a row's last 0-3
;; columns. Addresses are byte offsets into the imported memory.
;;
;; Assembled into column_sums_wasm.ts by `deno task wasm`; edit this file, not that one.
(module
  (import "tfjs" "memory" (memory 0))

  (func (export "columnSums")
    (param $x i32) (param $rows i32) (param $columns i32) (param $sums i32)
    (local $rowBytes i32) (local $vectorBytes i32) (local $group i32) (local $at i32)
    (local $p i32) (local $left i32) (local $sum v128) (local $single f32)
    (local.set $rowBytes (i32.shl (local.get $columns) (i32.const 2)))
    (local.set $vectorBytes (i32.and (local.get $rowBytes) (i32.const -16)))
    (block $done
      (loop $nextGroup
        (br_if $done (i32.eqz (local.get $rows)))
        (local.set $group (select (i32.const 8) (local.get $rows)
          (i32.gt_u (local.get $rows) (i32.const 8))))
        (local.set $at (i32.const 0))
        ;; Four columns per iteration.
        (block $vectorsDone
          (loop $vector
            (br_if $vectorsDone (i32.ge_u (local.get $at) (local.get $vectorBytes)))
            (local.set $sum (v128.load (i32.add (local.get $sums) (local.get $at))))
            (local.set $p (i32.add (local.get $x) (local.get $at)))
            (local.set $left (local.get $group))
            (loop $row
              (local.set $sum (f32x4.add (local.get $sum) (v128.load (local.get $p))))
              (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
              (br_if $row (local.tee $left (i32.sub (local.get $left) (i32.const 1)))))
            (v128.store (i32.add (local.get $sums) (local.get $at)) (local.get $sum))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (br $vector)))
        ;; The rows' last 0-3 columns.
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $at) (local.get $rowBytes)))
            (local.set $single (f32.load (i32.add (local.get $sums) (local.get $at))))
            (local.set $p (i32.add (local.get $x) (local.get $at)))
            (local.set $left (local.get $group))
            (loop $row
              (local.set $single (f32.add (local.get $single) (f32.load (local.get $p))))
              (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
              (br_if $row (local.tee $left (i32.sub (local.get $left) (i32.const 1)))))
            (f32.store (i32.add (local.get $sums) (local.get $at)) (local.get $single))
            (local.set $at (i32.add (local.get $at) (i32.const 4)))
            (br $tail)))
        (local.set $x
          (i32.add (local.get $x) (i32.mul (local.get $group) (local.get $rowBytes))))
        (local.set $rows (i32.sub (local.get $rows) (local.get $group)))
        (br $nextGroup)))))
