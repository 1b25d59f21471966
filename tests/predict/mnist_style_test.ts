/**
 * The MNIST-style preparation of clean pictures (moved here from
 * tests/lib/predict/mnist_style_test.ts, for the picture-based API) and its building blocks.
 */
import { assertAlmostEquals, assertEquals, assertGreater, assertThrows } from "@std/assert";
import { DataError } from "../../lib/cli/errors.ts";
import { imageAt } from "../../lib/data/digits.ts";
import { loadMnist } from "../../lib/data/mnist.ts";
import { connectedComponents } from "../../lib/predict/components.ts";
import { decodeImage } from "../../lib/predict/image_file.ts";
import { toMnistStyle } from "../../lib/predict/mnist_style.ts";
import { otsuThreshold } from "../../lib/predict/otsu.ts";
import { resizeByArea } from "../../lib/predict/resize.ts";
import { paperShading } from "../../lib/predict/shading.ts";
import { drawnDigit, encodeJpeg, encodePng } from "../lib/predict/fixtures.ts";
import type { Picture } from "../lib/predict/fixtures.ts";
import { correlation } from "./photo_fixtures.ts";

const mnist = await loadMnist();

function prepare(bytes: Uint8Array, name = "digit.png"): Float32Array {
  return toMnistStyle(decodeImage(bytes, name), name).pixels;
}

function inkBox(pixels: Float32Array) {
  const rows = [], cols = [];
  for (let i = 0; i < 784; i++) if (pixels[i] > 0) rows.push(Math.floor(i / 28)), cols.push(i % 28);
  return {
    height: Math.max(...rows) - Math.min(...rows) + 1,
    width: Math.max(...cols) - Math.min(...cols) + 1,
  };
}

Deno.test("a big dark-on-white drawing of an MNIST digit comes back close to the original", () => {
  for (const index of [0, 1, 2, 3, 4]) {
    const pixels = prepare(
      encodePng(drawnDigit(mnist.test, index, { zoom: 5 + index, left: 10 * index })),
    );
    const original = Float32Array.from(imageAt(mnist.test, index), (p) => p / 255);
    assertGreater(correlation(pixels, original), 0.85, `digit ${index} changed too much`);
  }
});

Deno.test("the ink is scaled so its longest side is 20 pixels and centred by mass", () => {
  const pixels = prepare(encodePng(drawnDigit(mnist.test, 7)));
  const box = inkBox(pixels);
  assertEquals(Math.max(box.width, box.height), 20);
  let [mass, x, y] = [0, 0, 0];
  pixels.forEach((v, i) => ((mass += v), (x += v * (i % 28)), (y += v * Math.floor(i / 28))));
  assertAlmostEquals(x / mass, 14, 0.6);
  assertAlmostEquals(y / mass, 14, 0.6);
  assertEquals(Math.max(...pixels), 1);
});

Deno.test("JPEG and PNG of the same drawing give nearly the same input", () => {
  const picture = drawnDigit(mnist.test, 11);
  assertGreater(
    correlation(prepare(encodePng(picture)), prepare(encodeJpeg(picture), "a.jpg")),
    0.95,
  );
});

Deno.test("light ink on dark paper, and dark ink on a transparent canvas, read as dark on light", () => {
  const picture = drawnDigit(mnist.test, 5);
  const reference = prepare(encodePng(picture));
  const inverted: Picture = {
    ...picture,
    rgba: picture.rgba.map((v, i) => i % 4 === 3 ? v : 255 - v),
  };
  assertGreater(correlation(prepare(encodePng(inverted)), reference), 0.99);
  const transparent: Picture = {
    ...picture,
    rgba: picture.rgba.map((_, i) => i % 4 === 3 ? 255 - picture.rgba[i - 3] : 0),
  };
  assertGreater(correlation(prepare(encodePng(transparent)), reference), 0.99);
});

Deno.test("a blank page is refused with the file's name", () => {
  const blank = encodePng({ width: 30, height: 30, rgba: new Uint8Array(3600).fill(255) });
  assertThrows(() => prepare(blank, "blank.png"), DataError, "blank.png: no ink found");
});

Deno.test("resizeByArea averages the area each new pixel covers", () => {
  assertEquals(Array.from(resizeByArea(Float32Array.of(0, 1, 1, 0), 2, 2, 1, 1)), [0.5]);
  assertEquals(Array.from(resizeByArea(Float32Array.of(1, 0), 2, 1, 4, 1)), [1, 1, 0, 0]);
});

Deno.test("the paper's shading is fitted under ink however wide its strokes", () => {
  const [width, height] = [60, 40];
  const shading = Float32Array.from({ length: width * height }, (_, i) => {
    const [x, y] = [i % width, Math.floor(i / width)];
    return 0.1 + 0.4 * x / width + 0.2 * (y / height) ** 2;
  });
  // A stroke 20 pixels wide, a third of the picture.
  const inked = shading.map((v, i) =>
    i % width >= 20 && i % width < 40 && i > 5 * width ? 0.95 : v
  );
  const fitted = paperShading(inked, width, height);
  for (let i = 0; i < shading.length; i++) assertAlmostEquals(fitted[i], shading[i], 0.01);
});

Deno.test("Otsu's threshold falls between paper and ink", () => {
  const threshold = otsuThreshold(Float32Array.of(0, 0.02, 0.05, 0.1, 0.7, 0.8, 0.9));
  assertGreater(threshold, 0.1);
  assertGreater(0.7, threshold);
});

Deno.test("connected components join pixels touching by a side or a corner", () => {
  const mask = Float32Array.of(
    1,
    0,
    0,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    0,
    1,
  ); // deno-fmt-ignore
  const { labels, components } = connectedComponents(mask, 4, 3);
  assertEquals(components.map((c) => [c.area, c.left, c.top, c.right, c.bottom]), [
    [2, 0, 0, 1, 1],
    [2, 3, 1, 3, 2],
  ]);
  assertEquals(Array.from(labels), [0, -1, -1, -1, -1, 0, -1, 1, -1, -1, -1, 1]);
});
