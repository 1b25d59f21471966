/**
 * The weights of a softmax layer drawn as one 28x28 picture per class: the "template" the
 * model compares each image with. Red pixels are positive weights (ink there raises the
 * class's score), blue pixels negative (ink there lowers it), white pixels near zero.
 *
 * @module
 */
import type { TopLevelSpec } from "vega-lite";
import { CLASSES, PIXELS } from "../data/digits.ts";
import { pictureGridSpec, pixelsOf } from "./pictures.ts";

/** What {@linkcode weightTemplatesSpec} needs besides the weights. */
export interface WeightTemplatesOptions {
  /** Chart title. */
  title: string;
  /** Number of classes, the kernel's second dimension (default 10). */
  classes?: number;
}

/**
 * A Vega-Lite spec drawing a dense layer's kernel of shape `[784, classes]`, stored row-major
 * (`weights[pixel * classes + k]` is pixel `pixel`'s weight for class `k`), as one picture per
 * class, captioned "0", "1", ... The colour scale is symmetric around 0, so white always means
 * zero, and reaches full colour at the 99th percentile of |w|: a few outlying weights are
 * clamped to full colour instead of washing out every template. Throws a `RangeError` if `weights` does not hold `784 * classes` values.
 *
 * @example
 * ```ts
 * const kernel = model.layers[0].getWeights()[0];
 * const spec = weightTemplatesSpec(kernel.dataSync() as Float32Array, { title: "Learned weights" });
 * ```
 */
export function weightTemplatesSpec(
  weights: ArrayLike<number>,
  options: WeightTemplatesOptions,
): TopLevelSpec {
  const { title, classes = CLASSES } = options;
  if (weights.length !== PIXELS * classes) {
    throw new RangeError(
      `Expected ${PIXELS} x ${classes} = ${PIXELS * classes} weights, got ${weights.length}.`,
    );
  }
  const templates = Array.from(
    { length: classes },
    (_, k) => Array.from({ length: PIXELS }, (_, pixel) => weights[pixel * classes + k]),
  );
  const limit = robustLimit(Array.from(weights, Math.abs));
  return pictureGridSpec({
    title,
    pictures: templates.map((template) => pixelsOf(template)),
    captions: templates.map((_, k) => String(k)),
    columns: 5,
    colors: { domain: [-limit, limit], scheme: "redblue", reverse: true, clamp: true },
    legendTitle: "weight",
  });
}

/** Share of weights drawn inside the colour scale; the rest are clamped to its ends. */
const ROBUST_QUANTILE = 0.99;

/**
 * The 99th percentile of `magnitudes` (never 0): the end of a colour scale that a handful of
 * outliers cannot stretch.
 */
export function robustLimit(magnitudes: number[]): number {
  const sorted = magnitudes.toSorted((a, b) => a - b);
  const at = sorted[Math.min(sorted.length - 1, Math.floor(ROBUST_QUANTILE * sorted.length))];
  return at || sorted.at(-1) || 1;
}
