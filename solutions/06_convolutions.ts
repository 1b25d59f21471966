/**
 * Lesson 6 reference solutions: convolution and max pooling by hand, output sizes and the
 * parameter count of a convolution layer. Same exports as `exercises/06_convolutions.ts`;
 * `tests/06_convolutions_test.ts` proves both.
 *
 * @module
 */

/** How a convolution moves: its step and whether the image is padded with zeros. */
export interface ConvOptions {
  /** Step between two windows, in pixels, down and across (default 1). */
  stride?: number;
  /** `valid`: no padding, windows stay inside the image (default); `same`: zeros around the
   * image so the output is `ceil(n / stride)` wide, as TensorFlow pads. */
  padding?: "valid" | "same";
}

/**
 * Exercise 6.1: slide `kernel` over `image` and at each position sum the products of the
 * overlapping values (no flipping: deep learning's "convolution" is a cross-correlation), as
 * `tf.conv2d` does for one channel and one filter.
 *
 * @example
 * ```ts
 * conv2d([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, -1]]); // [[-4, -4], [-4, -4]]
 * ```
 */
export function conv2d(
  image: number[][],
  kernel: number[][],
  options: ConvOptions = {},
): number[][] {
  const { stride = 1, padding = "valid" } = options;
  const [height, width] = [image.length, image[0].length];
  const [kh, kw] = [kernel.length, kernel[0].length];
  const outH = padding === "same"
    ? Math.ceil(height / stride)
    : Math.floor((height - kh) / stride) + 1;
  const outW = padding === "same"
    ? Math.ceil(width / stride)
    : Math.floor((width - kw) / stride) + 1;
  // TensorFlow's "same": the padding needed in total, the smaller half before the image.
  const top = padding === "same"
    ? Math.floor(Math.max((outH - 1) * stride + kh - height, 0) / 2)
    : 0;
  const left = padding === "same"
    ? Math.floor(Math.max((outW - 1) * stride + kw - width, 0) / 2)
    : 0;
  const pixel = (r: number, c: number) =>
    r >= 0 && r < height && c >= 0 && c < width ? image[r][c] : 0;
  return Array.from({ length: outH }, (_, i) =>
    Array.from({ length: outW }, (_, j) => {
      let sum = 0;
      for (let u = 0; u < kh; u++) {
        for (let v = 0; v < kw; v++) {
          sum += kernel[u][v] * pixel(i * stride - top + u, j * stride - left + v);
        }
      }
      return sum;
    }));
}

/**
 * Exercise 6.2: max pooling with `size` x `size` windows moved by `stride` (default `size`),
 * no padding: each output is the largest value of its window, as `tf.maxPool` with `valid`.
 *
 * @example
 * ```ts
 * maxPool([[1, 2, 0, 0], [3, 4, 0, 1], [0, 0, 5, 0], [0, 0, 0, 0]], 2); // [[4, 1], [0, 5]]
 * ```
 */
export function maxPool(image: number[][], size: number, stride = size): number[][] {
  const outH = Math.floor((image.length - size) / stride) + 1;
  const outW = Math.floor((image[0].length - size) / stride) + 1;
  return Array.from({ length: outH }, (_, i) =>
    Array.from({ length: outW }, (_, j) => {
      let largest = -Infinity;
      for (let u = 0; u < size; u++) {
        for (let v = 0; v < size; v++) {
          largest = Math.max(largest, image[i * stride + u][j * stride + v]);
        }
      }
      return largest;
    }));
}

/**
 * Exercise 6.3: the output size of a convolution along one side: `(n + 2p - k) / s + 1`,
 * rounded down, for input size `n`, kernel size `k`, stride `s` and padding `p` on each side.
 *
 * @example
 * ```ts
 * outputSize(28, 3, 1, 0); // 26
 * outputSize(28, 3, 2, 1); // 14
 * ```
 */
export function outputSize(n: number, k: number, stride: number, padding: number): number {
  return Math.floor((n + 2 * padding - k) / stride) + 1;
}

/**
 * Exercise 6.4: the parameters of a convolution layer: each of `filters` filters has
 * `inChannels * kh * kw` weights and one bias.
 *
 * @example
 * ```ts
 * convParameters(64, 1, 3, 3); // 640
 * ```
 */
export function convParameters(
  filters: number,
  inChannels: number,
  kh: number,
  kw: number,
): number {
  return filters * (inChannels * kh * kw + 1);
}
