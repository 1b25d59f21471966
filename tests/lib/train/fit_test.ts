import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertGreater, assertLess } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import {
  argMaxRows,
  confusionMatrix,
  countCorrect,
  evaluate,
} from "../../../lib/train/evaluate.ts";
import { fit } from "../../../lib/train/fit.ts";
import { seedEverything } from "../../../lib/train/seed.ts";

/** Two separable blobs: class 0 around (-1, -1), class 1 around (1, 1). */
function blobs(count: number, seed: number) {
  const rng = seedEverything(seed);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    const centre = label === 0 ? -1 : 1;
    x.push(centre + (rng.next() - 0.5), centre + (rng.next() - 0.5));
    y.push(label === 0 ? 1 : 0, label);
  }
  return { x: tf.tensor2d(x, [count, 2]), y: tf.tensor2d(y, [count, 2]), rng };
}

async function train(seed: number) {
  await startBackend("wasm");
  const data = blobs(256, seed);
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 2, inputShape: [2], activation: "softmax" })],
  });
  const history = await fit(model, data, {
    epochs: 3,
    batchSize: 32,
    optimizer: tf.train.sgd(0.5),
    rng: data.rng,
    validation: data,
  });
  const result = { history, evaluation: evaluate(model, data) };
  model.dispose();
  tf.dispose([data.x, data.y]);
  return result;
}

Deno.test("fit learns, logs every epoch and repeats exactly with the same seed", async () => {
  const first = await train(11);
  assertEquals(first.history.map((log) => log.epoch), [1, 2, 3]);
  assertLess(first.history[2].loss, first.history[0].loss);
  assertGreater(first.evaluation.accuracy, 0.95);
  assert(first.history.every((log) => log.val_accuracy !== undefined && log.learning_rate === 0.5));
  const again = await train(11);
  const strip = (r: typeof first) => r.history.map(({ seconds: _, ...rest }) => rest);
  assertEquals(strip(again), strip(first));
});

Deno.test("a callback returning 'stop' ends training after that epoch", async () => {
  await startBackend("wasm");
  const data = blobs(64, 1);
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 2, inputShape: [2], activation: "softmax" })],
  });
  const history = await fit(model, data, {
    epochs: 10,
    batchSize: 16,
    optimizer: tf.train.sgd(0.1),
    rng: data.rng,
    callbacks: [(log) => (log.epoch === 2 ? "stop" : undefined)],
  });
  assertEquals(history.length, 2);
  model.dispose();
});

Deno.test("countCorrect, argMaxRows and confusionMatrix agree", () => {
  const probabilities = [[0.9, 0.1], [0.4, 0.6], [0.7, 0.3]];
  const correct = countCorrect(tf.tensor2d([[1, 0], [1, 0], [0, 1]]), tf.tensor2d(probabilities));
  assertEquals(correct.dataSync()[0], 1);
  assertEquals(Array.from(argMaxRows(Float32Array.from(probabilities.flat()), 2)), [0, 1, 0]);
  assertEquals(confusionMatrix([0, 0, 1], [0, 1, 0], 2), [[1, 1], [1, 0]]);
});
