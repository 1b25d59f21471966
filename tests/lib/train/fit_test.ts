import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertGreater, assertLess } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import { argMaxRows, confusionMatrix, evaluate } from "../../../lib/train/evaluate.ts";
import { countCorrect } from "../../../lib/train/loss.ts";
import { fit } from "../../../lib/train/fit.ts";
import { type Rng, seedEverything } from "../../../lib/cli/random.ts";
import type { Digits } from "../../../lib/data/digits.ts";

/** Synthetic digits: label 0 has ink in the top half, label 1 in the bottom half, plus noise. */
function halves(count: number, seed: number): { digits: Digits; rng: Rng } {
  const rng = seedEverything(seed);
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 2;
    for (let p = 0; p < 784; p++) {
      const inked = (p < 392) === (labels[i] === 0);
      images[i * 784 + p] = inked && rng.next() < 0.3 ? 255 : Math.floor(rng.next() * 40);
    }
  }
  return { digits: { images, labels, count }, rng };
}

async function train(seed: number) {
  await startBackend("wasm");
  const { digits, rng } = halves(256, seed);
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 10, inputShape: [784], activation: "softmax" })],
  });
  const history = await fit(model, digits, {
    epochs: 3,
    batchSize: 32,
    optimizer: tf.train.sgd(0.1),
    rng,
    layout: "flat",
    validation: digits,
  });
  const result = { history, evaluation: evaluate(model, digits, { layout: "flat" }) };
  model.dispose();
  return result;
}

Deno.test("fit learns, logs every epoch and repeats exactly with the same seed", async () => {
  const first = await train(11);
  assertEquals(first.history.map((log) => log.epoch), [1, 2, 3]);
  assertLess(first.history[2].loss, first.history[0].loss);
  assertGreater(first.evaluation.accuracy, 0.95);
  assert(first.history.every((log) => log.val_accuracy !== undefined && log.learning_rate === 0.1));
  const again = await train(11);
  const strip = (r: typeof first) => r.history.map(({ seconds: _, ...rest }) => rest);
  assertEquals(strip(again), strip(first));
});

Deno.test("a callback returning 'stop' ends training after that epoch", async () => {
  await startBackend("wasm");
  const { digits, rng } = halves(64, 1);
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 10, inputShape: [784], activation: "softmax" })],
  });
  const history = await fit(model, digits, {
    epochs: 10,
    batchSize: 16,
    optimizer: tf.train.sgd(0.1),
    rng,
    layout: "flat",
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

Deno.test("fit records each batch's loss when asked, without changing the training", async () => {
  await startBackend("wasm");
  const run = async (batchLosses: boolean) => {
    const { digits, rng } = halves(100, 5);
    const model = tf.sequential({
      layers: [tf.layers.dense({ units: 10, inputShape: [784], activation: "softmax" })],
    });
    const before = tf.memory().numTensors;
    const history = await fit(model, digits, {
      epochs: 2,
      batchSize: 32,
      optimizer: tf.train.sgd(0.1),
      rng,
      layout: "flat",
      batchLosses,
    });
    const leaked = tf.memory().numTensors - before;
    model.dispose();
    return { history: history.map(({ seconds: _, ...rest }) => rest), leaked };
  };
  const plain = await run(false);
  const recorded = await run(true);
  assert(plain.history.every((log) => log.batch_losses === undefined));
  assertEquals(recorded.leaked, plain.leaked);
  for (const [i, log] of recorded.history.entries()) {
    const losses = log.batch_losses!;
    assertEquals(losses.length, 4); // ceil(100 / 32)
    assert(losses.every(Number.isFinite));
    // The epoch's loss is the batches' losses weighted by their sizes (32, 32, 32, 4).
    const weighted = (losses[0] + losses[1] + losses[2]) * 32 + losses[3] * 4;
    assertLess(Math.abs(weighted / 100 - log.loss), 1e-5);
    const { batch_losses: _, ...rest } = log;
    assertEquals(rest, plain.history[i]);
  }
});
