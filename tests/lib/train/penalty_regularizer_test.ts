import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertEquals } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import { elasticNetPenalty } from "../../../lib/train/penalties.ts";
import { penaltyRegularizer } from "../../../lib/train/penalty_regularizer.ts";

/** A penalty's value and gradient for `weights`, as tfjs computes them through `regularizer`. */
function measure(regularizer: ReturnType<typeof tf.regularizers.l1l2>, weights: number[][]) {
  return tf.tidy(() => {
    const w = tf.tensor2d(weights);
    const { value, grads } = tf.valueAndGrads((x: tf.Tensor) => regularizer.apply(x))([w]);
    return { value: value.dataSync()[0], gradient: Array.from(grads[0].dataSync()) };
  });
}

Deno.test("penaltyRegularizer's value and gradient are tfjs's l1l2's", async () => {
  await startBackend("wasm");
  // No weight at exactly 0: there tfjs's L1 gradient is -l1, Keras's (and ours) 0.
  const weights = [[0.5, -1.25, 0.01], [2, -0.1, 0.75]];
  const strengths = { l1: 0.01, l2: 0.003 };
  const mine = measure(
    penaltyRegularizer((w) => elasticNetPenalty(w, strengths.l1, strengths.l2), strengths),
    weights,
  );
  const theirs = measure(tf.regularizers.l1l2(strengths), weights);
  assertAlmostEquals(mine.value, theirs.value, 1e-7);
  mine.gradient.forEach((g, i) => assertAlmostEquals(g, theirs.gradient[i], 1e-7));
});

Deno.test("a layer trains with penaltyRegularizer and serialises it as l1l2", async () => {
  await startBackend("wasm");
  const seen: number[] = [];
  const model = tf.sequential({
    layers: [tf.layers.dense({
      inputShape: [3],
      units: 2,
      kernelRegularizer: penaltyRegularizer((w) => {
        seen.push(w.length);
        return { penalty: 0, gradient: w.map(() => 0) };
      }, { l2: 0.5 }),
    })],
  });
  const penalties = model.layers[0].calculateLosses();
  assertEquals(seen, [6]);
  tf.dispose(penalties);
  const config = JSON.stringify(model.toJSON(null, false));
  assertEquals(
    config.includes('"kernel_regularizer":{"class_name":"L1L2","config":{"l1":0,"l2":0.5}'),
    true,
  );
  const copy = await tf.models.modelFromJSON({ modelTopology: JSON.parse(config) });
  assertEquals(copy.countParams(), model.countParams());
  model.dispose();
  copy.dispose();
});
