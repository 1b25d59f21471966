/**
 * Lesson 7 reference solutions: the article's CNN, a confusion matrix and the most confident
 * mistakes. Same exports as `exercises/07_cnn.ts`; `tests/07_cnn_test.ts` proves both.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/**
 * Exercise 7.1: the article's CNN on `[28, 28, 1]` images: `Conv2D(32, 3x3, relu)`,
 * `Conv2D(64, 3x3, relu)`, `MaxPooling2D(2x2)`, `Dropout(0.25)`, `Flatten`,
 * `Dense(128, relu)`, `Dropout(0.5)`, `Dense(10, softmax)`: 1,199,882 parameters.
 *
 * @example
 * ```ts
 * buildCnn().countParams(); // 1199882
 * ```
 */
export function buildCnn(): tf.Sequential {
  return tf.sequential({
    name: "cnn",
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: "relu" }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: "relu" }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.dropout({ rate: 0.25 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 128, activation: "relu" }),
      tf.layers.dropout({ rate: 0.5 }),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
}

/**
 * Exercise 7.2: the confusion matrix: `matrix[t][p]` counts the examples whose true label is
 * `t` and whose predicted label is `p`.
 *
 * @example
 * ```ts
 * confusionMatrix([0, 1, 1], [0, 1, 0], 2); // [[1, 0], [1, 1]]
 * ```
 */
export function confusionMatrix(
  labels: number[],
  predicted: number[],
  classes: number,
): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  labels.forEach((label, i) => matrix[label][predicted[i]]++);
  return matrix;
}

/** One wrong prediction: which example, its true label, what was predicted and how surely. */
export interface Mistake {
  /** Position of the example in the inputs. */
  index: number;
  /** The true label. */
  label: number;
  /** The predicted label (the most probable class). */
  predicted: number;
  /** The probability the model gave its (wrong) prediction. */
  confidence: number;
}

/**
 * Exercise 7.3: the `k` wrong predictions the model was most sure of, most confident first
 * (ties: lower index first). A prediction is the most probable class of a row.
 *
 * @example
 * ```ts
 * topMistakes([0, 1], [[0.2, 0.8], [0.1, 0.9]], 5);
 * // [{ index: 0, label: 0, predicted: 1, confidence: 0.8 }]
 * ```
 */
export function topMistakes(labels: number[], probabilities: number[][], k: number): Mistake[] {
  const mistakes: Mistake[] = [];
  probabilities.forEach((row, index) => {
    const confidence = Math.max(...row);
    const predicted = row.indexOf(confidence);
    if (predicted !== labels[index]) {
      mistakes.push({ index, label: labels[index], predicted, confidence });
    }
  });
  mistakes.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  return mistakes.slice(0, k);
}
