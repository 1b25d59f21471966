/**
 * Test helper: the ways a real photo of a digit differs from a clean drawing, applied to a
 * {@linkcode Picture} of an MNIST test digit: stored sideways with an EXIF orientation, a speck
 * of dirt far from the digit, shading across the paper, white ink on a transparent canvas.
 */
import type { Picture } from "../lib/predict/fixtures.ts";

/**
 * The picture as a phone held upright stores it for EXIF orientation 6 ("turn 90 degrees
 * clockwise to view"): turned 90 degrees anticlockwise.
 */
export function storedForOrientation6({ width, height, rgba }: Picture): Picture {
  const stored = new Uint8Array(rgba.length);
  // Stored pixel (sx, sy), in a picture `height` wide and `width` tall, shows as (width-1-sy, sx).
  for (let sy = 0; sy < width; sy++) {
    for (let sx = 0; sx < height; sx++) {
      const from = 4 * (sx * width + (width - 1 - sy));
      stored.set(rgba.subarray(from, from + 4), 4 * (sy * height + sx));
    }
  }
  return { width: height, height: width, rgba: stored };
}

/** A big-endian TIFF block holding one tag: orientation (0x0112) = `orientation`. */
export function tiffWithOrientation(orientation: number): Uint8Array {
  return Uint8Array.of(
    0x4d,
    0x4d,
    0,
    42,
    0,
    0,
    0,
    8, // "MM", 42, first IFD at 8
    0,
    1, // one entry
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    orientation,
    0,
    0, // orientation, SHORT, 1 value
    0,
    0,
    0,
    0, // no next IFD
  ); // deno-fmt-ignore
}

/** `jpeg` with an APP1 Exif segment carrying `orientation` inserted right after its SOI. */
export function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const body = [...new TextEncoder().encode("Exif\0\0"), ...tiffWithOrientation(orientation)];
  const length = body.length + 2;
  const segment = [0xff, 0xe1, length >> 8, length & 0xff, ...body];
  return Uint8Array.from([...jpeg.subarray(0, 2), ...segment, ...jpeg.subarray(2)]);
}

/** The picture with a black `size` x `size` speck at (`x`, `y`). */
export function withSpeck(picture: Picture, x: number, y: number, size = 4): Picture {
  const rgba = picture.rgba.slice();
  for (let dy = 0; dy < size; dy++) {
    for (let dx = 0; dx < size; dx++) {
      const at = 4 * ((y + dy) * picture.width + x + dx);
      rgba.fill(0, at, at + 3);
    }
  }
  return { ...picture, rgba };
}

/**
 * The picture lit unevenly, as a photo under a lamp: brightness falls from full at the top
 * left corner to `darkest` (0-1) at the bottom right, dimming paper and ink alike.
 */
export function withShading(picture: Picture, darkest = 0.3): Picture {
  const { width, height } = picture;
  const rgba = picture.rgba.slice();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const light = 1 - (1 - darkest) * (x / width + y / height) / 2;
      const at = 4 * (y * width + x);
      for (let c = 0; c < 3; c++) rgba[at + c] = Math.round(rgba[at + c] * light);
    }
  }
  return { ...picture, rgba };
}

/** The picture's ink as white strokes on a fully transparent (black, alpha 0) canvas. */
export function whiteOnTransparent(picture: Picture): Picture {
  const rgba = new Uint8Array(picture.rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    rgba.fill(255, i, i + 3);
    rgba[i + 3] = 255 - picture.rgba[i];
  }
  return { ...picture, rgba };
}

/** Pearson correlation of two equally long arrays. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const mean = (v: ArrayLike<number>) => Array.from(v).reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

/** CRC-32 of `bytes`, as PNG chunks carry it. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** `png` with an `eXIf` chunk carrying `orientation` inserted right after its IHDR chunk. */
export function withPngOrientation(png: Uint8Array, orientation: number): Uint8Array {
  const data = tiffWithOrientation(orientation);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(new TextEncoder().encode("eXIf"), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  const afterHeader = 8 + 25; // signature, then IHDR: length, type, 13 bytes, CRC
  return Uint8Array.from([...png.subarray(0, afterHeader), ...chunk, ...png.subarray(afterHeader)]);
}

/** The picture drawn with a fatter pen: each pixel takes the darkest within `grow` pixels. */
export function withFatterInk(picture: Picture, grow: number): Picture {
  const { width, height } = picture;
  const rgba = picture.rgba.slice();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let darkest = 255;
      for (let dy = -grow; dy <= grow; dy++) {
        for (let dx = -grow; dx <= grow; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          darkest = Math.min(darkest, picture.rgba[4 * (ny * width + nx)]);
        }
      }
      rgba.fill(darkest, 4 * (y * width + x), 4 * (y * width + x) + 3);
    }
  }
  return { ...picture, rgba };
}

/** The picture on a page with `margin` more white paper all round. */
export function withMargin(picture: Picture, margin: number): Picture {
  const width = picture.width + 2 * margin;
  const height = picture.height + 2 * margin;
  const rgba = new Uint8Array(width * height * 4).fill(255);
  for (let y = 0; y < picture.height; y++) {
    const row = picture.rgba.subarray(4 * y * picture.width, 4 * (y + 1) * picture.width);
    rgba.set(row, 4 * ((y + margin) * width + margin));
  }
  return { width, height, rgba };
}
