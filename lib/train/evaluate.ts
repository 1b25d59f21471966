/**
 * Measuring a model: loss and accuracy on a set of digits, predicted probabilities and labels,
 * and the confusion matrix. Work is done in batches so 10,000 test images never need one
 * giant tensor.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { Digits } from "../data/digits.ts";
import { type Encoding, type ImageLayout, toTensors } from "../data/prepare.ts";
import { countCorrect, labelEncodingFor, lossFunction, type LossName } from "./loss.ts";

/** Loss and accuracy of a model on a data set. */
export interface Evaluation {
  /** Mean loss per example. */
  loss: number;
  /** Fraction classified correctly. */
  accuracy: number;
}

/** How to feed a model: the image layout it takes and the loss it was trained with. */
export interface FeedOptions {
  /** `flat` for dense models, `image` for convolutional ones. */
  layout: ImageLayout;
  /** Loss to report (default `categoricalCrossentropy`). */
  loss?: LossName;
  /** How pixels and labels become inputs and targets (default: pixels / 255, one-hot). */
  encoding?: Encoding;
}

const EVAL_BATCH = 1000;

function* batchRanges(count: number): Generator<Int32Array> {
  for (let start = 0; start < count; start += EVAL_BATCH) {
    const size = Math.min(EVAL_BATCH, count - start);
    yield Int32Array.from({ length: size }, (_, i) => start + i);
  }
}

/**
 * Mean loss and accuracy of `model` on `digits`, in inference mode (no dropout).
 *
 * @example
 * ```ts
 * const { loss, accuracy } = evaluate(model, mnist.test, { layout: "flat" });
 * ```
 */
export function evaluate(model: tf.LayersModel, digits: Digits, options: FeedOptions): Evaluation {
  const lossName = options.loss ?? "categoricalCrossentropy";
  const lossOf = lossFunction(lossName);
  let lossSum = 0;
  let correct = 0;
  for (const indices of batchRanges(digits.count)) {
    const [batchLoss, batchCorrect] = tf.tidy(() => {
      const { x, y } = toTensors(
        digits,
        options.layout,
        indices,
        labelEncodingFor(lossName),
        options.encoding,
      );
      const predicted = model.predict(x) as tf.Tensor;
      return [tf.sum(lossOf(y, predicted)).dataSync()[0], countCorrect(y, predicted).dataSync()[0]];
    });
    lossSum += batchLoss;
    correct += batchCorrect;
  }
  return { loss: lossSum / digits.count, accuracy: correct / digits.count };
}

/** Predicted class probabilities for every digit, as `[N * classes]` row-major floats. */
export function predictProbabilities(
  model: tf.LayersModel,
  digits: Digits,
  layout: ImageLayout,
  encoding?: Encoding,
): Float32Array {
  const parts: Float32Array[] = [];
  for (const indices of batchRanges(digits.count)) {
    parts.push(
      tf.tidy(() =>
        (model.predict(toTensors(digits, layout, indices, "oneHot", encoding).x) as tf.Tensor)
          .dataSync() as Float32Array
      ),
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
export function confusionMatrix(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number,
): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) matrix[truth[i]][predicted[i]]++;
  return matrix;
}

/**
 * Row-major probabilities as one plain array per example, the form the exercises take.
 *
 * @example
 * ```ts
 * probabilityRows(new Float32Array([0.25, 0.75, 1, 0]), 2); // [[0.25, 0.75], [1, 0]]
 * ```
 */
export function probabilityRows(probabilities: Float32Array, classes: number): number[][] {
  return Array.from(
    { length: probabilities.length / classes },
    (_, row) => Array.from(probabilities.subarray(row * classes, (row + 1) * classes)),
  );
}

/**
 * Mean cross-entropy of probability rows against target rows, computed by the loss
 * {@linkcode evaluate} uses: the course's answer to exercise 1.4, on plain arrays.
 *
 * @example
 * ```ts
 * meanCrossEntropy([[0.5, 0.5]], [[1, 0]]); // 0.6931...
 * ```
 */
export function meanCrossEntropy(probabilities: number[][], targets: number[][]): number {
  return tf.tidy(() =>
    tf.mean(
      lossFunction("categoricalCrossentropy")(tf.tensor2d(targets), tf.tensor2d(probabilities)),
    )
      .dataSync()[0]
  );
}

/**
 * The fraction of rows whose largest probability is at the true label, computed as
 * {@linkcode evaluate} counts it: the course's answer to exercise 1.5, on plain arrays.
 *
 * @example
 * ```ts
 * fractionCorrect([[0.9, 0.1], [0.8, 0.2]], [0, 1]); // 0.5
 * ```
 */
export function fractionCorrect(probabilities: number[][], labels: number[]): number {
  return tf.tidy(() =>
    countCorrect(tf.tensor1d(labels, "int32"), tf.tensor2d(probabilities)).dataSync()[0] /
    labels.length
  );
}
