/**
 * A set of labelled 28x28 digit images kept as raw bytes, the way the IDX files store them.
 * Everything that picks examples (splits, shuffles, subsets) works on this cheap form; tensors
 * are made only for the examples a model actually sees.
 *
 * @module
 */

/** Number of pixels in one MNIST image (28 x 28). */
export const PIXELS = 28 * 28;

/** Number of digit classes, 0 to 9. */
export const CLASSES = 10;

/** Labelled digit images as bytes. */
export interface Digits {
  /** `count * 784` pixel intensities, 0 (background) to 255 (ink), image after image. */
  images: Uint8Array;
  /** `count` labels, each 0 to 9. */
  labels: Uint8Array;
  /** Number of examples. */
  count: number;
}

/**
 * The examples at `indices`, in that order (indices may repeat).
 *
 * @example
 * ```ts
 * const firstAndThird = selectDigits(mnist.train, [0, 2]);
 * firstAndThird.count; // 2
 * ```
 */
export function selectDigits(digits: Digits, indices: ArrayLike<number>): Digits {
  const count = indices.length;
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const index = indices[i];
    if (!Number.isInteger(index) || index < 0 || index >= digits.count) {
      throw new RangeError(`selectDigits: index ${index} is outside 0..${digits.count - 1}`);
    }
    images.set(digits.images.subarray(index * PIXELS, (index + 1) * PIXELS), i * PIXELS);
    labels[i] = digits.labels[index];
  }
  return { images, labels, count };
}

/** The examples from `start` (inclusive) to `end` (exclusive), sharing memory with `digits`. */
export function sliceDigits(digits: Digits, start: number, end: number): Digits {
  const from = Math.max(0, Math.min(start, digits.count));
  const to = Math.max(from, Math.min(end, digits.count));
  return {
    images: digits.images.subarray(from * PIXELS, to * PIXELS),
    labels: digits.labels.subarray(from, to),
    count: to - from,
  };
}

/** The pixels of example `index` as a 784-byte view. */
export function imageAt(digits: Digits, index: number): Uint8Array {
  return digits.images.subarray(index * PIXELS, (index + 1) * PIXELS);
}
