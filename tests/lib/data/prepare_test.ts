import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertEquals } from "@std/assert";
import { oneHot, scalePixels, toTensors } from "../../../lib/data/prepare.ts";

Deno.test("scalePixels maps 0..255 to 0..1", () => {
  const scaled = scalePixels(Uint8Array.from([0, 51, 255]));
  [0, 0.2, 1].forEach((expected, i) => assertAlmostEquals(scaled[i], expected, 1e-7));
});

Deno.test("oneHot puts one 1 per row at the label", () => {
  assertEquals(Array.from(oneHot([2, 0], 3)), [0, 0, 1, 1, 0, 0]);
});

Deno.test("toTensors gives flat [N, 784] or image [N, 28, 28, 1] views", () => {
  const digits = {
    images: new Uint8Array(2 * 784).fill(255),
    labels: Uint8Array.from([4, 7]),
    count: 2,
  };
  const flat = toTensors(digits, "flat");
  const image = toTensors(digits, "image");
  assertEquals(flat.x.shape, [2, 784]);
  assertEquals(image.x.shape, [2, 28, 28, 1]);
  assertEquals(flat.y.shape, [2, 10]);
  assertEquals(Array.from(flat.y.argMax(1).dataSync()), [4, 7]);
  assertEquals(flat.x.max().dataSync()[0], 1);
  tf.dispose([flat.x, flat.y, image.x, image.y]);
});
