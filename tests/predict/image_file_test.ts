/**
 * Reading picture files: EXIF orientation (JPEG's APP1 segment, PNG's eXIf chunk) in all eight
 * values, the size read from the header so a huge image is refused before it is decoded, and
 * files that are not pictures.
 */
import { assertEquals, assertLess, assertStringIncludes, assertThrows } from "@std/assert";
import { DataError } from "../../lib/cli/errors.ts";
import { loadMnist } from "../../lib/data/mnist.ts";
import { exifOrientation } from "../../lib/predict/exif.ts";
import { decodeImage } from "../../lib/predict/image_file.ts";
import { imageHeader } from "../../lib/predict/image_header.ts";
import { drawnDigit, encodeJpeg, encodePng } from "../lib/predict/fixtures.ts";
import { withExifOrientation, withPngOrientation } from "./photo_fixtures.ts";
import { predictCli } from "./predict_cli.ts";

const mnist = await loadMnist();

/** A 3x2 picture whose red values are 1 2 3 / 4 5 6, stored as PNG. */
const STORED = encodePng({
  width: 3,
  height: 2,
  rgba: Uint8Array.from([1, 2, 3, 4, 5, 6].flatMap((v) => [v, 0, 0, 255])),
});

/** What each orientation shows upright, as drawn in the EXIF specification. */
const UPRIGHT: Record<number, number[][]> = {
  1: [[1, 2, 3], [4, 5, 6]],
  2: [[3, 2, 1], [6, 5, 4]],
  3: [[6, 5, 4], [3, 2, 1]],
  4: [[4, 5, 6], [1, 2, 3]],
  5: [[1, 4], [2, 5], [3, 6]],
  6: [[4, 1], [5, 2], [6, 3]],
  7: [[6, 3], [5, 2], [4, 1]],
  8: [[3, 6], [2, 5], [1, 4]],
};

Deno.test("all eight EXIF orientations turn the stored pixels upright", () => {
  for (let orientation = 1; orientation <= 8; orientation++) {
    const picture = decodeImage(withPngOrientation(STORED, orientation), "o.png");
    const rows = Array.from(
      { length: picture.height },
      (_, y) =>
        Array.from({ length: picture.width }, (_, x) => picture.rgba[4 * (y * picture.width + x)]),
    );
    assertEquals(rows, UPRIGHT[orientation], `orientation ${orientation}`);
  }
});

Deno.test("the orientation is read from a JPEG's APP1 Exif segment, little- or big-endian", () => {
  const jpeg = encodeJpeg(drawnDigit(mnist.test, 0, { zoom: 2 }));
  assertEquals(exifOrientation(jpeg), 1);
  for (let orientation = 1; orientation <= 8; orientation++) {
    assertEquals(exifOrientation(withExifOrientation(jpeg, orientation)), orientation);
  }
  // The same tag written little-endian ("II"), as many phones do.
  const little = withExifOrientation(jpeg, 6);
  const tiff = little.indexOf(0x4d, 10); // the "MM" after "Exif\0\0"
  little.set([0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0], tiff);
  assertEquals(exifOrientation(little), 6);
  const sideways = decodeImage(withExifOrientation(jpeg, 6), "s.jpg");
  const upright = decodeImage(jpeg, "u.jpg");
  assertEquals([sideways.width, sideways.height], [upright.height, upright.width]);
});

Deno.test("width and height come from the PNG IHDR or JPEG frame header", () => {
  const picture = drawnDigit(mnist.test, 0, { zoom: 3, left: 17 });
  const size = { width: picture.width, height: picture.height };
  assertEquals(imageHeader(encodePng(picture), "d.png"), { format: "png", ...size });
  assertEquals(imageHeader(encodeJpeg(picture), "d.jpg"), { format: "jpeg", ...size });
  const withExif = withExifOrientation(encodeJpeg(picture), 6);
  assertEquals(imageHeader(withExif, "d.jpg"), { format: "jpeg", ...size });
});

/** A PNG signature and IHDR chunk for a `width` x `height` picture, and no pixel data. */
function pngHeaderOnly(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  const view = new DataView(bytes.buffer);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24); // 8-bit RGBA
  return bytes;
}

Deno.test("a huge image is refused from its header, before decoding", () => {
  assertThrows(
    () => decodeImage(pngHeaderOnly(20000, 20000), "huge.png"),
    DataError,
    "huge.png: 20000x20000 is too large (at most 40 megapixels)",
  );
  const jpeg = encodeJpeg(drawnDigit(mnist.test, 0, { zoom: 2 }));
  const frame = jpeg.findIndex((byte, i) => byte === 0xff && jpeg[i + 1] === 0xc0);
  new DataView(jpeg.buffer).setUint16(frame + 5, 9000); // height
  new DataView(jpeg.buffer).setUint16(frame + 7, 9000); // width
  assertThrows(() => decodeImage(jpeg, "huge.jpg"), DataError, "huge.jpg: 9000x9000 is too large");
});

Deno.test("predict refuses a 20000x20000 PNG with one line and exit code 2, at once", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/huge.png`;
  await Deno.writeFile(path, pngHeaderOnly(20000, 20000));
  const started = performance.now();
  const run = await predictCli([path, "--out", dir]);
  assertEquals(run.code, 2, run.stderr);
  assertEquals(
    run.stderr.trim(),
    `error: ${path}: 20000x20000 is too large (at most 40 megapixels)`,
  );
  assertLess(performance.now() - started, 10_000);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a non-picture and a cut PNG are refused with the file's name", () => {
  assertThrows(
    () => decodeImage(new TextEncoder().encode("hello"), "notes.txt"),
    DataError,
    "notes.txt: not a PNG or JPEG image",
  );
  const cut = encodePng(drawnDigit(mnist.test, 0)).slice(0, 100);
  const error = assertThrows(() => decodeImage(cut, "cut.png"), DataError);
  assertStringIncludes(error.message, "cut.png: cannot decode the image");
});
