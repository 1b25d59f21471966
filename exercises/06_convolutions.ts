// The stubs below do not use their parameters yet; your code will.
// deno-lint-ignore-file no-unused-vars
/**
 * Lesson 6 exercises: convolution and max pooling by hand, output sizes and the parameter
 * count of a convolution layer.
 *
 * Replace each `todo(...)` with your code, then run `deno task check 6`: it runs
 * `tests/06_convolutions_test.ts` against this file and tells you what to do next.
 *
 * @module
 */
import { todo } from "@lib/exercise/todo.ts";

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
  // TODO: work out the output size (see the options), then for every output cell sum
  // kernel[u][v] * image[row][col] over the window; pixels outside the image count as 0.
  // 待办：先算出输出尺寸（见 options），再对每个输出格子在窗口上累加 kernel[u][v] * image[row][col]；图片以外的像素按 0 计。
  return todo("6.1", {
    en: "slide the kernel over the image, summing products at each position",
    zh: "让卷积核在图片上滑动，在每个位置把对应元素的乘积相加",
  });
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
  // TODO: for every output cell, the largest value in its size x size window.
  // 待办：每个输出格子取它 size x size 窗口里的最大值。
  return todo("6.2", {
    en: "the largest value of each window",
    zh: "每个窗口里的最大值",
  });
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
  // TODO: (n + 2 * padding - k) / stride + 1, rounded down.
  // 待办：(n + 2 * padding - k) / stride + 1，向下取整。
  return todo("6.3", {
    en: "apply (n + 2p - k) / s + 1, rounded down",
    zh: "套用 (n + 2p - k) / s + 1，向下取整",
  });
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
  // TODO: filters * (weights per filter + 1 bias).
  // 待办：filters * (每个卷积核的权重数 + 1 个偏置)。
  return todo("6.4", {
    en: "count the weights and the bias of every filter",
    zh: "数出每个卷积核的权重和偏置",
  });
}
