import * as tf from "@tensorflow/tfjs";
import { assertEquals } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import { reduceLrOnPlateau } from "../../../lib/train/reduce_lr.ts";

Deno.test("reduceLrOnPlateau sets the rate the rule it is given returns for the losses so far", async () => {
  await startBackend("cpu");
  const optimizer = tf.train.adam(0.01);
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
  const calls: number[][] = [];
  const halving = (losses: number[], initialRate: number) => {
    calls.push([...losses]);
    return losses.map((_, i) => initialRate / 2 ** (i + 1));
  };
  const options = { factor: 0.5, patience: 3, minLearningRate: 0 };
  const callback = reduceLrOnPlateau(optimizer, options, halving);
  for (const epoch of [1, 2]) {
    await callback(
      { epoch, loss: 1, accuracy: 0.5, val_loss: epoch / 10, val_accuracy: 0.5, seconds: 0 },
      model,
    );
  }
  assertEquals(calls, [[0.1], [0.1, 0.2]]);
  assertEquals((optimizer as unknown as { learningRate: number }).learningRate, 0.0025);
  model.dispose();
});

Deno.test("reduceLrOnPlateau's cut reaches the steps of SGD and momentum, not only their field", async () => {
  await startBackend("cpu");
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
  const halve = (losses: number[], initialRate: number) => losses.map(() => initialRate / 2);
  const options = { factor: 0.5, patience: 1, minLearningRate: 0 };
  for (const optimizer of [tf.train.sgd(0.4), tf.train.momentum(0.4, 0)]) {
    await reduceLrOnPlateau(optimizer, options, halve)(
      { epoch: 1, loss: 1, accuracy: 0.5, val_loss: 1, val_accuracy: 0.5, seconds: 0 },
      model,
    );
    const weight = tf.variable(tf.scalar(1));
    optimizer.minimize(() => weight.mul(1).asScalar()); // gradient 1: one step moves by the rate
    assertEquals(weight.dataSync()[0], Math.fround(1 - 0.2));
    weight.dispose();
    optimizer.dispose();
  }
  model.dispose();
});
