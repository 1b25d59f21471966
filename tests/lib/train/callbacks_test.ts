import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertRejects } from "@std/assert";
import { join } from "node:path";
import { startBackend } from "../../../lib/backend/backend.ts";
import { fileSystem } from "../../../lib/model/file_io.ts";
import { bestModelCheckpoint } from "../../../lib/train/checkpoint.ts";
import { plateauRates, reduceLrOnPlateau } from "../../../lib/train/reduce_lr.ts";

const log = (epoch: number, val_loss: number, val_accuracy: number) => ({
  epoch,
  loss: 1,
  accuracy: 0.5,
  val_loss,
  val_accuracy,
  seconds: 0,
});

Deno.test("plateauRates: Keras's rule, with the floor", () => {
  const options = { factor: 0.5, patience: 3, minLearningRate: 1e-5 };
  assertEquals(plateauRates([1, 1, 1, 1, 0.5, 0.6], 1e-3, options), [
    1e-3,
    1e-3,
    1e-3,
    5e-4,
    5e-4,
    5e-4,
  ]);
  assertEquals(plateauRates(new Array(8).fill(1), 2e-5, options).at(-1), 1e-5);
});

Deno.test("reduceLrOnPlateau sets the optimizer's learning rate", async () => {
  await startBackend("wasm");
  const optimizer = tf.train.adam(0.01);
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
  const callback = reduceLrOnPlateau(optimizer, { factor: 0.5, patience: 2, minLearningRate: 0 });
  for (const [epoch, loss] of [[1, 1], [2, 1], [3, 1]]) await callback(log(epoch, loss, 0), model);
  assertEquals((optimizer as unknown as { learningRate: number }).learningRate, 0.005);
  await assertRejects(
    async () => await callback({ ...log(4, 1, 0), val_loss: undefined }, model),
    Error,
    "needs validation data",
  );
  model.dispose();
});

Deno.test("bestModelCheckpoint saves only on a better validation accuracy", async () => {
  await startBackend("wasm");
  const dir = join(await Deno.makeTempDir(), "best");
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
  const checkpoint = bestModelCheckpoint(dir);
  model.setWeights([tf.tensor2d([[2]]), tf.tensor1d([0])]);
  await checkpoint.callback(log(1, 1, 0.8), model);
  model.setWeights([tf.tensor2d([[3]]), tf.tensor1d([0])]);
  await checkpoint.callback(log(2, 1, 0.7), model);
  assertEquals(checkpoint.best(), { epoch: 1, valAccuracy: 0.8 });
  const saved = await tf.loadLayersModel(fileSystem(dir));
  assertEquals(saved.getWeights()[0].dataSync()[0], 2);
  saved.dispose();
  model.dispose();
  await Deno.remove(join(dir, ".."), { recursive: true });
});
