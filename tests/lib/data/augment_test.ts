import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertEquals, assertNotEquals } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import {
  affineMatrix,
  ARTICLE_AUGMENTATION,
  randomAffine,
  randomAugmenter,
} from "../../../lib/data/augment.ts";
import { createRng } from "../../../lib/cli/random.ts";

Deno.test("affineMatrix: identity, and a shift samples from the other way", () => {
  assertEquals(affineMatrix({ degrees: 0, zoom: 1, shiftX: 0, shiftY: 0 }, 28), [
    1,
    -0,
    0,
    0,
    1,
    0,
    0,
    0,
  ]);
  const shifted = affineMatrix({ degrees: 0, zoom: 1, shiftX: 3, shiftY: 1 }, 28);
  assertAlmostEquals(shifted[2], -3);
  assertAlmostEquals(shifted[5], -1);
});

Deno.test("randomAffine stays within the limits", () => {
  const random = createRng(3).next;
  for (let i = 0; i < 200; i++) {
    const affine = randomAffine(ARTICLE_AUGMENTATION, 28, random);
    assertEquals(Math.abs(affine.degrees) <= 10, true);
    assertEquals(Math.abs(affine.zoom - 1) <= 0.1, true);
    assertEquals(Math.abs(affine.shiftX) <= 2.8 && Math.abs(affine.shiftY) <= 2.8, true);
  }
});

Deno.test("randomAugmenter: same seed, same batch; each image moved differently", async () => {
  await startBackend("wasm");
  const images = tf.tidy(() => tf.randomUniform([4, 28, 28, 1], 0, 1, "float32", 5));
  const run = (seed: number) =>
    tf.tidy(() => randomAugmenter(ARTICLE_AUGMENTATION, createRng(seed).next)(images).arraySync());
  assertEquals(run(7), run(7));
  assertNotEquals(run(7), run(8));
  const out = tf.tidy(() => randomAugmenter(ARTICLE_AUGMENTATION, createRng(7).next)(images).shape);
  assertEquals(out, [4, 28, 28, 1]);
  images.dispose();
});
