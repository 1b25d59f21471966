import { assertAlmostEquals, assertEquals, assertGreater, assertThrows } from "@std/assert";
import { decodeImage } from "../../../lib/predict/image_file.ts";
import { inkLevels, resizeByArea, toMnistStyle } from "../../../lib/predict/mnist_style.ts";
import { UsageError } from "../../../lib/cli/errors.ts";
import { imageAt } from "../../../lib/data/digits.ts";
import { loadMnist } from "../../../lib/data/mnist.ts";
import { drawnDigit, encodeJpeg, encodePng } from "./fixtures.ts";

const mnist = await loadMnist();

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
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
    const png = encodePng(drawnDigit(mnist.test, index, { zoom: 5 + index, left: 10 * index }));
    const pixels = toMnistStyle(decodeImage(png, "digit.png"), "digit.png");
    const original = Float32Array.from(imageAt(mnist.test, index), (p) => p / 255);
    assertGreater(correlation(pixels, original), 0.85, `digit ${index} changed too much`);
  }
});

Deno.test("the ink is scaled so its longest side is 20 pixels and centred by mass", () => {
  const pixels = toMnistStyle(decodeImage(encodePng(drawnDigit(mnist.test, 7)), "d.png"), "d.png");
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
  const fromPng = toMnistStyle(decodeImage(encodePng(picture), "a.png"), "a.png");
  const fromJpeg = toMnistStyle(decodeImage(encodeJpeg(picture), "a.jpg"), "a.jpg");
  assertGreater(correlation(fromPng, fromJpeg), 0.95);
});

Deno.test("light ink on dark paper is read the same as dark ink on light paper", () => {
  const light = {
    width: 3,
    height: 3,
    gray: Float32Array.of(255, 255, 255, 255, 0, 255, 255, 255, 255),
  };
  const dark = { ...light, gray: light.gray.map((g) => 255 - g) };
  assertEquals(inkLevels(light), inkLevels(dark));
  assertEquals(Array.from(inkLevels(light)), [0, 0, 0, 0, 1, 0, 0, 0, 0]);
});

Deno.test("transparent pixels count as white paper", () => {
  const png = encodePng({ width: 2, height: 1, rgba: Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 255) });
  assertEquals(Array.from(decodeImage(png, "t.png").gray), [255, 0]);
});

Deno.test("resizeByArea averages the area each new pixel covers", () => {
  assertEquals(Array.from(resizeByArea(Float32Array.of(0, 1, 1, 0), 2, 2, 1, 1)), [0.5]);
  assertEquals(Array.from(resizeByArea(Float32Array.of(1, 0), 2, 1, 4, 1)), [1, 1, 0, 0]);
});

Deno.test("a blank page, a non-image and a broken PNG are refused with the file's name", () => {
  const blank = encodePng({ width: 30, height: 30, rgba: new Uint8Array(3600).fill(255) });
  assertThrows(
    () => toMnistStyle(decodeImage(blank, "blank.png"), "blank.png"),
    UsageError,
    "blank.png: no ink found",
  );
  assertThrows(
    () => decodeImage(new TextEncoder().encode("hello"), "notes.txt"),
    UsageError,
    "notes.txt: not a PNG or JPEG",
  );
  const broken = encodePng(drawnDigit(mnist.test, 0)).slice(0, 100);
  assertThrows(() => decodeImage(broken, "cut.png"), UsageError, "cut.png: cannot decode");
});
