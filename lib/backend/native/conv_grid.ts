/**
 * A stride-1 convolution as one matrix product per filter tap, with no im2col rows: the
 * "shifted product" formulation.
 *
 * Lay the padded input out as a grid of hp × wp pixels per image (hp = outHeight + the
 * filter's dilated height - 1, likewise wp), NHWC, and number the grid's pixels p = 0, 1, ...
 * across the whole chunk of images. With stride 1, output pixel (i, j) of an image reads, for
 * tap (ky, kx), the grid pixel at (i + d·ky, j + d·kx), which is p + offset(ky, kx) with
 * offset = d·ky·wp + d·kx. So, numbering outputs on the same grid (only i < outHeight,
 * j < outWidth are real; the others are scratch that is thrown away),
 *
 *     y[p]  = Σ_taps xgrid[p + offset] · w[tap]          (w[tap] is a [cin, cout] matrix)
 *     dxgrid[p + offset] += dygrid[p] · w[tap]ᵀ           (dygrid is dy on the grid, zeros
 *                                                           at the scratch pixels)
 *
 * Each line is, for one tap, a product of contiguous matrices whose rows are grid pixels:
 * `sgemm` on subarrays, accumulated with β = 1. A real output only ever reads pixels of its own
 * image, so running the rows across image boundaries is harmless. Compared with im2col rows
 * (kh·kw copies of every input value, and for the input gradient a col2im pass adding them
 * back) this moves far less memory: the grid is the padded input, once. Measured on one
 * thread, the lesson-7 CNN's second layer at batch 64: forward 30 → 23 ms, input gradient
 * 34 → 21 ms. (For the filter gradient the per-tap products were no faster than im2col.)
 *
 * @module
 */
import type { backend_util } from "@tensorflow/tfjs";
import type { Blas } from "./blas.ts";

/**
 * When the products pay (measured on the course's layers, one thread): each tap's product
 * sums over the input channels, too few of which (a first layer's 1) leave BLAS idle; and the
 * grid's scratch pixels (its margin of filter size - 1 rows and columns) are wasted work, which
 * on a 7×7 image with a 3×3 filter (81 grid pixels for 49 outputs) costs more than im2col.
 */
const MIN_IN_CHANNELS = 16;
const MAX_GRID_PER_OUTPUT = 1.4;

/** Grid floats per scratch buffer (64 MB) unless one image needs more. */
const SCRATCH_FLOATS = 16 * 1024 * 1024;

const scratches: Float32Array[] = [new Float32Array(0), new Float32Array(0)];

/** Scratch buffer `slot` (0 or 1) with room for `floats`, shared by every call. */
function scratch(slot: number, floats: number): Float32Array {
  if (scratches[slot].length < floats) scratches[slot] = new Float32Array(floats);
  return scratches[slot].subarray(0, floats);
}

/** A stride-1 convolution's grid: its size per image and each tap's offset in pixels. */
export interface Grid {
  height: number;
  width: number;
  /** offset(ky, kx) = d·ky·width + d·kx, taps in the filter's [kh, kw] order. */
  offsets: number[];
  /** Images per chunk, so that a chunk's grids fit the scratch buffers. */
  images: number;
}

/**
 * The grid of a convolution with geometry `g`, or undefined when the shifted products do not
 * apply (a stride above 1, or padding that leaves input pixels outside the grid) or do not pay
 * (few input channels, or a grid much larger than the output).
 *
 * @example
 * ```ts
 * const grid = convGrid(g); // 3×3 "same" on 28×28: height 30, width 30, offsets 0, 1, 2, 30...
 * ```
 */
export function convGrid(g: backend_util.Conv2DInfo): Grid | undefined {
  if (g.strideHeight !== 1 || g.strideWidth !== 1) return undefined;
  const height = g.outHeight + g.effectiveFilterHeight - 1;
  const width = g.outWidth + g.effectiveFilterWidth - 1;
  const { top, left } = g.padInfo;
  if (top < 0 || left < 0 || height < g.inHeight + top || width < g.inWidth + left) {
    return undefined;
  }
  const pays = g.inChannels >= MIN_IN_CHANNELS &&
    height * width <= MAX_GRID_PER_OUTPUT * g.outHeight * g.outWidth;
  if (!pays) return undefined;
  const offsets: number[] = [];
  for (let ky = 0; ky < g.filterHeight; ky++) {
    for (let kx = 0; kx < g.filterWidth; kx++) {
      offsets.push(ky * g.dilationHeight * width + kx * g.dilationWidth);
    }
  }
  const perImage = height * width * Math.max(g.inChannels, g.outChannels);
  const images = Math.max(1, Math.min(g.batchSize, Math.floor(SCRATCH_FLOATS / perImage)));
  return { height, width, offsets, images };
}

/**
 * A chunk of `count` NHWC images, each `h`×`w`×`c` in `source`, placed on grid scratch buffer
 * `slot` at row `top`, column `left`, zeros elsewhere. Returns the grid, or `source` itself
 * when it already is one (no padding).
 */
