/**
 * Turning a decoded picture upright by its EXIF orientation (1-8): mirror, rotate, or both.
 *
 * @module
 */
import type { Orientation } from "./exif.ts";
import type { Picture } from "./picture.ts";

/**
 * For a pixel (`x`, `y`) of the upright picture, the stored pixel it comes from, given the
 * stored `width` and `height`.
 */
function storedPixel(
  orientation: Orientation,
  x: number,
  y: number,
  width: number,
  height: number,
): [number, number] {
  switch (orientation) {
    case 1:
      return [x, y];
    case 2: // mirrored left-right
      return [width - 1 - x, y];
    case 3: // upside down
      return [width - 1 - x, height - 1 - y];
    case 4: // mirrored top-bottom
      return [x, height - 1 - y];
    case 5: // mirrored along the main diagonal
      return [y, x];
    case 6: // turn 90 degrees clockwise to view
      return [y, height - 1 - x];
    case 7: // mirrored along the other diagonal
      return [width - 1 - y, height - 1 - x];
    case 8: // turn 90 degrees anticlockwise to view
      return [width - 1 - y, x];
  }
}

/**
 * `picture` as it should be seen, given the EXIF `orientation` it was stored with; orientations
 * 5-8 swap width and height.
 *
 * @example
 * ```ts
 * const upright = applyOrientation({ width: 2, height: 1, rgba }, 6);
 * upright.width; // 1
 * ```
 */
export function applyOrientation(picture: Picture, orientation: Orientation): Picture {
  if (orientation === 1) return picture;
  const { width, height, rgba } = picture;
  const [newWidth, newHeight] = orientation >= 5 ? [height, width] : [width, height];
  const turned = new Uint8Array(rgba.length);
  for (let y = 0; y < newHeight; y++) {
    for (let x = 0; x < newWidth; x++) {
      const [sx, sy] = storedPixel(orientation, x, y, width, height);
      const from = 4 * (sy * width + sx);
      turned.set(rgba.subarray(from, from + 4), 4 * (y * newWidth + x));
    }
  }
  return { width: newWidth, height: newHeight, rgba: turned };
}
