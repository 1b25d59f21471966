/**
 * Turning bytes into what a network eats: pixels scaled to [0, 1], labels as one-hot rows or
 * integers, and tensors in the flat `[N, 784]` shape dense layers want or the image
 * `[N, 28, 28, 1]` shape convolutions want.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { CLASSES, type Digits, imageAt, PIXELS } from "./digits.ts";

/**
 * Scales pixel intensities 0-255 to floats in [0, 1].
 *
 * @example
 * ```ts
 * scalePixels(new Uint8Array([0, 51, 255])); // Float32Array [0, 0.2, 1]
 * ```
 */
export function scalePixels(pixels: Uint8Array): Float32Array {
  const scaled = new Float32Array(pixels.length);
  scalePixelsInto(pixels, scaled, 0);
  return scaled;
}

/** `SCALED[v]` is `v / 255` as a float32: a lookup is cheaper than a division per pixel. */
const SCALED = Float32Array.from({ length: 256 }, (_, value) => value / 255);

/** Writes `pixels` scaled to [0, 1] into `target` from `offset`, without allocating. */
function scalePixelsInto(pixels: Uint8Array, target: Float32Array, offset: number): void {
  for (let i = 0; i < pixels.length; i++) target[offset + i] = SCALED[pixels[i]];
}

/**
 * One row per label with a 1 in the label's column and 0 elsewhere, flattened row after row.
 *
 * @example
 * ```ts
 * oneHot(new Uint8Array([2]), 4); // Float32Array [0, 0, 1, 0]
 * ```
 */
export function oneHot(labels: ArrayLike<number>, classes = CLASSES): Float32Array {
  const rows = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) rows[i * classes + labels[i]] = 1;
  return rows;
}

/** The shape of image tensors: flat vectors for dense layers, 28x28x1 grids for convolutions. */
export type ImageLayout = "flat" | "image";

/** A batch of examples as tensors: `x` the scaled pixels, `y` the labels. */
export interface TensorBatch {
  /** `[N, 784]` (flat) or `[N, 28, 28, 1]` (image) pixels in [0, 1]. */
  x: tf.Tensor;
  /** `[N, 10]` one-hot labels, or `[N]` integer labels for sparse losses. */
  y: tf.Tensor;
}

/** How labels are given to a loss: one-hot rows, or plain integers ("sparse"). */
export type LabelEncoding = "oneHot" | "sparse";

/**
 * Tensors for the examples at `indices` (all of them by default), in the requested layout.
 * The batch is assembled in JavaScript and uploaded once: on the wasm backend that is
 * far cheaper than `tf.gather` or `slice` on a big tensor. The caller disposes the tensors.
 *
 * @example
 * ```ts
 * const { x, y } = toTensors(mnist.test, "flat"); // x: [10000, 784], y: [10000, 10]
 * const batch = toTensors(mnist.train, "image", [5, 9, 2]); // x: [3, 28, 28, 1]
 * ```
 */
export function toTensors(
  digits: Digits,
  layout: ImageLayout,
  indices?: ArrayLike<number>,
  labels: LabelEncoding = "oneHot",
): TensorBatch {
  const count = indices ? indices.length : digits.count;
  const pixels = new Float32Array(count * PIXELS);
  const classes = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const index = indices ? indices[i] : i;
    scalePixelsInto(imageAt(digits, index), pixels, i * PIXELS);
    classes[i] = digits.labels[index];
  }
  const shape = layout === "flat" ? [count, PIXELS] : [count, 28, 28, 1];
  return {
    x: tf.tensor(pixels, shape, "float32"),
    y: labels === "sparse"
      ? tf.tensor1d(classes, "int32")
      : tf.tensor2d(oneHot(classes), [count, CLASSES]),
  };
}
