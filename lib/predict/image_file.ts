/**
 * Reading a photo or drawing from a PNG or JPEG file as grayscale, on white paper: transparent
 * pixels (a canvas drawing saved with no background) count as white.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { PNG } from "pngjs";
import jpeg from "jpeg-js";
import { UsageError } from "../cli/errors.ts";

/** A grayscale image: `width * height` values from 0 (black) to 255 (white), row after row. */
export interface GrayImage {
  /** Pixels per row. */
  width: number;
  /** Rows. */
  height: number;
  /** Brightness of each pixel, row after row. */
  gray: Float32Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
/** Images larger than this many pixels are refused rather than decoded. */
const MAX_PIXELS = 40_000_000;

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

/**
 * Decodes PNG or JPEG `bytes` (read from `source`, named in errors) to grayscale. Throws a
 * {@linkcode UsageError} for anything that is not a readable PNG or JPEG.
 *
 * @example
 * ```ts
 * const image = decodeImage(await Deno.readFile("seven.png"), "seven.png");
 * image.width; // e.g. 200
 * ```
 */
export function decodeImage(bytes: Uint8Array, source: string): GrayImage {
  let rgba: { width: number; height: number; data: Uint8Array };
  try {
    if (startsWith(bytes, PNG_SIGNATURE)) {
      rgba = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } else if (startsWith(bytes, JPEG_SIGNATURE)) {
      rgba = jpeg.decode(bytes, { useTArray: true, maxResolutionInMP: MAX_PIXELS / 1e6 });
    } else {
      throw new UsageError(`${source}: not a PNG or JPEG image`);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${source}: cannot decode the image (${(error as Error).message})`);
  }
  const { width, height, data } = rgba;
  if (width * height > MAX_PIXELS) {
    throw new UsageError(`${source}: ${width}x${height} is too large (at most 40 megapixels)`);
  }
  const gray = new Float32Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    const [r, g, b, a] = [data[4 * i], data[4 * i + 1], data[4 * i + 2], data[4 * i + 3] / 255];
    const luminance = 0.299 * r + 0.587 * g + 0.114 * b;
    gray[i] = a * luminance + (1 - a) * 255;
  }
  return { width, height, gray };
}

/**
 * Reads and decodes the image file at `path`, with a clear error when it cannot be read.
 *
 * @example
 * ```ts
 * const image = await readImageFile("my_digit.jpg");
 * ```
 */
export async function readImageFile(path: string): Promise<GrayImage> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (error) {
    const reason = error instanceof Deno.errors.NotFound
      ? "no such file"
      : (error as Error).message;
    throw new UsageError(`${path}: cannot read the image (${reason})`);
  }
  return decodeImage(bytes, path);
}
