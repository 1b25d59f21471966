import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertGreater, assertLess, assertRejects } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import { arrayOptimizer } from "../../../lib/train/array_optimizer.ts";
import { evaluate } from "../../../lib/train/evaluate.ts";
import { fit } from "../../../lib/train/fit.ts";
import { type Replicas, shareSizes, startReplicas } from "../../../lib/train/parallel/replicas.ts";
import { reduceLrOnPlateau } from "../../../lib/train/reduce_lr.ts";
import { sgdStep } from "../../../lib/train/update_rules.ts";
import { createRng, seedEverything } from "../../../lib/cli/random.ts";
import type { Digits } from "../../../lib/data/digits.ts";

/**
 * A small CNN with an L2 penalty and, when asked, BatchNorm and dropout. Without them (BatchNorm
 * normalises each share by its own statistics, dropout draws its own masks in each replica) a
 * shared step equals a whole-batch step.
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
      ...(batchNorm ? [tf.layers.batchNormalization(), tf.layers.dropout({ rate: 0.2 })] : []),
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

/** Asserts that every worker holds exactly the main thread's trainable weights, bit for bit. */
async function assertLockStep(replicas: Replicas, model: tf.LayersModel, when: string) {
  const bits = (values: Float32Array) => new Uint32Array(values.slice().buffer);
  const main = trainableValues(model).map(bits);
  const workers = await replicas.workerWeights();
  workers.forEach((weights, w) =>
    weights.forEach((values, i) =>
      assertEquals(bits(values), main[i], `${when}: worker ${w + 1}, weight ${i}`)
    )
  );
}

/** The loss the one-thread loop minimises: mean cross-entropy plus the weight penalties. */
function wholeBatchLoss(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  const predicted = model.apply(x, { training: true }) as tf.Tensor;
  const mean = tf.mean(tf.metrics.categoricalCrossentropy(y, predicted)) as tf.Scalar;
  return tf.addN([mean, ...model.calculateLosses()]) as tf.Scalar;
}

Deno.test("shareSizes cuts a batch into near-equal, non-empty shares", () => {
  assertEquals(shareSizes(128, 2), [64, 64]);
  assertEquals(shareSizes(129, 2), [65, 64]);
  assertEquals(shareSizes(10, 3), [4, 3, 3]);
  assertEquals(shareSizes(1, 4), [1]);
});

Deno.test("steps shared by 3 replicas move the weights as steps on the whole batch", async () => {
  await startBackend("wasm");
  seedEverything(5);
  const single = smallCnn();
  const shared = smallCnn();
  shared.setWeights(single.getWeights());
  const optimizer = tf.train.adam(0.01);
  const replicas = await startReplicas(shared, {
    count: 3,
    loss: "categoricalCrossentropy",
    optimizer: tf.train.adam(0.01),
    seed: 1,
  });
  try {
    // Three steps: the later ones compute at weights each worker updated itself.
    for (const [size, seed] of [[21, 9], [2, 10], [17, 11]]) {
      const { x, y } = randomBatch(size, seed);
      const singleLoss = optimizer.minimize(() => wholeBatchLoss(single, x, y), true)!;
      const step = await replicas.step(x, y);
      assertLess(maxDifference(step.loss.dataSync(), singleLoss.dataSync()), 1e-5);
    }
    const expected = trainableValues(single);
    trainableValues(shared).forEach((values, i) =>
      assertLess(maxDifference(values, expected[i]), 1e-5, `weight ${i}`)
    );
    await assertLockStep(replicas, shared, "after 3 steps");
  } finally {
    replicas.close();
  }
});

const COURSE_OPTIMIZERS: Record<string, () => tf.Optimizer> = {
  adam: () => tf.train.adam(0.01),
  sgd: () => tf.train.sgd(0.1),
  momentum: () => tf.train.momentum(0.05, 0.9),
  rmsprop: () => tf.train.rmsprop(0.01),
};

