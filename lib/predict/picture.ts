/**
 * A decoded picture as the preparation works on it: RGBA bytes, upright (any EXIF orientation
 * already applied). Plain data, so a browser page can build one from a canvas's `ImageData`.
 *
 * @module
 */

/** `width * height` pixels, row after row, four bytes each: red, green, blue, alpha (0-255). */
export interface Picture {
  /** Pixels per row. */
  width: number;
  /** Rows. */
  height: number;
  /** Red, green, blue and alpha of each pixel, row after row. */
  rgba: Uint8Array | Uint8ClampedArray;
}
