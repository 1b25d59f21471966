/**
 * Lesson 3 reference solutions: dropout by hand, the dropout model, and reading a history.
 * Same exports as `exercises/03_dropout.ts`; `tests/03_dropout_test.ts` proves both.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/**
 * Exercise 3.1: an inverted-dropout mask of `size` entries. Each entry draws one number from
 * `random`: below `rate` it is dropped (0), otherwise kept and scaled by `1 / (1 - rate)`, so
 * the mask's mean is 1 on average.
 *
 * @example
 * ```ts
 * dropoutMask(4, 0.5, createRng(1).next); // e.g. [2, 0, 0, 2]
 * ```
 */
export function dropoutMask(size: number, rate: number, random: () => number): number[] {
  const scale = 1 / (1 - rate);
  return Array.from({ length: size }, () => (random() < rate ? 0 : scale));
}

/**
 * Exercise 3.2: dropout applied to a layer's outputs. While training, multiply every value by
 * its entry of a {@linkcode dropoutMask}; at inference return the values unchanged (a copy).
 *
 * @example
 * ```ts
 * applyDropout([1, 2, 3], 0.5, createRng(1).next, false); // [1, 2, 3]
 * ```
 */
export function applyDropout(
  values: number[],
  rate: number,
  random: () => number,
  training: boolean,
): number[] {
  if (!training) return [...values];
  const mask = dropoutMask(values.length, rate, random);
  return values.map((value, i) => value * mask[i]);
}

/**
 * Exercise 3.3: the article's dropout network: `Dense(128, relu)`, `Dropout(rate)`,
 * `Dense(128, relu)`, `Dropout(rate)`, `Dense(10, softmax)` on 784 flattened pixels.
 *
 * @example
 * ```ts
 * buildDropoutModel(0.3).countParams(); // 118282, the same as without dropout
 * ```
 */
export function buildDropoutModel(rate = 0.3): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: "relu" }),
      tf.layers.dropout({ rate }),
      tf.layers.dense({ units: 128, activation: "relu" }),
      tf.layers.dropout({ rate }),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
}

/** One epoch of a history: training and validation accuracy. */
export interface AccuracyLog {
  /** Training accuracy during the epoch. */
  accuracy: number;
  /** Validation accuracy after the epoch. */
  val_accuracy: number;
}

/** What a training run's last epoch says. */
export type Diagnosis = "overfitting" | "underfitting" | "good fit";

/**
 * Exercise 3.4: reads the last epoch of a history. Training accuracy below validation
 * accuracy: `"underfitting"` (the network is still learning; more epochs help). Training
 * accuracy above validation accuracy by more than `tolerance`: `"overfitting"` (it memorises).
 * Otherwise `"good fit"`.
 *
 * @example
 * ```ts
 * diagnoseFit([{ accuracy: 0.99, val_accuracy: 0.95 }]); // "overfitting"
 * ```
 */
export function diagnoseFit(history: AccuracyLog[], tolerance = 0.02): Diagnosis {
  const last = history[history.length - 1];
  const gap = last.accuracy - last.val_accuracy;
  if (gap < 0) return "underfitting";
  return gap > tolerance ? "overfitting" : "good fit";
}
