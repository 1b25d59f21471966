/**
 * Preparing any picture of one digit the way MNIST's digits were prepared, so a network trained
 * on MNIST sees what it knows: white ink on black, cropped to the digit's ink (found by
 * {@linkcode inkLevels}), the longest side scaled to 20 pixels (aspect ratio kept, pixels
 * averaged), and placed in a 28x28 image so that the ink's centre of mass sits in the middle.
 *
 * A pure function of the decoded picture: no files, no Deno APIs, so a browser page can use it.
 *
 * @module
 */
import type { Bilingual } from "../cli/language.ts";
import { DataError } from "../cli/errors.ts";
import { inkLevels } from "./ink_mask.ts";
import type { Picture } from "./picture.ts";
import { resizeByArea } from "./resize.ts";

/** Side of an MNIST image. */
const SIDE = 28;
/** Side of the box MNIST scaled each digit's ink into. */
const BOX = 20;

/** A picture prepared for a network trained on MNIST. */
export interface MnistStyle {
  /** 784 pixels, 0-1, ink high, row after row. */
  pixels: Float32Array;
  /** Why the picture seems unlike one digit on paper (the prediction is still made). */
  warnings: Bilingual[];
}

/**
 * `picture` (read from `source`, named in errors) prepared as MNIST's digits were. Throws a
 * {@linkcode DataError} when the picture holds no ink.
 *
 * @example
 * ```ts
 * const { pixels, warnings } = toMnistStyle(await readImageFile("seven.png"), "seven.png");
 * pixels.length; // 784
 * ```
 */
export function toMnistStyle(picture: Picture, source: string): MnistStyle {
  const { width, levels, warnings } = inkLevels(picture);
  let [top, left, bottom, right] = [Infinity, Infinity, -1, -1];
  levels.forEach((level, i) => {
    if (level === 0) return;
    const [y, x] = [Math.floor(i / width), i % width];
    [top, bottom, left, right] = [
      Math.min(top, y),
      Math.max(bottom, y),
      Math.min(left, x),
      Math.max(right, x),
    ];
  });
  if (bottom < 0) {
    throw new DataError(source, {
      en: "no ink found; expected one dark digit on light paper or the reverse",
      zh: "没有找到笔迹；应当是浅色纸上的一个深色数字，或者反过来",
    });
  }
  const [cropWidth, cropHeight] = [right - left + 1, bottom - top + 1];
  const crop = new Float32Array(cropWidth * cropHeight);
  for (let y = 0; y < cropHeight; y++) {
    for (let x = 0; x < cropWidth; x++) {
      crop[y * cropWidth + x] = levels[(top + y) * width + left + x];
    }
  }
  const scale = BOX / Math.max(cropWidth, cropHeight);
  const boxWidth = Math.max(1, Math.round(cropWidth * scale));
  const boxHeight = Math.max(1, Math.round(cropHeight * scale));
  const digit = resizeByArea(crop, cropWidth, cropHeight, boxWidth, boxHeight);
  return { pixels: centreByMass(digit, boxWidth, boxHeight), warnings };
}

/** Places a digit in a 28x28 image with its centre of mass in the middle (kept inside). */
function centreByMass(digit: Float32Array, width: number, height: number): Float32Array {
  let [mass, sumX, sumY] = [0, 0, 0];
  digit.forEach((value, i) => {
    mass += value;
    sumX += value * (i % width);
    sumY += value * Math.floor(i / width);
  });
  const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max);
  const left = clamp(Math.round(SIDE / 2 - sumX / mass), SIDE - width);
  const top = clamp(Math.round(SIDE / 2 - sumY / mass), SIDE - height);
  const pixels = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels[(top + y) * SIDE + left + x] = digit[y * width + x];
  }
  return pixels;
}
