import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertThrows } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import { earlyStopping } from "../../../lib/train/early_stopping.ts";

const log = (epoch: number, val_loss?: number) => ({
  epoch,
  loss: 1,
  accuracy: 0.5,
  seconds: 0,
  ...(val_loss === undefined ? {} : { val_loss }),
});

Deno.test("earlyStopping stops after `patience` epochs without improvement and restores the best weights", async () => {
  await startBackend("wasm");
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
  const setKernel = (value: number) => model.setWeights([tf.tensor2d([[value]]), tf.zeros([1])]);
  const kernel = () => model.getWeights()[0].dataSync()[0];
  const stopper = earlyStopping({ patience: 2, minDelta: 0.01 });
  const losses = [1, 0.5, 0.495, 0.7];
  const decisions = [];
  for (const [i, loss] of losses.entries()) {
    setKernel(i + 1);
    decisions.push(await stopper.callback(log(i + 1, loss), model));
  }
  assertEquals(decisions, [undefined, undefined, undefined, "stop"]);
  assertEquals(stopper.bestEpoch(), 2, "0.495 is not 0.01 better than 0.5");
  stopper.restoreBest(model);
  assertEquals(kernel(), 2, "the weights of epoch 2 are back");
  model.dispose();
});

Deno.test("earlyStopping needs validation loss", async () => {
  await startBackend("wasm");
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
  const stopper = earlyStopping({ patience: 1 });
  assertThrows(() => stopper.callback(log(1), model), Error, "needs validation data");
  model.dispose();
});