for (const [name, makeOptimizer] of Object.entries(COURSE_OPTIMIZERS)) {
  Deno.test(`with ${name}, every replica keeps the same trainable weights bit for bit, through a plateau's rate cut`, async () => {
    await startBackend("wasm");
    seedEverything(6);
    const model = smallCnn(true);
    const optimizer = makeOptimizer();
    const replicas = await startReplicas(model, {
      count: 2,
      loss: "categoricalCrossentropy",
      optimizer,
      seed: 2,
    });
    try {
      // Uneven shares, and a batch of one that leaves the worker without a share.
      for (const [size, seed] of [[21, 1], [1, 2], [16, 3]]) {
        const { x, y } = randomBatch(size, seed);
        tf.dispose(Object.values(await replicas.step(x, y)));
      }
      await assertLockStep(replicas, model, "after 3 steps");
      // Lesson 8's callback cuts the rate on the main thread's optimizer after a poor epoch;
      // fit then synchronises the replicas before the next epoch.
      const cut = reduceLrOnPlateau(optimizer, { factor: 0.1, patience: 1, minLearningRate: 0 });
      const log = (epoch: number) => ({ epoch, loss: 1, accuracy: 0, val_loss: 1, seconds: 0 });
      await cut(log(1), model);
      await cut(log(2), model);
      await replicas.synchronise();
      for (const [size, seed] of [[16, 4], [16, 5]]) {
        const { x, y } = randomBatch(size, seed);
        tf.dispose(Object.values(await replicas.step(x, y)));
      }
      await assertLockStep(replicas, model, "after the rate cut");
    } finally {
      replicas.close();
      model.dispose();
    }
  });
}

Deno.test("an optimizer that cannot be copied to the workers updates on the main thread alone", async () => {
  await startBackend("wasm");
  seedEverything(7);
  const single = smallCnn();
  const shared = smallCnn();
  shared.setWeights(single.getWeights());
  const makeSgd = () =>
    arrayOptimizer<undefined>(0.1, {
      start: () => undefined,
      step: (params, grads, state, rate) => ({ params: sgdStep(params, grads, rate), state }),
    });
  const optimizer = makeSgd();
  const replicas = await startReplicas(shared, {
    count: 2,
    loss: "categoricalCrossentropy",
    optimizer: makeSgd(),
    seed: 3,
  });
  try {
    for (const seed of [1, 2]) {
      const { x, y } = randomBatch(12, seed);
      const singleLoss = optimizer.minimize(() => wholeBatchLoss(single, x, y), true)!;
      const step = await replicas.step(x, y);
      assertLess(maxDifference(step.loss.dataSync(), singleLoss.dataSync()), 1e-5);
    }
    const expected = trainableValues(single);
    trainableValues(shared).forEach((values, i) =>
      assertLess(maxDifference(values, expected[i]), 1e-5, `weight ${i}`)
    );
  } finally {
    replicas.close();
  }
});

/** 96 two-class images (ink in the top or the bottom half), drawn from a fixed seed. */
function twoClassDigits(): Digits {
  const random = createRng(4).next;
  const count = 96;
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 2);
  const images = Uint8Array.from({ length: count * 784 }, (_, p) => {
    const inTopHalf = p % 784 < 392;
    return inTopHalf === (labels[Math.floor(p / 784)] === 0) && random() < 0.3 ? 255 : 0;
  });
  return { images, labels, count };
}

/** Trains `smallCnn(batchNorm)` for 3 epochs, halving the learning rate after each. */
async function fitHalving(workers: number, batchNorm: boolean, batchSize: number) {
  const digits = twoClassDigits();
  const rng = seedEverything(3);
  const model = smallCnn(batchNorm);
  const optimizer = tf.train.adam(0.02);
  const halve = () => {
    (optimizer as unknown as { learningRate: number }).learningRate /= 2;
  };
  const history = await fit(model, digits, {
    epochs: 3,
    batchSize,
    optimizer,
    rng,
    layout: "image",
    workers,
    callbacks: [halve],
  });
  const accuracy = evaluate(model, digits, { layout: "image" }).accuracy;
  const weights = model.getWeights().map((weight) => Array.from(weight.dataSync()));
  model.dispose();
  return { losses: history.map((log) => log.loss), accuracy, weights };
}

Deno.test("fit with 2 workers trains a BatchNorm CNN, halving its rate each epoch, and repeats exactly", async () => {
  await startBackend("wasm");
  const first = await fitHalving(2, true, 32);
  assertGreater(first.accuracy, 0.9);
  assertEquals(await fitHalving(2, true, 32), first);
});

Deno.test("the rate a callback sets between epochs reaches the workers: 2 workers train as 1", async () => {
  await startBackend("wasm");
  // One batch per epoch, so that both runs see the same batches whatever the shuffle.
  const one = await fitHalving(1, false, 96);
  const two = await fitHalving(2, false, 96);
  assertLess(maxDifference(two.losses, one.losses), 1e-4);
  two.weights.forEach((values, i) =>
    assertLess(maxDifference(values, one.weights[i]), 1e-4, `weight ${i}`)
  );
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
