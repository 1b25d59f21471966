import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertEquals } from "@std/assert";
import {
  batchNormRows,
  batchNormValues,
  batchNormWeightCounts,
} from "../../../lib/model/batch_norm.ts";

Deno.test("batchNormRows applies gamma * (x - mean) / sqrt(variance + epsilon) + beta per channel", async () => {
  await tf.setBackend("cpu");
  assertEquals(
    batchNormRows([[3]], { gamma: [2], beta: [1], movingMean: [1], movingVariance: [4] }, 0),
    [[3]],
  );
  const rows = batchNormRows(
    [[1, 10], [3, 20]],
    { gamma: [1, 0.5], beta: [0, -1], movingMean: [2, 10], movingVariance: [1, 100] },
  );
  const expected = [[-1 / Math.sqrt(1.001), -1], [
    1 / Math.sqrt(1.001),
    0.5 * 10 / Math.sqrt(100.001) - 1,
  ]];
  rows.flat().forEach((value, i) => assertAlmostEquals(value, expected.flat()[i], 1e-6));
  assertEquals(batchNormRows([], { gamma: [], beta: [], movingMean: [], movingVariance: [] }), []);
});

Deno.test("batchNormValues reads a trained layer, and its inference output is batchNormRows's", async () => {
  await tf.setBackend("cpu");
  const model = tf.sequential({
    layers: [tf.layers.batchNormalization({ inputShape: [3], momentum: 0.5, epsilon: 0.01 })],
  });
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  const x = tf.tensor2d([[1, 2, 3], [4, 6, 9], [0, -2, 5]]);
  await model.fit(x, tf.zeros([3, 3]), { epochs: 3, batchSize: 3, verbose: 0 });
  const values = batchNormValues(model.layers[0]);
  assertEquals(values.epsilon, 0.01);
  assertEquals(values.gamma.length, 3);
  const { epsilon, ...weights } = values;
  const byHand = batchNormRows(x.arraySync() as number[][], weights, epsilon);
  const layer = (model.predict(x) as tf.Tensor).arraySync() as number[][];
  byHand.flat().forEach((value, i) => assertAlmostEquals(value, layer.flat()[i], 1e-5));
  model.dispose();
});

Deno.test("batchNormWeightCounts: gamma and beta are trained, the moving statistics are not", async () => {
  await tf.setBackend("cpu");
  assertEquals(batchNormWeightCounts(64), { trainable: 128, nonTrainable: 128 });
  assertEquals(batchNormWeightCounts(1), { trainable: 2, nonTrainable: 2 });
});
