/**
 * Small square maps of numbers, such as convolution kernels (3x3), learned filters and the
 * feature maps a convolution produces (26x26), drawn as a grid of pictures. Maps with negative
 * values use a red-blue scale centred on zero (red positive, blue negative, white zero); maps
 * with none, such as outputs of a ReLU, are drawn like digits, black for the largest value.
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
  const { maps, captions, title, columns = 8, legendTitle = "value" } = options;
  const sides = maps.map((map) => Math.round(Math.sqrt(map.length)));
  const values = maps.flatMap((map) => Array.from(map));
  const signed = values.some((value) => value < 0);
  const limit = Math.max(...values.map(Math.abs)) || 1;
  return pictureGridSpec({
    title,
    pictures: maps.map((map, i) => {
      const pixels = pixelsOf(map, sides[i]);
      return signed ? pixels : pixels.filter((pixel) => pixel.value > 0);
    }),
    captions,
    columns,
    sides,
    colors: signed
      ? { domain: [-limit, limit], scheme: "redblue", reverse: true }
      : { domain: [0, limit], range: ["white", "black"] },
    legendTitle,
  });
}
