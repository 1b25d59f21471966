/**
 * Sample digits as a grid of small grayscale pictures, each with a caption such as its label
 * or "true 4 / pred 9". Black ink on white paper, as MNIST is usually shown.
 *
 * @module
 */
import type { TopLevelSpec } from "vega-lite";
import { pictureGridSpec, pixelsOf } from "./pictures.ts";

/** What {@linkcode digitGridSpec} draws. */
export interface DigitGridOptions {
  /** 28x28 images, 784 values each, row after row; ink is high values. */
  images: ArrayLike<number>[];
  /** One caption per image. */
  captions: string[];
  /** Chart title. */
  title: string;
  /** Digits per row (default 5). */
  columns?: number;
  /**
   * The value of full black ink. By default 255 if any pixel is above 1 (raw MNIST bytes),
   * otherwise 1 (images already divided by 255).
   */
  maxValue?: number;
}

/**
 * A Vega-Lite spec drawing each image as a small grayscale picture with its caption below.
 * Only the inked (non-zero) pixels are drawn, which keeps the SVG small: most of a digit is
 * blank paper.
 *
 * @example
 * ```ts
 * const spec = digitGridSpec({
 *   images: [imageAt(mnist.train, 0), imageAt(mnist.train, 1)],
 *   captions: ["label 5", "label 0"],
 *   title: "The first two training digits",
 * });
 * await writeChart("out/samples.svg", spec);
 * ```
 */
export function digitGridSpec(options: DigitGridOptions): TopLevelSpec {
  const { images, captions, title, columns = 5 } = options;
  const rawBytes = images.some((image) => Array.from(image).some((value) => value > 1));
  const maxValue = options.maxValue ?? (rawBytes ? 255 : 1);
  return pictureGridSpec({
    title,
    pictures: images.map((image) => pixelsOf(image).filter((pixel) => pixel.value > 0)),
    captions,
    columns,
    colors: { domain: [0, maxValue], range: ["white", "black"] },
  });
}
