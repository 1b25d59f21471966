/**
 * Small grey pictures of 2-D arrays (a prepared input, a test digit, a feature map), drawn on
 * canvases at their own size; the page's CSS scales them up with sharp pixels.
 *
 * @module
 */
import type { PageCanvas } from "./dom.ts";

/**
 * Paints `values` (`width` x `height`, row after row) on `canvas` in grey, white for `max` and
 * black for 0, resizing the canvas to fit.
 *
 * @example
 * ```ts
 * paintGrey(byId<PageCanvas>("input"), prepared, 28, 28, 1);
 * ```
 */
export function paintGrey(
  canvas: PageCanvas,
  values: ArrayLike<number>,
  width: number,
  height: number,
  max: number,
): PageCanvas {
  [canvas.width, canvas.height] = [width, height];
  const image = new ImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    const level = max > 0 ? Math.round(255 * Math.min(1, Math.max(0, values[i] / max))) : 0;
    image.data.set([level, level, level, 255], 4 * i);
  }
  canvas.getContext("2d")!.putImageData(image, 0, 0);
  return canvas;
}
