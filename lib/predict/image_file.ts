/**
 * Reading a photo or drawing from a PNG or JPEG file as an upright RGBA {@linkcode Picture}:
 * the size is checked from the header before anything is decoded, and EXIF orientation is
 * applied.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { PNG } from "pngjs";
import jpeg from "jpeg-js";
import { DataError, UsageError } from "../cli/errors.ts";
import { inLanguage, type Text } from "../cli/language.ts";
import { exifOrientation } from "./exif.ts";
import { imageHeader } from "./image_header.ts";
import { applyOrientation } from "./orientation.ts";
import type { Picture } from "./picture.ts";

/** Images larger than this many pixels are refused rather than decoded. */
const MAX_PIXELS = 40_000_000;

/**
 * Decodes PNG or JPEG `bytes` (read from `source`, named in errors) to an upright picture.
 * Throws a {@linkcode DataError} for anything that is not a readable PNG or JPEG of at most 40
 * megapixels; the size is read from the header, so a huge image is refused at once.
 *
 * @example
 * ```ts
 * const picture = decodeImage(await Deno.readFile("seven.jpg"), "seven.jpg");
 * picture.width; // e.g. 200
 * ```
 */
export function decodeImage(bytes: Uint8Array, source: string): Picture {
  const { format, width, height } = imageHeader(bytes, source);
  if (width * height > MAX_PIXELS) {
    throw new DataError(source, {
      en: `${width}x${height} is too large (at most 40 megapixels)`,
      zh: `${width}x${height} 太大了（最多 4000 万像素）`,
    });
  }
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = format === "png"
      ? PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      : jpeg.decode(bytes, { useTArray: true, maxResolutionInMP: MAX_PIXELS / 1e6 });
  } catch (error) {
    const reason = (error as Error).message;
    throw new DataError(source, {
      en: `cannot decode the image (${reason})`,
      zh: `无法解码这张图片（${reason}）`,
    });
  }
  const picture = { width: decoded.width, height: decoded.height, rgba: decoded.data };
  return applyOrientation(picture, exifOrientation(bytes));
}

/**
 * Reads and decodes the image file at `path`, with a clear error when it cannot be read.
 *
 * @example
 * ```ts
 * const picture = await readImageFile("my_digit.jpg");
 * ```
 */
export async function readImageFile(path: string): Promise<Picture> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (error) {
    const reason: Text = error instanceof Deno.errors.NotFound
      ? { en: "no such file", zh: "没有这个文件" }
      : (error as Error).message;
    throw new UsageError({
      en: `${path}: cannot read the image (${inLanguage(reason, "en")})`,
      zh: `${path}：无法读取这张图片（${inLanguage(reason, "zh")}）`,
    });
  }
  return decodeImage(bytes, path);
}
