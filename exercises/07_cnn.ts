// The stubs below do not use their parameters yet; your code will.
// deno-lint-ignore-file no-unused-vars
/**
 * Lesson 7 exercises: the article's CNN, a confusion matrix and the most confident mistakes.
 *
 * Replace each `todo(...)` with your code, then run `deno task check 7`: it runs
 * `tests/07_cnn_test.ts` against this file and tells you what to do next.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import { todo } from "@lib/exercise/todo.ts";

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
  // TODO: tf.sequential with the eight layers above, in that order; the first one gets
  // inputShape [28, 28, 1].
  // 待办：tf.sequential，按顺序放上面的八层；第一层带 inputShape [28, 28, 1]。
  return todo("7.1", {
    en: "a tf.sequential model with the article's eight layers",
    zh: "一个 tf.sequential 模型，包含文章里的八层",
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
  // TODO: a classes x classes grid of zeros; add 1 at [labels[i]][predicted[i]] for every i.
  // 待办：一个 classes x classes 的全零网格；对每个 i 在 [labels[i]][predicted[i]] 处加 1。
  return todo("7.2", {
    en: "count each (true label, predicted label) pair",
    zh: "统计每一对（真实标签，预测标签）出现的次数",
  });
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
  // TODO: collect the rows whose most probable class is not the label, sort them by
  // confidence (highest first), keep the first k.
  // 待办：收集最可能的类别不等于标签的行，按把握（从高到低）排序，保留前 k 个。
  return todo("7.3", {
    en: "the k wrong predictions with the highest confidence",
    zh: "把握最大的 k 个错误预测",
  });
}
