/**
 * Turning bytes into what a network eats: pixels scaled to [0, 1], labels as one-hot rows or
 * integers, and tensors in the flat `[N, 784]` shape dense layers want or the image
 * `[N, 28, 28, 1]` shape convolutions want.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { CLASSES, type Digits, PIXELS } from "./digits.ts";

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
  for (let i = 0; i < pixels.length; i++) scaled[i] = pixels[i] / 255;
  return scaled;
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

/** A batch of examples as tensors: `x` the scaled pixels, `y` the one-hot labels. */
export interface TensorBatch {
  /** `[N, 784]` (flat) or `[N, 28, 28, 1]` (image) pixels in [0, 1]. */
  x: tf.Tensor;
  /** `[N, 10]` one-hot labels. */
  y: tf.Tensor2D;
}

/**
 * Tensors for a set of digits, in the requested layout. The caller disposes them.
 *
 * @example
 * ```ts
 * const { x, y } = toTensors(mnist.test, "flat"); // x: [10000, 784], y: [10000, 10]
 * ```
 */
export function toTensors(digits: Digits, layout: ImageLayout): TensorBatch {
  const shape = layout === "flat" ? [digits.count, PIXELS] : [digits.count, 28, 28, 1];
  return {
    x: tf.tensor(scalePixels(digits.images), shape, "float32"),
    y: tf.tensor2d(oneHot(digits.labels), [digits.count, CLASSES]),
  };
}
