/**
 * Small square maps of numbers, such as convolution kernels (3x3), learned filters and the
 * feature maps a convolution produces (26x26), drawn as a grid of pictures. Maps use a red-blue
 * scale centred on zero (red positive, blue negative, white zero); images given among them
 * (the digits a kernel is applied to) are drawn in grayscale, so ink never looks like a weight.
 *
 * @module
 */
import type { TopLevelSpec } from "vega-lite";
import { pictureGridSpec, pixelsOf } from "./pictures.ts";

/** What {@linkcode mapGridSpec} draws. */
export interface MapGridOptions {
  /** The maps, each square (3x3, 26x26...: any size), its values row after row. */
  maps: ArrayLike<number>[];
  /** One caption per map. */
  captions: string[];
  /** Chart title. */
  title: string;
  /** Maps per row (default 8). */
  columns?: number;
  /** Title of the colour legend (default "value"). */
  legendTitle?: string;
  /** Indices of the maps that are images: drawn in grayscale on a scale of their own. */
  images?: number[];
  /**
   * How images are drawn: `"ink"` (default) black ink on white paper, as digits are;
   * `"light"` brightness, 0 black and the largest value white.
   */
  imageLook?: "ink" | "light";
  /** Write each value in its cell (for small maps). */
  values?: boolean;
}

/**
 * A Vega-Lite spec drawing `maps` with one colour scale shared by all of them, so their
 * strengths can be compared. Zero cells of non-negative maps are left out, which keeps the
 * SVG of many sparse ReLU maps small. Maps of different sizes may share a grid: each is drawn
 * 112 pixels wide. Throws a `RangeError` for a map that is not square.
 *
 * @example
 * ```ts
 * const spec = mapGridSpec({
 *   maps: [[-1, 0, 1, -1, 0, 1, -1, 0, 1]],
 *   captions: ["vertical edge"],
 *   title: "A 3x3 kernel",
 * });
 * ```
 */
export function mapGridSpec(options: MapGridOptions): TopLevelSpec {
  const { maps, captions, title, columns = 8, legendTitle = "value", images = [] } = options;
  const sides = maps.map((map) => Math.round(Math.sqrt(map.length)));
  const isImage = (i: number) => images.includes(i);
  const mapValues = maps.flatMap((map, i) => isImage(i) ? [] : Array.from(map));
  const imageValues = maps.flatMap((map, i) => isImage(i) ? Array.from(map) : []);
  const signed = mapValues.some((value) => value < 0);
  const limit = Math.max(...mapValues.map(Math.abs)) || 1;
  const brightest = Math.max(...imageValues) || 1;
  const light = options.imageLook === "light";
  return pictureGridSpec({
    title,
    pictures: maps.map((map, i) => {
      const pixels = pixelsOf(map, sides[i]);
      // Blank cells of inked images and of non-negative maps stay white: leave them out.
      const sparse = isImage(i) ? !light : !signed;
      return sparse && !options.values ? pixels.filter((pixel) => pixel.value > 0) : pixels;
    }),
    captions,
    columns,
    sides,
    colors: { domain: [-limit, limit], scheme: "redblue", reverse: true },
    gray: images.length === 0 ? undefined : {
      pictures: images,
      colors: { domain: [0, brightest], range: light ? ["black", "white"] : ["white", "black"] },
    },
    legendTitle: mapValues.length > 0 ? legendTitle : undefined,
    values: options.values,
  });
}
