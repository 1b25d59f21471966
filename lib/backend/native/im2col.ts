/**
 * Turning a convolution into a matrix product ("im2col") and back ("col2im").
 *
 * For NHWC input x and a filter w [kh, kw, cin, cout], write one row per output pixel holding
 * every input value its window reads (zeros where the window hangs over the padding):
 *
 *     cols[(n, i, j), (ky, kx, ci)] = x[n, s·i + d·ky - top, s·j + d·kx - left, ci]
 *
 * Then the convolution is y = cols · w, with w read as a [kh·kw·cin, cout] matrix, and its
 * gradients are products too: dw = colsᵀ · dy, and dcols = dy · wᵀ, whose values
 * {@linkcode col2im} adds back to the input pixels they came from (dx).
 *
 * Rows are built for a few images at a time, so the scratch matrix stays small.
 *
 * @module
 */
import type { backend_util } from "@tensorflow/tfjs";

/**
 * The scratch matrix's largest size in floats (2 MB) unless one image needs more. Small chunks
 * stay in cache between being written and being multiplied: the lesson-7 CNN's second filter
 * gradient at batch 64 (one thread) took 24 ms in chunks of 64 images, 18 ms in chunks of 3.
 */
const SCRATCH_FLOATS = 512 * 1024;

let scratch = new Float32Array(0);

/**
 * Images per im2col chunk for geometry `g`, and a scratch matrix big enough for that chunk
 * (shared by every call: a kernel uses it and is done before the next one starts).
 *
 * @example
 * ```ts
 * const { images, cols } = chunking(g); // cols holds images·outHeight·outWidth rows
 * ```
 */
export function chunking(g: backend_util.Conv2DInfo): { images: number; cols: Float32Array } {
  const perImage = g.outHeight * g.outWidth * g.filterHeight * g.filterWidth * g.inChannels;
  const images = Math.max(1, Math.min(g.batchSize, Math.floor(SCRATCH_FLOATS / perImage)));
  if (scratch.length < images * perImage) scratch = new Float32Array(images * perImage);
  return { images, cols: scratch.subarray(0, images * perImage) };
}

/**
 * Writes the im2col rows of images [first, first + count) of `x` into `cols`.
 *
 * @example
 * ```ts
 * im2col(x, g, 0, 2, cols); // rows for images 0 and 1
 * ```
 */
export function im2col(
  x: Float32Array,
  g: backend_util.Conv2DInfo,
  first: number,
  count: number,
  cols: Float32Array,
): void {
  const { inHeight, inWidth, inChannels: c, outHeight, outWidth, filterHeight, filterWidth } = g;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth } = g;
  const { top, left } = g.padInfo;
  let dst = 0;
  for (let n = first; n < first + count; n++) {
    const image = n * inHeight * inWidth * c;
    for (let i = 0; i < outHeight; i++) {
      for (let j = 0; j < outWidth; j++) {
        for (let ky = 0; ky < filterHeight; ky++) {
          const y = i * strideHeight + ky * dilationHeight - top;
          if (y < 0 || y >= inHeight) {
            cols.fill(0, dst, dst + filterWidth * c);
            dst += filterWidth * c;
          } else if (dilationWidth === 1) {
            dst = copyRun(x, image + y * inWidth * c, j * strideWidth - left, g, cols, dst);
          } else {
            for (let kx = 0; kx < filterWidth; kx++) {
              const xx = j * strideWidth + kx * dilationWidth - left;
              const inside = xx >= 0 && xx < inWidth;
              const src = image + (y * inWidth + xx) * c;
              for (let ci = 0; ci < c; ci++) cols[dst + ci] = inside ? x[src + ci] : 0;
              dst += c;
            }
          }
        }
      }
    }
  }
}

/** The first filter column whose pixel lies inside a row, for a window at column `x0`. */
function firstInside(x0: number, g: backend_util.Conv2DInfo): number {
  return Math.min(g.filterWidth, Math.max(0, -x0));
}

/** One past the last filter column inside a row (at least `first`), for a window at `x0`. */
function endInside(x0: number, first: number, g: backend_util.Conv2DInfo): number {
  return Math.max(first, Math.min(g.filterWidth, g.inWidth - x0));
}

/**
 * Copies the filterWidth pixels of one input row starting at column `x0` (zeros for columns
 * outside the row) to `cols` at `dst`: one block copy, as they are adjacent in memory.
 * Returns where the next copy goes.
 */
function copyRun(
  x: Float32Array,
  row: number,
  x0: number,
  g: backend_util.Conv2DInfo,
  cols: Float32Array,
  dst: number,
): number {
  const c = g.inChannels;
  const first = firstInside(x0, g);
  const last = endInside(x0, first, g);
  if (first > 0) cols.fill(0, dst, dst + first * c);
  const from = row + (x0 + first) * c;
  const size = (last - first) * c;
  const to = dst + first * c;
  if (size >= 16) cols.set(x.subarray(from, from + size), to);
  else for (let k = 0; k < size; k++) cols[to + k] = x[from + k];
  const end = dst + g.filterWidth * c;
  if (last < g.filterWidth) cols.fill(0, dst + last * c, end);
  return end;
}

/**
 * Adds the im2col rows `cols` of images [first, first + count) back into `dx` (which holds
 * the whole batch): each value goes to the input pixel it was read from.
 *
 * @example
 * ```ts
 * dx.fill(0);
 * col2im(cols, g, 0, 2, dx);
 * ```
 */
export function col2im(
  cols: Float32Array,
  g: backend_util.Conv2DInfo,
  first: number,
  count: number,
  dx: Float32Array,
): void {
  const { inHeight, inWidth, inChannels: c, outHeight, outWidth, filterHeight, filterWidth } = g;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth } = g;
  const { top, left } = g.padInfo;
  let src = 0;
  for (let n = first; n < first + count; n++) {
    const image = n * inHeight * inWidth * c;
    for (let i = 0; i < outHeight; i++) {
      for (let j = 0; j < outWidth; j++) {
        for (let ky = 0; ky < filterHeight; ky++) {
          const y = i * strideHeight + ky * dilationHeight - top;
          if (y >= 0 && y < inHeight && dilationWidth === 1) {
            const x0 = j * strideWidth - left;
            const first = firstInside(x0, g);
            const last = endInside(x0, first, g);
            const to = image + (y * inWidth + x0 + first) * c;
            const from = src + first * c;
            for (let k = 0; k < (last - first) * c; k++) dx[to + k] += cols[from + k];
          } else if (y >= 0 && y < inHeight) {
            for (let kx = 0; kx < filterWidth; kx++) {
              const xx = j * strideWidth + kx * dilationWidth - left;
              if (xx < 0 || xx >= inWidth) continue;
              const dst = image + (y * inWidth + xx) * c;
              const from = src + kx * c;
              for (let ci = 0; ci < c; ci++) dx[dst + ci] += cols[from + ci];
            }
          }
          src += filterWidth * c;
        }
      }
    }
  }
}
