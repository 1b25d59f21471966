/**
 * The training loop every lesson uses. It does what Keras's `model.fit` does, with three
 * differences that matter for a course:
 *
 * - the batch order comes from the run's seeded generator, not `Math.random` (tfjs's own
 *   `fit({ shuffle: true })`), so a seed fixes everything;
 * - each batch is assembled from the raw bytes and uploaded once (on wasm, far cheaper than
 *   slicing or gathering one big tensor); metrics are summed on the backend and read back
 *   only when the progress bar refreshes and at the end of the epoch;
 * - callbacks are plain functions that see each epoch's log and may stop training;
 * - with `workers` above 1, each batch is shared among replicas on several cores, each
 *   holding its own weights and optimizer, kept in lock-step (see `parallel/replicas.ts`).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { Digits } from "../data/digits.ts";
import { type Encoding, type ImageLayout, toTensors } from "../data/prepare.ts";
import { shuffledIndices } from "../data/split.ts";
import { type BatchLoss, batchLoss } from "./batch_loss.ts";
import { evaluate } from "./evaluate.ts";
import { labelEncodingFor, type LossName } from "./loss.ts";
import type { EpochLog, History } from "./history.ts";
import { type Replicas, startReplicas } from "./parallel/replicas.ts";
import type { ProgressReporter } from "./progress.ts";
import type { Rng } from "../cli/random.ts";

/** Called after each epoch with its log; returning `"stop"` ends training early. */
export type EpochCallback = (
  log: EpochLog,
  model: tf.LayersModel,
) => void | "stop" | Promise<void | "stop">;

/** How to train. */
export interface FitOptions {
  /** Number of passes over the training data. */
  epochs: number;
  /** Examples per gradient step. */
  batchSize: number;
  /** The optimizer that updates the weights (its learning rate is logged each epoch). */
  optimizer: tf.Optimizer;
  /** Generator for the batch order of every epoch. */
  rng: Rng;
  /** `flat` `[N, 784]` inputs for dense models, `image` `[N, 28, 28, 1]` for convolutions. */
  layout: ImageLayout;
  /** How pixels and labels become inputs and targets (default: pixels / 255, one-hot). */
  encoding?: Encoding;
  /** Loss to minimise (default `categoricalCrossentropy`, on one-hot labels). */
  loss?: LossName;
  /** Digits to measure after each epoch (`val_loss`, `val_accuracy`). */
  validation?: Digits;
  /** Where progress goes; silent when absent. */
  progress?: ProgressReporter;
  /** Run after every epoch, in order. */
  callbacks?: EpochCallback[];
  /** Applied to each training batch's images before the step (data augmentation). */
  augment?: (images: tf.Tensor) => tf.Tensor;
  /**
   * Threads that share each batch (default 1). Pays for convolutional networks, whose steps
   * are long; for small dense networks the exchange of gradients costs more than it saves.
   */
  workers?: number;
  /**
   * Record each batch's training loss in the epoch's log (`batch_losses`), to draw a learning
   * curve within an epoch when a run has few epochs. The losses are kept on the backend and
   * read once at the end of the epoch: no extra work or synchronisation per step.
   */
  batchLosses?: boolean;
}

const REFRESH_MS = 250;

/**
 * Trains `model` on `train` and returns the per-epoch history.
 *
 * @example
 * ```ts
 * const history = await fit(model, train, {
 *   epochs: 5,
 *   batchSize: 128,
 *   optimizer: tf.train.sgd(0.5),
 *   rng: seedEverything(42),
 *   layout: "flat",
 *   validation,
 *   progress: createProgress(),
 * });
 * ```
 */
export async function fit(
  model: tf.LayersModel,
  train: Digits,
  options: FitOptions,
): Promise<History> {
  const { batchSize, optimizer } = options;
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`workers must be a whole number of at least 1, got ${workers}`);
  }
  const lossName = options.loss ?? "categoricalCrossentropy";
  const steps = Math.ceil(train.count / batchSize);
  const replicas = workers > 1
    ? await startReplicas(model, {
      count: workers,
      loss: lossName,
      optimizer,
      seed: Math.floor(options.rng.next() * 2 ** 32),
    })
    : undefined;
  try {
    return await trainEpochs(model, train, options, lossName, steps, replicas);
  } finally {
    replicas?.close();
  }
}

