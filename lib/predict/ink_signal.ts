/**
 * How much each pixel of a picture looks like ink, before any cleaning, and which way round
 * the ink is: read from the alpha channel when the picture was drawn on a transparent canvas
 * (any colour of stroke), else from brightness, the paper's colour taken from the border
 * (light paper means dark ink, as in a scan; dark paper means light ink, as in MNIST).
 *
 * @module
 */
import type { Picture } from "./picture.ts";

/** The raw ink signal of a picture. */
export interface InkSignal {
  /** Pixels per row. */
  width: number;
  /** Rows. */
  height: number;
  /** How ink-like each pixel is, 0-1 (paper low), row after row. */
  ink: Float32Array;
  /** Where the ink was read from: opacity, or brightness with dark or light ink. */
  source: "alpha" | "dark ink" | "light ink";
}

/** The median of the values `at` gives for the border pixels of a `width` x `height` image. */
function borderMedian(width: number, height: number, at: (i: number) => number): number {
  const border: number[] = [];
  for (let x = 0; x < width; x++) border.push(at(x), at((height - 1) * width + x));
  for (let y = 0; y < height; y++) border.push(at(y * width), at(y * width + width - 1));
  border.sort((a, b) => a - b);
  return border[Math.floor(border.length / 2)];
}

/**
 * The ink signal of `picture`: opacity when most of the border is transparent, otherwise
 * darkness on light paper or lightness on dark paper (transparent pixels count as white).
 *
 * @example
 * ```ts
 * const [paper, ink] = [[255, 255, 255, 255], [0, 0, 0, 255]];
 * inkSignal({ width: 3, height: 1, rgba: Uint8Array.from([...paper, ...ink, ...paper]) }).ink;
 * // [0, 1, 0]: dark ink on light paper
 * ```
 */
export function inkSignal(picture: Picture): InkSignal {
  const { width, height, rgba } = picture;
  const ink = new Float32Array(width * height);
  if (borderMedian(width, height, (i) => rgba[4 * i + 3]) < 128) {
    for (let i = 0; i < ink.length; i++) ink[i] = rgba[4 * i + 3] / 255;
    return { width, height, ink, source: "alpha" };
  }
  const gray = new Float32Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    const [r, g, b, a] = [rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2], rgba[4 * i + 3] / 255];
    gray[i] = (a * (0.299 * r + 0.587 * g + 0.114 * b) + (1 - a) * 255) / 255;
  }
  const lightPaper = borderMedian(width, height, (i) => gray[i]) > 0.5;
  for (let i = 0; i < ink.length; i++) ink[i] = lightPaper ? 1 - gray[i] : gray[i];
  return { width, height, ink, source: lightPaper ? "dark ink" : "light ink" };
}
