/**
 * Issue 16, "predict on real photos": pictures of MNIST test digits spoiled as photos are (a
 * sideways phone JPEG with EXIF orientation 6, a speck far from the digit, shading across the
 * paper, white ink on a transparent canvas) are prepared almost exactly as the clean drawing.
 */
import { assertEquals, assertGreater } from "@std/assert";
import { imageAt } from "../../lib/data/digits.ts";
import { loadMnist } from "../../lib/data/mnist.ts";
import { decodeImage } from "../../lib/predict/image_file.ts";
import { toMnistStyle } from "../../lib/predict/mnist_style.ts";
import { drawnDigit, encodeJpeg, encodePng } from "../lib/predict/fixtures.ts";
import type { Picture } from "../lib/predict/fixtures.ts";
import {
  correlation,
  storedForOrientation6,
  whiteOnTransparent,
  withExifOrientation,
  withFatterInk,
  withMargin,
  withShading,
  withSpeck,
} from "./photo_fixtures.ts";

const mnist = await loadMnist();
/** Clear test digits: a 7, a 2, a 1, a 0 and a 4. */
const CLEAR = [0, 1, 2, 3, 4];

function prepared(bytes: Uint8Array, name: string) {
  return toMnistStyle(decodeImage(bytes, name), name);
}

/** The clean drawing of test digit `index` on white paper, and its MNIST-style preparation. */
function clean(index: number): { picture: Picture; pixels: Float32Array } {
  const picture = drawnDigit(mnist.test, index, { zoom: 6, left: 60, top: 50 });
  return { picture, pixels: prepared(encodePng(picture), "clean.png").pixels };
}

function assertClose(pixels: Float32Array, index: number, reference: Float32Array, what: string) {
  const original = Float32Array.from(imageAt(mnist.test, index), (p) => p / 255);
  const [r, rOriginal] = [correlation(pixels, reference), correlation(pixels, original)];
  assertGreater(
    r,
    0.9,
    `${what} of digit ${index}: correlation ${r.toFixed(3)} with the clean one`,
  );
  assertGreater(rOriginal, 0.85, `${what} of digit ${index}: ${rOriginal.toFixed(3)} with MNIST's`);
}

Deno.test("a sideways phone JPEG with EXIF orientation 6 is turned upright", () => {
  for (const index of CLEAR) {
    const { picture, pixels } = clean(index);
    const jpeg = withExifOrientation(encodeJpeg(storedForOrientation6(picture)), 6);
    const photo = prepared(jpeg, "sideways.jpg");
    assertClose(photo.pixels, index, pixels, "the sideways JPEG");
    assertEquals(photo.warnings, []);
  }
});

Deno.test("a 4x4 speck far from the digit is left out of the crop", () => {
  for (const index of CLEAR) {
    const { picture, pixels } = clean(index);
    const specked = withSpeck(picture, picture.width - 12, picture.height - 10);
    const photo = prepared(encodePng(specked), "speck.png");
    assertClose(photo.pixels, index, pixels, "the specked picture");
    assertEquals(photo.warnings, []);
  }
});

Deno.test("strong shading across the paper is taken away with the background", () => {
  for (const index of CLEAR) {
    const { picture, pixels } = clean(index);
    const photo = prepared(encodePng(withShading(picture, 0.3)), "shaded.png");
    assertClose(photo.pixels, index, pixels, "the shaded picture");
    assertEquals(photo.warnings, []);
  }
});

Deno.test("white ink on a transparent canvas is read from the alpha channel", () => {
  for (const index of CLEAR) {
    const { picture, pixels } = clean(index);
    const photo = prepared(encodePng(whiteOnTransparent(picture)), "canvas.png");
    assertClose(photo.pixels, index, pixels, "white ink on a transparent canvas");
  }
});

Deno.test("a fat-marker digit filling the frame keeps all its ink", () => {
  for (const index of [0, 3]) {
    const fat = withFatterInk(drawnDigit(mnist.test, index, { zoom: 8, left: 0, top: 0 }), 12);
    const onPage = prepared(encodePng(withMargin(fat, 150)), "page.png").pixels;
    const photo = prepared(encodePng(fat), "fat.png");
    const r = correlation(photo.pixels, onPage);
    assertGreater(r, 0.9, `digit ${index}: correlation ${r.toFixed(3)} with the same on a page`);
    assertEquals(photo.warnings, []);
  }
});

Deno.test("grey paper is not kept in the prepared input", () => {
  const { picture, pixels } = clean(0);
  const grey = { ...picture, rgba: picture.rgba.map((v, i) => i % 4 === 3 ? v : 60 + v * 0.6) };
  const photo = prepared(encodePng(grey), "grey.png");
  assertClose(photo.pixels, 0, pixels, "grey paper");
  const corners = [0, 27, 756, 783].map((i) => photo.pixels[i]);
  assertEquals(corners, [0, 0, 0, 0]);
});

Deno.test("a picture unlike a digit on paper is still prepared, with warnings", () => {
  const { picture } = clean(0);
  const faint = { ...picture, rgba: picture.rgba.map((v, i) => i % 4 === 3 ? v : 200 + v * 0.2) };
  const lowContrast = prepared(encodePng(faint), "faint.png");
  assertEquals(lowContrast.warnings.length, 1);
  assertGreater(lowContrast.warnings[0].en.indexOf("low contrast"), -1);

  // Ten digits side by side: no one shape holds most of the ink.
  const row = Array.from(
    { length: 10 },
    (_, i) => drawnDigit(mnist.test, i, { zoom: 2, left: 0, top: 0 }),
  );
  const width = row.reduce((sum, p) => sum + p.width, 0);
  const height = row[0].height;
  const rgba = new Uint8Array(width * height * 4);
  let left = 0;
  for (const p of row) {
    for (let y = 0; y < height; y++) {
      rgba.set(p.rgba.subarray(4 * y * p.width, 4 * (y + 1) * p.width), 4 * (y * width + left));
    }
    left += p.width;
  }
  const many = prepared(encodePng({ width, height, rgba }), "many.png");
  assertGreater(many.warnings.map((w) => w.en).join(" ").indexOf("of the ink found"), -1);
});
