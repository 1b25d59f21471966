import * as tf from "@tensorflow/tfjs";
import { assertEquals } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import {
  type Affine,
  affineMatrix,
  ARTICLE_AUGMENTATION,
  randomAugmenter,
} from "../../../lib/data/augment.ts";
import { createRng } from "../../../lib/cli/random.ts";

Deno.test("randomAugmenter turns each random transform into a matrix with the one it is given", async () => {
  await startBackend("cpu");
  const images = tf.randomUniform([3, 4, 4, 1]);
  const seen: Affine[] = [];
  const counted = (affine: Affine, size: number) => {
    seen.push(affine);
    return affineMatrix(affine, size);
  };
  const course = randomAugmenter(ARTICLE_AUGMENTATION, createRng(7).next)(images);
  const given = randomAugmenter(ARTICLE_AUGMENTATION, createRng(7).next, counted)(images);
  assertEquals(seen.length, 3);
  assertEquals(given.arraySync(), course.arraySync());
  const away = () => [1, 0, 100, 0, 1, 100, 0, 0];
  const blank = randomAugmenter(ARTICLE_AUGMENTATION, createRng(7).next, away)(images);
  assertEquals(Array.from(blank.dataSync()), new Array(48).fill(0));
  tf.dispose([images, course, given, blank]);
});
