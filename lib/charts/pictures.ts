/**
 * A grid of small square pictures (28x28 digits by default; also 3x3 filters or 26x26 feature
 * maps), each drawn from its pixel values with one `rect` per pixel and captioned underneath:
 * the drawing shared by the digit samples, the weight templates and the convolution maps.
 *
 * @module
 */
import type { TopLevelSpec } from "vega-lite";
import { PIXELS } from "../data/digits.ts";

/** Width and height of an MNIST image, in pixels. */
const SIDE = Math.sqrt(PIXELS);

/** Screen width of every picture: a 28x28 picture gets 4 screen pixels per image pixel. */
const DRAWN_SIZE = 112;

/** One pixel of a picture: where it sits and its value. */
export interface Pixel {
  /** Row, 0 (top) to 27. */
  row: number;
  /** Column, 0 (left) to 27. */
  col: number;
  /** The value the colour scale maps to a colour. */
  value: number;
}

/** The colour scale of a picture grid: the value range and the colours it maps to. */
export interface PictureColors {
  /** Lowest and highest value; values in between get colours in between. */
  domain: [number, number];
  /** Named Vega colour scheme, such as `"redblue"`. */
  scheme?: string;
  /** Explicit colours from low to high, such as `["white", "black"]` (instead of a scheme). */
  range?: string[];
  /** Run the scheme backwards (high values get its first colour). */
  reverse?: boolean;
  /** Draw values beyond the domain in the end colours (for a domain set below the extremes). */
  clamp?: boolean;
}

/** Pictures of a grid drawn in grayscale, on a scale of their own, with no legend. */
export interface GrayPictures {
  /** Indices of these pictures in the grid. */
  pictures: number[];
  /** Their scale, such as `{ domain: [0, 1], range: ["white", "black"] }` for ink. */
  colors: PictureColors;
}

/** What {@linkcode pictureGridSpec} draws. */
export interface PictureGrid {
  /** Chart title. */
  title: string;
  /** The pixels to draw for each picture; pixels left out stay white. */
  pictures: Pixel[][];
  /** One caption per picture, written under it. */
  captions: string[];
  /** Pictures per row. */
  columns: number;
  /** How values become colours, shared by all pictures. */
  colors: PictureColors;
  /** Title of the colour legend; without one, no legend is drawn. */
  legendTitle?: string;
  /** Pixels along each side of each picture (default 28 for all); each is drawn 112 wide. */
  sides?: number[];
  /** Pictures drawn in grayscale instead of `colors` (images, beside maps in colour). */
  gray?: GrayPictures;
  /** Write each pixel's value in its cell (for small pictures such as 3x3 or 8x8 maps). */
  values?: boolean;
}

/** Estimated width of a caption at font size 13, generous so that estimates never overlap. */
export function captionWidth(caption: string): number {
  return caption.length * 7.5;
}

/** Whether a value is drawn dark enough on `colors` to need white text over it. */
function isDark(value: number, colors: PictureColors): boolean {
  const [low, high] = colors.domain;
  const t = Math.min(Math.max((value - low) / (high - low || 1), 0), 1);
  if (colors.range) return colors.range[0] === "black" ? t < 0.5 : t > 0.5;
  return Math.abs(t - 0.5) > 0.3;
}

/** A value as a cell label: up to two decimals, no "-0". */
function cellLabel(value: number): string {
  return String(Math.round(value * 100) / 100 + 0);
}

/**
 * The pixels of one `side` x `side` image (default 28x28) stored row after row (row-major), as
 * {@linkcode Pixel}s. Throws a `RangeError` if the image does not have `side * side` values.
 *
 * @example
 * ```ts
 * const pixels = pixelsOf(new Uint8Array(784).fill(255));
 * pixels[29]; // { row: 1, col: 1, value: 255 }
 * ```
 */
export function pixelsOf(image: ArrayLike<number>, side = SIDE): Pixel[] {
  if (image.length !== side * side) {
    throw new RangeError(
      `An image needs ${side * side} values (${side}x${side}), got ${image.length}.`,
    );
  }
  return Array.from(image, (value, i) => ({ row: Math.floor(i / side), col: i % side, value }));
}

/**
 * A Vega-Lite spec drawing `pictures` in a grid of `columns`, each picture a small chart of its
 * own with its caption below, all sharing one colour scale.
 *
 * @example
 * ```ts
 * const spec = pictureGridSpec({
 *   title: "Two digits",
 *   pictures: [pixelsOf(first), pixelsOf(second)],
 *   captions: ["label 5", "label 0"],
 *   columns: 5,
 *   colors: { domain: [0, 255], range: ["white", "black"] },
 * });
 * ```
 */
export function pictureGridSpec(grid: PictureGrid): TopLevelSpec {
  const { title, pictures, captions, columns, colors, legendTitle, gray, values } = grid;
  const sides = grid.sides ?? pictures.map(() => SIDE);
  if (pictures.length === 0) throw new RangeError("A picture grid needs at least one picture.");
  if (captions.length !== pictures.length) {
    throw new RangeError(`Got ${pictures.length} pictures but ${captions.length} captions.`);
  }
  const position = (side: number) => ({
    type: "ordinal",
    scale: { domain: Array.from({ length: side }, (_, i) => i), padding: 0 },
    axis: null,
  } as const);
  const grayPictures = new Set(gray?.pictures ?? []);
  // Captions are centred under their pictures: columns are spaced so the longest ones fit.
  const longest = Math.max(...captions.map(captionWidth));
  const columnGap = Math.max(16, Math.ceil(longest - DRAWN_SIZE + 8));
  return {
    title,
    columns,
    // Lay the pictures out by their own size (not their captions'): captions fit in the gaps.
    bounds: "flush",
    spacing: { row: 32, column: columnGap },
    concat: pictures.map((pixels, i) => {
      const isGray = gray !== undefined && grayPictures.has(i);
      const scale = isGray ? gray.colors : colors;
      // Grayscale pictures use the fill channel, so they get a scale apart from the colours.
      const paint = isGray
        ? { fill: { field: "value", type: "quantitative", scale, legend: null } }
        : {
          color: {
            field: "value",
            type: "quantitative",
            scale,
            legend: legendTitle ? { title: legendTitle } : null,
          },
        };
      // One rect per pixel: naming each for screen readers would triple the file size.
      const cells = { mark: { type: "rect", aria: false }, encoding: paint };
      const view = {
        title: {
          text: captions[i],
          orient: "bottom",
          anchor: "middle",
          fontSize: 13,
          fontWeight: "normal",
        },
        width: DRAWN_SIZE,
        height: DRAWN_SIZE,
        data: {
          values: values
            ? pixels.map((pixel) => ({
              ...pixel,
              label: cellLabel(pixel.value),
              dark: isDark(pixel.value, scale),
            }))
            : pixels,
        },
        encoding: {
          x: { field: "col", ...position(sides[i]) },
          y: { field: "row", ...position(sides[i]) },
        },
      };
      if (!values) return { ...view, mark: cells.mark, encoding: { ...view.encoding, ...paint } };
      const text = {
        mark: { type: "text", fontSize: Math.min(11, Math.floor((DRAWN_SIZE / sides[i]) * 0.65)) },
        encoding: {
          text: { field: "label", type: "nominal" },
          color: { condition: { test: "datum.dark", value: "white" }, value: "black" },
        },
      };
      return { ...view, layer: [cells, text] };
    }),
  } as TopLevelSpec;
}
