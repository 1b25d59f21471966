import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertGreater, assertLess, assertRejects } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import { evaluate } from "../../../lib/train/evaluate.ts";
import { fit } from "../../../lib/train/fit.ts";
import { shareSizes, startReplicas } from "../../../lib/train/parallel/replicas.ts";
import { createRng, seedEverything } from "../../../lib/cli/random.ts";
import type { Digits } from "../../../lib/data/digits.ts";

/**
 * A small CNN with an L2 penalty and, when asked, BatchNorm. Without BatchNorm (which
 * normalises each share by its own statistics) a shared step equals a whole-batch step.
 */
function smallCnn(batchNorm = false): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 4,
        kernelSize: 3,
        strides: 2,
        activation: "relu",
        kernelRegularizer: tf.regularizers.l2({ l2: 0.01 }),
      }),
      ...(batchNorm ? [tf.layers.batchNormalization()] : []),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
}

function randomBatch(size: number, seed: number): { x: tf.Tensor; y: tf.Tensor } {
  const random = createRng(seed).next;
  const labels = Array.from({ length: size }, () => Math.floor(random() * 10));
  return {
    x: tf.tensor(Array.from({ length: size * 784 }, random), [size, 28, 28, 1]),
    y: tf.oneHot(labels, 10).toFloat(),
  };
}

/** The largest absolute difference between two equally long arrays. */
function maxDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  assertEquals(actual.length, expected.length);
  return Math.max(...Array.from(actual, (value, i) => Math.abs(value - expected[i])));
}

function trainableValues(model: tf.LayersModel): Float32Array[] {
  return model.trainableWeights.map((weight) => weight.read().dataSync() as Float32Array);
}

Deno.test("shareSizes cuts a batch into near-equal, non-empty shares", () => {
  assertEquals(shareSizes(128, 2), [64, 64]);
  assertEquals(shareSizes(129, 2), [65, 64]);
  assertEquals(shareSizes(10, 3), [4, 3, 3]);
  assertEquals(shareSizes(1, 4), [1]);
});

Deno.test("a step shared by 3 replicas moves the weights as one step on the whole batch", async () => {
  await startBackend("wasm");
  seedEverything(5);
  const single = smallCnn();
  const shared = smallCnn();
  shared.setWeights(single.getWeights());
  const { x, y } = randomBatch(21, 9);

  const optimizer = tf.train.adam(0.01);
  const singleLoss = optimizer.minimize(() => {
    const predicted = single.apply(x, { training: true }) as tf.Tensor;
    const mean = tf.mean(tf.metrics.categoricalCrossentropy(y, predicted)) as tf.Scalar;
    return tf.addN([mean, ...single.calculateLosses()]) as tf.Scalar;
  }, true)!;

  const replicas = await startReplicas(shared, {
    count: 3,
    loss: "categoricalCrossentropy",
    optimizer: tf.train.adam(0.01),
    seed: 1,
  });
  try {
    const step = await replicas.step(x, y);
    assertLess(maxDifference(step.loss.dataSync(), singleLoss.dataSync()), 1e-5);
    const expected = trainableValues(single);
    trainableValues(shared).forEach((values, i) =>
      assertLess(maxDifference(values, expected[i]), 1e-5, `weight ${i}`)
    );
  } finally {
    replicas.close();
  }
});

Deno.test("fit with 2 workers trains a BatchNorm CNN and repeats exactly with the same seed", async () => {
  await startBackend("wasm");
  async function run() {
    const rng = seedEverything(3);
    const random = createRng(4).next;
    const count = 96;
    const labels = Uint8Array.from({ length: count }, (_, i) => i % 2);
    const images = Uint8Array.from({ length: count * 784 }, (_, p) => {
      const inTopHalf = p % 784 < 392;
      return inTopHalf === (labels[Math.floor(p / 784)] === 0) && random() < 0.3 ? 255 : 0;
    });
    const digits: Digits = { images, labels, count };
    const model = smallCnn(true);
    const history = await fit(model, digits, {
      epochs: 3,
      batchSize: 32,
      optimizer: tf.train.adam(0.01),
      rng,
      layout: "image",
      workers: 2,
    });
    const accuracy = evaluate(model, digits, { layout: "image" }).accuracy;
    model.dispose();
    return { losses: history.map((log) => log.loss), accuracy };
  }
  const first = await run();
  assertGreater(first.accuracy, 0.9);
  assertEquals(await run(), first);
});

Deno.test("fit rejects a worker count that is not a whole number of at least 1", async () => {
  await startBackend("wasm");
  const model = smallCnn();
  const digits: Digits = { images: new Uint8Array(784), labels: new Uint8Array(1), count: 1 };
  await assertRejects(
    () =>
      fit(model, digits, {
        epochs: 1,
        batchSize: 1,
        optimizer: tf.train.sgd(0.1),
        rng: createRng(1),
        layout: "image",
        workers: 0,
      }),
    RangeError,
    "workers must be a whole number of at least 1, got 0",
  );
});