async function trainEpochs(
  model: tf.LayersModel,
  train: Digits,
  options: FitOptions,
  lossName: LossName,
  steps: number,
  replicas: Replicas | undefined,
): Promise<History> {
  const { epochs, optimizer, progress } = options;
  const takeStep = replicas
    ? (x: tf.Tensor, y: tf.Tensor) => replicas.step(x, y)
    : (x: tf.Tensor, y: tf.Tensor) => localStep(model, optimizer, lossName, x, y);
  const history: History = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const started = performance.now();
    // The replicas pick up what the callbacks changed (a lower learning rate, say).
    if (epoch > 1) await replicas?.synchronise();
    progress?.epochStart(epoch, epochs, steps);
    const { loss, accuracy, batchLosses } = await trainEpoch(
      train,
      options,
      lossName,
      steps,
      epoch,
      takeStep,
    );
    const log: EpochLog = { epoch, loss, accuracy, seconds: 0 };
    if (batchLosses) log.batch_losses = batchLosses;
    if (options.validation) {
      const measured = evaluate(model, options.validation, {
        layout: options.layout,
        loss: lossName,
        encoding: options.encoding,
      });
      log.val_loss = measured.loss;
      log.val_accuracy = measured.accuracy;
    }
    log.learning_rate = learningRateOf(optimizer);
    log.seconds = (performance.now() - started) / 1000;
    history.push(log);
    progress?.epochEnd(log);
    let stop = false;
    for (const callback of options.callbacks ?? []) {
      if ((await callback(log, model)) === "stop") stop = true;
    }
    if (stop) break;
  }
  return history;
}

/** One optimizer step on a batch; returns its loss and correct count as scalars to dispose. */
type Step = (x: tf.Tensor, y: tf.Tensor) => BatchLoss | Promise<BatchLoss>;

function localStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  lossName: LossName,
  x: tf.Tensor,
  y: tf.Tensor,
): BatchLoss {
  return tf.tidy(() => {
    let correct: tf.Scalar | undefined;
    const loss = optimizer.minimize(() => {
      const measured = batchLoss(model, x, y, lossName);
      correct = measured.correct;
      return measured.loss;
    }, true) as tf.Scalar;
    return { loss, correct: correct! };
  });
}

async function trainEpoch(
  train: Digits,
  options: FitOptions,
  lossName: LossName,
  steps: number,
  epoch: number,
  takeStep: Step,
): Promise<{ loss: number; accuracy: number; batchLosses?: number[] }> {
  const { batchSize, rng, progress } = options;
  const count = train.count;
  const order = shuffledIndices(count, rng.next);
  const labels = labelEncodingFor(lossName);
  let lossSum: tf.Scalar = tf.scalar(0);
  let correct: tf.Scalar = tf.scalar(0);
  const kept: tf.Scalar[] | undefined = options.batchLosses ? [] : undefined;
  let lastRefresh = performance.now();
  for (let step = 0; step < steps; step++) {
    const start = step * batchSize;
    const size = Math.min(batchSize, count - start);
    const batch = tf.tidy(() => {
      const raw = toTensors(
        train,
        options.layout,
        order.subarray(start, start + size),
        labels,
        options.encoding,
      );
      return { x: options.augment ? options.augment(raw.x) : raw.x, y: raw.y };
    });
    const measured = await takeStep(batch.x, batch.y);
    const previous = [lossSum, correct];
    lossSum = tf.tidy(() => lossSum.add(measured.loss.mul(size)));
    correct = tf.tidy(() => correct.add(measured.correct));
    tf.dispose([...previous, batch.x, batch.y, measured.correct]);
    if (kept) kept.push(measured.loss);
    else measured.loss.dispose();
    const now = performance.now();
    if (now - lastRefresh >= REFRESH_MS) {
      lastRefresh = now;
      // A turn of the event loop, so Ctrl-C (the lesson's signal listener) is heard mid-epoch.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (progress?.live && lastRefresh === now) {
      const seen = Math.min(count, (step + 1) * batchSize);
      const [loss, right] = await Promise.all([lossSum.data(), correct.data()]);
      progress.update(step + 1, { loss: loss[0] / seen, accuracy: right[0] / seen });
    }
  }
  const [loss, right] = await Promise.all([lossSum.data(), correct.data()]);
  tf.dispose([lossSum, correct]);
  const batchLosses = kept ? await readAll(kept) : undefined;
  if (!Number.isFinite(loss[0])) {
    throw new Error(
      `training diverged in epoch ${epoch}: the loss became ${
        loss[0]
      }; try a smaller learning rate`,
    );
  }
  return { loss: loss[0] / count, accuracy: right[0] / count, batchLosses };
}

/** The values of `scalars`, read back in one transfer; disposes them. */
async function readAll(scalars: tf.Scalar[]): Promise<number[]> {
  if (scalars.length === 0) return [];
  const stacked = tf.stack(scalars);
  tf.dispose(scalars);
  const values = Array.from(await stacked.data());
  stacked.dispose();
  return values;
}

function learningRateOf(optimizer: tf.Optimizer): number | undefined {
  const rate = (optimizer as unknown as { learningRate?: unknown }).learningRate;
  return typeof rate === "number" ? rate : undefined;
}