function onGrid(
  source: Float32Array,
  [count, h, w, c]: number[],
  grid: Grid,
  top: number,
  left: number,
  slot: number,
): Float32Array {
  if (h === grid.height && w === grid.width) return source;
  const out = scratch(slot, count * grid.height * grid.width * c);
  out.fill(0);
  for (let n = 0; n < count; n++) {
    for (let i = 0; i < h; i++) {
      const from = (n * h + i) * w * c;
      out.set(
        source.subarray(from, from + w * c),
        ((n * grid.height + i + top) * grid.width + left) * c,
      );
    }
  }
  return out;
}

/** Copies the `h`×`w` window at (`top`, `left`) of each of `count` grid images into `target`. */
function offGrid(
  gridded: Float32Array,
  grid: Grid,
  top: number,
  left: number,
  [count, h, w, c]: number[],
  target: Float32Array,
): void {
  for (let n = 0; n < count; n++) {
    for (let i = 0; i < h; i++) {
      const from = ((n * grid.height + i + top) * grid.width + left) * c;
      target.set(gridded.subarray(from, from + w * c), (n * h + i) * w * c);
    }
  }
}

/** The [cin, cout] matrix of tap `t` of a filter [kh, kw, cin, cout]. */
function tap(w: Float32Array, t: number, cin: number, cout: number): Float32Array {
  return w.subarray(t * cin * cout, (t + 1) * cin * cout);
}

/** A chunk of `count` images: where its inputs and its outputs lie in x (or dx) and y (or dy). */
interface Chunk {
  count: number;
  input: [number, number];
  output: [number, number];
}

/** The chunks of `grid.images` images (the last one shorter) that the products run on. */
function* chunksOf(g: backend_util.Conv2DInfo, grid: Grid): Generator<Chunk> {
  const inSize = g.inHeight * g.inWidth * g.inChannels;
  const outSize = g.outHeight * g.outWidth * g.outChannels;
  for (let first = 0; first < g.batchSize; first += grid.images) {
    const last = Math.min(first + grid.images, g.batchSize);
    yield {
      count: last - first,
      input: [first * inSize, last * inSize],
      output: [first * outSize, last * outSize],
    };
  }
}

/**
 * Adds the stride-1 convolution of `x` (NHWC, geometry `g`) with filter `w` to `y`, which
 * holds `beta`·y first (β = 1 to keep a bias already written there, 0 to overwrite).
 *
 * @example
 * ```ts
 * const grid = convGrid(g);
 * if (grid) convolveOnGrid(blas, x, w, g, grid, 0, y);
 * ```
 */
export function convolveOnGrid(
  blas: Blas,
  x: Float32Array,
  w: Float32Array,
  g: backend_util.Conv2DInfo,
  grid: Grid,
  beta: number,
  y: Float32Array,
): void {
  const { inHeight, inWidth, inChannels: cin, outHeight, outWidth, outChannels: cout } = g;
  const pixels = grid.height * grid.width;
  for (const { count, input, output } of chunksOf(g, grid)) {
    const xs = x.subarray(...input);
    const ys = y.subarray(...output);
    const xg = onGrid(xs, [count, inHeight, inWidth, cin], grid, g.padInfo.top, g.padInfo.left, 0);
    const outShape = [count, outHeight, outWidth, cout];
    const yg = beta === 0
      ? scratch(1, count * pixels * cout).fill(0)
      : onGrid(ys, outShape, grid, 0, 0, 1);
    grid.offsets.forEach((offset, t) => {
      const rows = count * pixels - offset;
      blas.sgemm(
        false,
        false,
        rows,
        cout,
        cin,
        xg.subarray(offset * cin, (offset + rows) * cin),
        tap(w, t, cin, cout),
        1,
        yg.subarray(0, rows * cout),
      );
    });
    offGrid(yg, grid, 0, 0, outShape, ys);
  }
}

/**
 * Writes the input gradient of a stride-1 convolution (geometry `g`, filter `w`) for output
 * gradient `dy` into `dx`.
 *
 * @example
 * ```ts
 * const grid = convGrid(g);
 * if (grid) inputGradientOnGrid(blas, dy, w, g, grid, dx);
 * ```
 */
export function inputGradientOnGrid(
  blas: Blas,
  dy: Float32Array,
  w: Float32Array,
  g: backend_util.Conv2DInfo,
  grid: Grid,
  dx: Float32Array,
): void {
  const { inHeight, inWidth, inChannels: cin, outHeight, outWidth, outChannels: cout } = g;
  const pixels = grid.height * grid.width;
  for (const { count, input, output } of chunksOf(g, grid)) {
    const dys = dy.subarray(...output);
    const dyg = onGrid(dys, [count, outHeight, outWidth, cout], grid, 0, 0, 0);
    const dxg = scratch(1, count * pixels * cin).fill(0);
    grid.offsets.forEach((offset, t) => {
      const rows = count * pixels - offset;
      blas.sgemm(
        false,
        true,
        rows,
        cin,
        cout,
        dyg.subarray(0, rows * cout),
        tap(w, t, cin, cout),
        1,
        dxg.subarray(offset * cin, (offset + rows) * cin),
      );
    });
    const inShape = [count, inHeight, inWidth, cin];
    offGrid(
      dxg,
      grid,
      g.padInfo.top,
      g.padInfo.left,
      inShape,
      dx.subarray(...input),
    );
  }
}
