/**
 * The format and size of a PNG or JPEG file, read from its header (PNG's IHDR chunk, JPEG's
 * start-of-frame segment) without decoding a pixel: enough to refuse a huge image before
 * decoding it would take gigabytes.
 *
 * @module
 */
import { DataError } from "../cli/errors.ts";

/** What a header tells: the format, and the size when the header states it. */
export interface ImageHeader {
  /** The file's format. */
  format: "png" | "jpeg";
  /** Pixels per row (0 when the header does not say). */
  width: number;
  /** Rows (0 when the header does not say). */
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

/** Start-of-frame markers (baseline, progressive, lossless...): C0-CF but C4, C8 and CC. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 &&
    marker !== 0xcc;
}

/** Width and height from a JPEG's first start-of-frame segment, or 0 x 0 if there is none. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return { width: 0, height: 0 };
    const marker = bytes[at + 1];
    if (marker === 0xff) { // fill byte
      at++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (isStartOfFrame(marker)) {
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    if (marker === 0xda || marker === 0xd9) break; // scan data or the end: no frame header
    at += 2 + view.getUint16(at + 2);
  }
  return { width: 0, height: 0 };
}

/**
 * The header of PNG or JPEG `bytes` (read from `source`, named in errors). Throws a
 * {@linkcode DataError} when the bytes are neither.
 *
 * @example
 * ```ts
 * imageHeader(await Deno.readFile("seven.png"), "seven.png"); // { format: "png", width: 200, height: 180 }
 * ```
 */
export function imageHeader(bytes: Uint8Array, source: string): ImageHeader {
  if (startsWith(bytes, PNG_SIGNATURE)) {
    if (bytes.length < 24) return { format: "png", width: 0, height: 0 };
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { format: "png", width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (startsWith(bytes, JPEG_SIGNATURE)) return { format: "jpeg", ...jpegSize(bytes) };
  throw new DataError(source, { en: "not a PNG or JPEG image", zh: "不是 PNG 或 JPEG 图片" });
}
