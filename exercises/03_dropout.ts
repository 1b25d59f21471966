// The stubs below do not use their parameters yet; your code will.
// deno-lint-ignore-file no-unused-vars
/**
 * Lesson 3 exercises: dropout by hand, the dropout model, and reading a history.
 *
 * Replace each `todo(...)` with your code, then run `deno task check 3`: it runs
 * `tests/03_dropout_test.ts` against this file and tells you what to do next.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { todo } from "@lib/exercise/todo.ts";

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
  // TODO: one entry per unit: 0 when random() < rate, otherwise 1 / (1 - rate).
  // 待办：每个单元一项：random() < rate 时为 0，否则为 1 / (1 - rate)。
  return todo("3.1", {
    en: "draw 0 with probability rate, else 1 / (1 - rate), per entry",
    zh: "逐个元素：以 rate 的概率取 0，否则取 1 / (1 - rate)",
  });
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
  // TODO: a copy of values at inference; values times a dropoutMask while training.
  // 待办：推理时返回 values 的副本；训练时返回 values 乘以一个 dropoutMask。
  return todo("3.2", {
    en: "multiply by a dropout mask when training, copy otherwise",
    zh: "训练时乘以 Dropout 掩码，否则原样复制",
  });
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
  // TODO: tf.sequential: dense 128 relu (inputShape [784]), dropout, dense 128 relu, dropout,
  // dense 10 softmax.
  // 待办：tf.sequential：dense 128 relu（inputShape [784]）、dropout、dense 128 relu、dropout、dense 10 softmax。
  return todo("3.3", {
    en: "the 2x128 relu network with a Dropout(rate) after each hidden layer",
    zh: "2x128 的 relu 网络，每个隐藏层之后接一个 Dropout(rate)",
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
  // TODO: compare the last epoch's training and validation accuracy.
  // 待办：比较最后一轮的训练准确率和验证准确率。
  return todo("3.4", {
    en: "compare the last epoch's accuracy with its val_accuracy",
    zh: "比较最后一轮的 accuracy 和它的 val_accuracy",
  });
}
