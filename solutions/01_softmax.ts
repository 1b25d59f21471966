/**
 * Lesson 1 reference solutions: softmax regression by hand, then with TensorFlow.js.
 * Same exports as `exercises/01_softmax.ts`; `tests/01_softmax_test.ts` proves both.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/**
 * Exercise 1.1: scale pixel intensities from 0-255 to 0-1.
 *
 * @example
 * ```ts
 * scalePixels([0, 51, 255]); // [0, 0.2, 1]
 * ```
 */
export function scalePixels(pixels: number[]): number[] {
  return pixels.map((pixel) => pixel / 255);
}

/**
 * Exercise 1.2: one-hot encode labels: for each label a row of `classes` zeros with a 1 at
 * the label's position.
 *
 * @example
 * ```ts
 * oneHot([2, 0], 3); // [[0, 0, 1], [1, 0, 0]]
 * ```
 */
export function oneHot(labels: number[], classes: number): number[][] {
  return labels.map((label) => Array.from({ length: classes }, (_, i) => (i === label ? 1 : 0)));
}

/**
 * Exercise 1.3: softmax of one row of scores (logits), numerically stable: subtract the
 * largest score before exponentiating, which leaves the result unchanged but keeps `exp` from
 * overflowing for scores like 1000.
 *
 * @example
 * ```ts
 * softmax([1, 1]); // [0.5, 0.5]
 * ```
 */
export function softmax(logits: number[]): number[] {
  const largest = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - largest));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}

/** The smallest probability `crossEntropy` takes the log of (Keras's epsilon). */
export const EPSILON = 1e-7;

/**
 * Exercise 1.4: mean categorical cross-entropy of predicted probabilities against one-hot
 * targets: the average over rows of `-sum(target * log(p))`, with each probability clipped to
 * `[EPSILON, 1 - EPSILON]` so that `log(0)` never happens.
 *
 * @example
 * ```ts
 * crossEntropy([[0.5, 0.5]], [[1, 0]]); // 0.693... (= -log 0.5)
 * ```
 */
export function crossEntropy(probabilities: number[][], targets: number[][]): number {
  let total = 0;
  probabilities.forEach((row, i) => {
    row.forEach((p, c) => {
      const clipped = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
      total -= targets[i][c] * Math.log(clipped);
    });
  });
  return total / probabilities.length;
}

/**
 * Exercise 1.5: accuracy: the fraction of rows whose most probable class is the true label.
 *
 * @example
 * ```ts
 * accuracy([[0.9, 0.1], [0.3, 0.7]], [0, 0]); // 0.5
 * ```
 */
export function accuracy(probabilities: number[][], labels: number[]): number {
  const correct = probabilities.filter((row, i) => row.indexOf(Math.max(...row)) === labels[i]);
  return correct.length / probabilities.length;
}

/**
 * Exercise 1.6: the softmax regression model: one `Dense` layer of 10 units with a softmax
 * activation on the 784 flattened pixels, 784 * 10 weights + 10 biases = 7,850 parameters.
 *
 * @example
 * ```ts
 * buildSoftmaxModel().countParams(); // 7850
 * ```
 */
export function buildSoftmaxModel(): tf.Sequential {
  return tf.sequential({
    name: "softmax_regression",
    layers: [
      tf.layers.dense({ inputShape: [784], units: 10, activation: "softmax", name: "dense" }),
    ],
  });
}
