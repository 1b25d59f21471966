import { assertAlmostEquals, assertEquals } from "@std/assert";
import * as tf from "@tensorflow/tfjs";
import { applyDropout, dropoutMask } from "../../../lib/model/inverted_dropout.ts";
import { createRng } from "../../../lib/cli/random.ts";

Deno.test("dropoutMask drops draws below rate and scales the rest by 1 / (1 - rate)", () => {
  const draws = [0.1, 0.9, 0.5, 0.25];
  assertEquals(dropoutMask(4, 0.25, () => draws.shift()!), [0, 4 / 3, 4 / 3, 4 / 3]);
  const mask = dropoutMask(100_000, 0.3, createRng(7).next);
  const mean = mask.reduce((sum, m) => sum + m, 0) / mask.length;
  assertAlmostEquals(mean, 1, 0.01);
});

Deno.test("applyDropout masks while training and copies at inference", () => {
  const values = [1, 2, 3];
  assertEquals(applyDropout(values, 0.5, () => 0.7, true), [2, 4, 6]);
  assertEquals(applyDropout(values, 0.5, () => 0.1, true), [0, 0, 0]);
  const copy = applyDropout(values, 0.5, () => 0.1, false);
  assertEquals(copy, values);
  copy[0] = 9;
  assertEquals(values[0], 1, "a copy, not the same array");
});

Deno.test("applyDropout keeps what tf.dropout keeps for the same uniform draws", () => {
  const rate = 0.3;
  const seed = 11;
  // tf.dropout draws tf.randomUniform(shape, 0, 1, "float32", seed): the same numbers as here.
  const [draws, theirs] = tf.tidy(() => [
    Array.from(tf.randomUniform([50], 0, 1, "float32", seed).dataSync()),
    Array.from(tf.dropout(tf.ones([50]), rate, undefined, seed).dataSync()),
  ]);
  let i = 0;
  const ours = applyDropout(new Array(50).fill(1), rate, () => draws[i++], true);
  ours.forEach((value, j) => assertAlmostEquals(value, theirs[j], 1e-6));
  assertEquals(ours.filter((value) => value === 0).length, theirs.filter((v) => v === 0).length);
});
