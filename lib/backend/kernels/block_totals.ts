/**
 * Accurate sums of many rows for the kernels that add rows up in WebAssembly (`Sum`, `Mean`,
 * `BatchNormSums`): float32 sums of many values lose precision, so the rows go through in
 * blocks of {@linkcode BLOCK_ROWS}, each summed in float32 from zero, and the blocks' sums are
 * added up in float64.
 *
 * @module
 */

/** Rows summed in float32 before a block's sums join the float64 totals. */
export const BLOCK_ROWS = 1024;

/**
 * The float64 totals of `rows` rows, one per value of `block`: for each block of rows,
 * `block` is zeroed and `sumBlock(first, count)` adds rows `first` to `first + count - 1` into
 * it in float32.
 *
 * @example
 * ```ts
 * const totals = blockTotals(rows, sums, (first, count) => columnSums(at(first), count, c, sumsAt));
 * ```
 */
export function blockTotals(
  rows: number,
  block: Float32Array,
  sumBlock: (first: number, count: number) => void,
): Float64Array {
  const totals = new Float64Array(block.length);
  for (let first = 0; first < rows; first += BLOCK_ROWS) {
    block.fill(0);
    sumBlock(first, Math.min(BLOCK_ROWS, rows - first));
    for (let i = 0; i < totals.length; i++) totals[i] += block[i];
  }
  return totals;
}
