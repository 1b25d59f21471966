/**
 * Test helper: pictures of digits as a learner would make them, built from MNIST test digits:
 * drawn larger, dark ink on white paper, off-centre on a wider page, saved as PNG or JPEG.
 */
import { PNG } from "pngjs";
import jpeg from "jpeg-js";
import { imageAt } from "../../../lib/data/digits.ts";
import type { Digits } from "../../../lib/data/digits.ts";

/** An RGBA picture. */
export interface Picture {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * MNIST digit `index` drawn `zoom` times larger in dark ink on white paper, at (`left`, `top`)
 * on a page with a 40-pixel margin right and below.
 */
export function drawnDigit(
  digits: Digits,
  index: number,
  { zoom = 6, left = 30, top = 20 } = {},
): Picture {
  const pixels = imageAt(digits, index);
  const [width, height] = [left + 28 * zoom + 40, top + 28 * zoom + 40];
  const rgba = new Uint8Array(width * height * 4).fill(255);
  for (let y = 0; y < 28 * zoom; y++) {
    for (let x = 0; x < 28 * zoom; x++) {
      const ink = pixels[Math.floor(y / zoom) * 28 + Math.floor(x / zoom)];
      const offset = ((top + y) * width + left + x) * 4;
      rgba.fill(255 - ink, offset, offset + 3);
    }
  }
  return { width, height, rgba };
}

/** The picture encoded as PNG. */
export function encodePng({ width, height, rgba }: Picture): Uint8Array {
  const png = new PNG({ width, height });
  png.data.set(rgba);
  return new Uint8Array(PNG.sync.write(png));
}

/** The picture encoded as JPEG at quality 90. */
export function encodeJpeg({ width, height, rgba }: Picture): Uint8Array {
  return new Uint8Array(jpeg.encode({ data: rgba, width, height }, 90).data);
}
