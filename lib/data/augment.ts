/**
 * Data augmentation on batches of images with tfjs ops: each image gets its own random
 * rotation, zoom and shift, drawn from a seeded generator and applied in one
 * `tf.image.transform` call (bilinear sampling, blank paper where the image moved away).
 * Nothing is flipped: a mirrored 2 or 7 is not a digit.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** One image's transform: how it is rotated, zoomed and shifted about its centre. */
export interface Affine {
  /** Rotation in degrees, anticlockwise on the screen. */
  degrees: number;
  /** Scale factor: 1.1 draws the digit 10% bigger. */
  zoom: number;
  /** Shift to the right, in pixels. */
  shiftX: number;
  /** Shift down, in pixels. */
  shiftY: number;
}

/** The largest random change of each kind, as Keras's `ImageDataGenerator` takes them. */
export interface AugmentLimits {
  /** Rotation up to this many degrees either way. */
  rotation: number;
  /** Zoom factor between 1 - zoom and 1 + zoom. */
  zoom: number;
  /** Horizontal shift up to this fraction of the width either way. */
  widthShift: number;
  /** Vertical shift up to this fraction of the height either way. */
  heightShift: number;
}

/** The article's augmentation: 10 degrees, 10% zoom, 10% shifts. */
export const ARTICLE_AUGMENTATION: AugmentLimits = {
  rotation: 10,
  zoom: 0.1,
  widthShift: 0.1,
  heightShift: 0.1,
};

/**
 * The 8 numbers `tf.image.transform` takes for `affine` on a `size` x `size` image. They map
 * each OUTPUT pixel (x, y) back to the input point it samples:
 * `x_in = a0 x + a1 y + a2`, `y_in = b0 x + b1 y + b2` (the last two, c0 and c1, stay 0).
 *
 * @example
 * ```ts
 * affineMatrix({ degrees: 0, zoom: 1, shiftX: 2, shiftY: 0 }, 28); // [1, 0, -2, 0, 1, 0, 0, 0]
 * ```
 */
export function affineMatrix(affine: Affine, size: number): number[] {
  const centre = (size - 1) / 2;
  const angle = (affine.degrees * Math.PI) / 180;
  const cos = Math.cos(angle) / affine.zoom;
  const sin = Math.sin(angle) / affine.zoom;
  // Inverse of "rotate by angle (anticlockwise on screen, y down) and zoom about the centre".
  const [a0, a1, b0, b1] = [cos, -sin, sin, cos];
  const fromX = centre + affine.shiftX;
  const fromY = centre + affine.shiftY;
  return [
    a0,
    a1,
    centre - a0 * fromX - a1 * fromY,
    b0,
    b1,
    centre - b0 * fromX - b1 * fromY,
    0,
    0,
  ];
}

/** A random transform within `limits` for a `size`-pixel image, drawn from `random`. */
export function randomAffine(limits: AugmentLimits, size: number, random: () => number): Affine {
  const between = (limit: number) => (2 * random() - 1) * limit;
  return {
    degrees: between(limits.rotation),
    zoom: 1 + between(limits.zoom),
    shiftX: between(limits.widthShift) * size,
    shiftY: between(limits.heightShift) * size,
  };
}

/**
 * An augmenter for `fit`'s `augment` option: every image of a `[batch, h, w, 1]` batch gets its
 * own random transform from `random` (seed it: the same seed gives the same transforms), turned
 * into `tf.image.transform`'s 8 numbers by `matrix` ({@linkcode affineMatrix} unless another
 * implementation of it is given, such as the learner's exercise 8.1).
 *
 * @example
 * ```ts
 * const augment = randomAugmenter(ARTICLE_AUGMENTATION, createRng(7).next);
 * await fit(model, train, { ...options, augment });
 * ```
 */
export function randomAugmenter(
  limits: AugmentLimits,
  random: () => number,
  matrix: (affine: Affine, size: number) => number[] = affineMatrix,
): (images: tf.Tensor) => tf.Tensor {
  return (images) => {
    const [count, size] = images.shape;
    const matrices = Array.from(
      { length: count },
      () => matrix(randomAffine(limits, size!, random), size!),
    );
    return tf.image.transform(
      images as tf.Tensor4D,
      tf.tensor2d(matrices, [count, 8]),
      "bilinear",
      "constant",
      0,
    );
  };
}
