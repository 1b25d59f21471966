import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertNotEquals } from "@std/assert";
import { createRng, deriveSeed, seedEverything } from "../../../lib/cli/random.ts";

Deno.test("createRng gives the same stream for the same seed, in [0, 1)", () => {
  const a = Array.from({ length: 1000 }, createRng(9).next);
  assertEquals(Array.from({ length: 1000 }, createRng(9).next), a);
  assertNotEquals(Array.from({ length: 1000 }, createRng(10).next), a);
  assert(a.every((x) => x >= 0 && x < 1));
  const mean = a.reduce((s, x) => s + x, 0) / a.length;
  assert(Math.abs(mean - 0.5) < 0.05, `mean of 1000 draws is ${mean}`);
});

Deno.test("deriveSeed separates purposes", () => {
  assertNotEquals(deriveSeed(1, "data"), deriveSeed(1, "tensorflow"));
  assertEquals(deriveSeed(1, "data"), deriveSeed(1, "data"));
});

Deno.test("seedEverything makes tfjs initialisers and dropout repeatable", async () => {
  await tf.setBackend("cpu");
  const draw = (seed: number) => {
    seedEverything(seed);
    const layer = tf.layers.dense({ units: 3, inputShape: [4] });
    const model = tf.sequential({ layers: [layer, tf.layers.dropout({ rate: 0.5 })] });
    const weights = Array.from(layer.getWeights()[0].dataSync());
    const dropped = Array.from(
      (model.apply(tf.ones([1, 4]), { training: true }) as tf.Tensor).dataSync(),
    );
    model.dispose();
    return [...weights, ...dropped];
  };
  assertEquals(draw(5), draw(5));
  assertNotEquals(draw(5), draw(6));
});
