/**
 * Preparing any picture of one digit the way MNIST's digits were prepared, so a network trained
 * on MNIST sees what it knows: white ink on black, cropped to the ink, the longest side scaled
 * to 20 pixels (aspect ratio kept, pixels averaged), and placed in a 28x28 image so that the
 * ink's centre of mass sits in the middle.
 *
 * @module
 */
import { UsageError } from "../cli/errors.ts";
import type { GrayImage } from "./image_file.ts";

/** Side of an MNIST image. */
const SIDE = 28;
/** Side of the box MNIST scaled each digit's ink into. */
const BOX = 20;
/** Ink weaker than this (0-1, above the paper) is taken for noise or shadow. */
const NOISE = 0.2;

/**
 * How much ink each pixel holds, 0 (paper) to 1: the paper's colour is read from the border
 * (light paper means dark ink, as in a scan; dark paper means light ink, as in MNIST), and
 * anything within {@linkcode NOISE} of it counts as paper.
 *
 * @example
 * ```ts
 * inkLevels({ width: 3, height: 1, gray: Float32Array.of(255, 0, 255) }); // [0, 1, 0]
 * ```
 */
export function inkLevels(image: GrayImage): Float32Array {
  const { width, height, gray } = image;
  const border: number[] = [];
  for (let x = 0; x < width; x++) border.push(gray[x], gray[(height - 1) * width + x]);
  for (let y = 0; y < height; y++) border.push(gray[y * width], gray[y * width + width - 1]);
  border.sort((a, b) => a - b);
  const paper = border[Math.floor(border.length / 2)];
  const lightPaper = paper > 127;
  const paperInk = lightPaper ? 255 - paper : paper;
  const ink = new Float32Array(gray.length);
  for (let i = 0; i < gray.length; i++) {
    const raw = lightPaper ? 255 - gray[i] : gray[i];
    const level = (raw - paperInk) / Math.max(1, 255 - paperInk);
    ink[i] = level < NOISE ? 0 : Math.min(1, level);
  }
  return ink;
}

/** For each output position along an axis, the source positions it covers and their shares. */
function areaWeights(length: number, newLength: number): { index: number; weight: number }[][] {
  const scale = length / newLength;
  return Array.from({ length: newLength }, (_, j) => {
    const [start, end] = [j * scale, (j + 1) * scale];
    const taps = [];
    for (let i = Math.floor(start); i < Math.min(length, Math.ceil(end)); i++) {
      const overlap = Math.min(end, i + 1) - Math.max(start, i);
      if (overlap > 0) taps.push({ index: i, weight: overlap / scale });
    }
    return taps;
  });
}

/**
 * Resizes a `width` x `height` image to `newWidth` x `newHeight`, each new pixel the average of
 * the area of the old image it covers.
 *
 * @example
 * ```ts
 * resizeByArea(Float32Array.of(0, 1, 1, 0), 2, 2, 1, 1); // [0.5]
 * ```
 */
export function resizeByArea(
  pixels: Float32Array,
  width: number,
  height: number,
  newWidth: number,
  newHeight: number,
): Float32Array {
  const columns = areaWeights(width, newWidth);
  const rows = areaWeights(height, newHeight);
  const narrowed = new Float32Array(newWidth * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < newWidth; x++) {
      let sum = 0;
      for (const { index, weight } of columns[x]) sum += pixels[y * width + index] * weight;
      narrowed[y * newWidth + x] = sum;
    }
  }
  const resized = new Float32Array(newWidth * newHeight);
  for (let y = 0; y < newHeight; y++) {
    for (let x = 0; x < newWidth; x++) {
      let sum = 0;
      for (const { index, weight } of rows[y]) sum += narrowed[index * newWidth + x] * weight;
      resized[y * newWidth + x] = sum;
    }
  }
  return resized;
}

/**
 * The 784 pixels (0-1, ink high, row after row) of `image` prepared as MNIST's digits were.
 * Throws a {@linkcode UsageError} naming `source` when the image holds no ink.
 *
 * @example
 * ```ts
 * const pixels = toMnistStyle(await readImageFile("seven.png"), "seven.png");
 * pixels.length; // 784
 * ```
 */
export function toMnistStyle(image: GrayImage, source: string): Float32Array {
  const ink = inkLevels(image);
  const { width } = image;
  let [top, left, bottom, right, strongest] = [Infinity, Infinity, -1, -1, 0];
  ink.forEach((level, i) => {
    if (level === 0) return;
    const [y, x] = [Math.floor(i / width), i % width];
    [top, bottom, left, right] = [
      Math.min(top, y),
      Math.max(bottom, y),
      Math.min(left, x),
      Math.max(right, x),
    ];
    strongest = Math.max(strongest, level);
  });
  if (bottom < 0) {
    throw new UsageError(
      `${source}: no ink found; expected one dark digit on light paper or the reverse`,
    );
  }
  const [cropWidth, cropHeight] = [right - left + 1, bottom - top + 1];
  const crop = new Float32Array(cropWidth * cropHeight);
  for (let y = 0; y < cropHeight; y++) {
    for (let x = 0; x < cropWidth; x++) {
      crop[y * cropWidth + x] = ink[(top + y) * width + left + x] / strongest;
    }
  }
  const scale = BOX / Math.max(cropWidth, cropHeight);
  const boxWidth = Math.max(1, Math.round(cropWidth * scale));
  const boxHeight = Math.max(1, Math.round(cropHeight * scale));
  const digit = resizeByArea(crop, cropWidth, cropHeight, boxWidth, boxHeight);
  return centreByMass(digit, boxWidth, boxHeight);
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
