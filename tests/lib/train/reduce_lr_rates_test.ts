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
