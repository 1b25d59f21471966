/**
 * Measuring a trained model: loss and accuracy on a data set, predicted probabilities and
 * labels, computed in batches so 10,000 test images never need one giant tensor.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { TensorBatch } from "../data/prepare.ts";

/** The losses the course trains with: on one-hot labels, or on integer labels. */
export type LossName = "categoricalCrossentropy" | "sparseCategoricalCrossentropy";

/**
 * The per-example loss function for `name`, computed from probabilities as Keras does. The
 * sparse form takes integer labels and one-hot encodes them on the fly.
 */
export function lossFunction(name: LossName): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor {
  if (name === "categoricalCrossentropy") return tf.metrics.categoricalCrossentropy;
  return (labels, yPred) =>
    tf.metrics.categoricalCrossentropy(
      tf.oneHot(labels.toInt() as tf.Tensor1D, yPred.shape[1]!),
      yPred,
    );
}

/** Loss and accuracy of a model on a data set. */
export interface Evaluation {
  /** Mean loss per example. */
  loss: number;
  /** Fraction classified correctly. */
  accuracy: number;
}

const EVAL_BATCH = 1000;

/**
 * Number of rows where the predicted class (largest output) equals the true class. `yTrue`
 * holds one-hot rows or, for sparse losses, integer labels.
 */
export function countCorrect(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const truth = yTrue.rank === 1 ? yTrue : tf.argMax(yTrue, -1);
    return tf.sum(tf.cast(tf.equal(truth.toInt(), tf.argMax(yPred, -1)), "float32")) as tf.Scalar;
  });
}

/**
 * Mean loss and accuracy of `model` on `data`, in inference mode (no dropout).
 *
 * @example
 * ```ts
 * const { loss, accuracy } = evaluate(model, toTensors(mnist.test, "flat"));
 * ```
 */
export function evaluate(
  model: tf.LayersModel,
  data: TensorBatch,
  options: { loss?: LossName } = {},
): Evaluation {
  const lossOf = lossFunction(options.loss ?? "categoricalCrossentropy");
  const count = data.x.shape[0];
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < count; start += EVAL_BATCH) {
    const size = Math.min(EVAL_BATCH, count - start);
    const [batchLoss, batchCorrect] = tf.tidy(() => {
      const predicted = model.predict(data.x.slice(start, size)) as tf.Tensor;
      const truth = data.y.slice(start, size);
      const right = countCorrect(truth, predicted);
      return [tf.sum(lossOf(truth, predicted)).dataSync()[0], right.dataSync()[0]];
    });
    lossSum += batchLoss;
    correct += batchCorrect;
  }
  return { loss: lossSum / count, accuracy: correct / count };
}

/** Predicted class probabilities for every row of `x`, as `[N * classes]` row-major floats. */
export function predictProbabilities(model: tf.LayersModel, x: tf.Tensor): Float32Array {
  const count = x.shape[0];
  const parts: Float32Array[] = [];
  for (let start = 0; start < count; start += EVAL_BATCH) {
    const size = Math.min(EVAL_BATCH, count - start);
    parts.push(
      tf.tidy(() => (model.predict(x.slice(start, size)) as tf.Tensor).dataSync() as Float32Array),
    );
  }
  const all = new Float32Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

/**
 * The most probable class of each row of row-major probabilities.
 *
 * @example
 * ```ts
 * argMaxRows(new Float32Array([0.1, 0.9, 0.8, 0.2]), 2); // Uint8Array [1, 0]
 * ```
 */
export function argMaxRows(probabilities: Float32Array, classes: number): Uint8Array {
  const rows = probabilities.length / classes;
  const labels = new Uint8Array(rows);
  for (let row = 0; row < rows; row++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (probabilities[row * classes + c] > probabilities[row * classes + best]) best = c;
    }
    labels[row] = best;
  }
  return labels;
}

/**
 * Counts of (true label, predicted label) pairs: `matrix[truth][predicted]`. The diagonal holds
 * the correct predictions.
 *
 * @example
 * ```ts
 * confusionMatrix([0, 1, 1], [0, 1, 0], 2); // [[1, 0], [1, 1]]
 * ```
 */
export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) matrix[truth[i]][predicted[i]]++;
  return matrix;
}
