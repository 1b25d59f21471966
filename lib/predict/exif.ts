/**
 * The EXIF orientation of a JPEG (its APP1 `Exif` segment) or PNG (its `eXIf` chunk): how the
 * stored pixels must be turned to show the picture upright. A phone held upright usually stores
 * its photo sideways with orientation 6 ("rotate 90 degrees clockwise to view").
 *
 * @module
 */

/** EXIF orientation 1-8, as in the TIFF specification (1: stored upright). */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const ORIENTATION_TAG = 0x0112;
const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"

/** The orientation in a TIFF block (EXIF's body), or 1 if it is missing or unreadable. */
function tiffOrientation(bytes: Uint8Array, start: number, end: number): Orientation {
  if (end - start < 8) return 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, end - start);
  const order = view.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return 1; // "II" little-endian, "MM" big-endian
  const little = order === 0x4949;
  if (view.getUint16(2, little) !== 42) return 1;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > view.byteLength) return 1;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + 12 * i;
    if (entry + 12 > view.byteLength) return 1;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? value as Orientation : 1;
  }
  return 1;
}

function jpegOrientation(bytes: Uint8Array): Orientation {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // image data starts: no more metadata
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = view.getUint16(at + 2);
    const body = at + 4;
    if (marker === 0xe1 && EXIF_HEADER.every((byte, i) => bytes[body + i] === byte)) {
      return tiffOrientation(bytes, body + 6, Math.min(bytes.length, at + 2 + length));
    }
    at += 2 + length;
  }
  return 1;
}

function pngOrientation(bytes: Uint8Array): Orientation {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (type === "eXIf") {
      return tiffOrientation(bytes, at + 8, Math.min(bytes.length, at + 8 + length));
    }
    if (type === "IEND") break;
    at += 12 + length;
  }
  return 1;
}

/**
 * The EXIF orientation of PNG or JPEG `bytes`; 1 (upright) when they carry none or it cannot be
 * read: a damaged tag should not stop a prediction.
 *
 * @example
 * ```ts
 * exifOrientation(await Deno.readFile("phone_photo.jpg")); // 6
 * ```
 */
export function exifOrientation(bytes: Uint8Array): Orientation {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegOrientation(bytes);
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return pngOrientation(bytes);
  return 1;
}
