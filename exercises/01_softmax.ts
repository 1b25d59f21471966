// The stubs below do not use their parameters yet; your code will.
// deno-lint-ignore-file no-unused-vars
/**
 * Lesson 1 exercises: softmax regression by hand, then with TensorFlow.js.
 *
 * Replace each `todo(...)` with your code, then run `deno task check 1`: it runs
 * `tests/01_softmax_test.ts` against this file and tells you what to do next.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { todo } from "@lib/exercise/todo.ts";

/**
 * Exercise 1.1: scale pixel intensities from 0-255 to 0-1.
 *
 * @example
 * ```ts
 * scalePixels([0, 51, 255]); // [0, 0.2, 1]
 * ```
 */
export function scalePixels(pixels: number[]): number[] {
  // TODO: return a new array with every pixel divided by 255.
  // 待办：返回一个新数组，每个像素都除以 255。
  return todo("1.1", {
    en: "return every pixel divided by 255",
    zh: "返回每个像素除以 255 的结果",
  });
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
  // TODO: one row per label: `classes` zeros, with a 1 at index `label`.
  // 待办：每个标签一行：`classes` 个 0，在下标 `label` 处放一个 1。
  return todo("1.2", {
    en: "build one row of zeros per label with a 1 at the label's index",
    zh: "每个标签一行全 0，在标签对应的下标处放一个 1",
  });
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
  // TODO: exp(logit - max) for every logit, divided by the sum of those exponentials.
  // 待办：每个得分取 exp(logit - max)，再除以这些指数之和。
  return todo("1.3", {
    en: "exponentiate (logit - largest logit), then divide by the sum",
    zh: "对 (logit - 最大的 logit) 取指数，再除以它们的和",
  });
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
  // TODO: sum -target * log(clipped p) over every row and column, then divide by the rows.
  // 待办：对每一行每一列累加 -target * log(裁剪后的 p)，再除以行数。
  return todo("1.4", {
    en: "average over rows of -sum(target * log(clip(p)))",
    zh: "对每一行求 -sum(target * log(clip(p)))，再对各行取平均",
  });
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
  // TODO: count the rows whose largest probability sits at index labels[row].
  // 待办：数一数最大概率恰好在下标 labels[row] 处的行。
  return todo("1.5", {
    en: "count rows whose most probable class equals the label",
    zh: "数一数最大概率的类别恰好等于标签的行",
  });
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
  // TODO: tf.sequential with one tf.layers.dense layer (inputShape [784], 10 units, softmax).
  // 待办：tf.sequential，里面一个 tf.layers.dense 层（inputShape [784]，10 个单元，softmax）。
  return todo("1.6", {
    en: "a tf.sequential model with one dense softmax layer of 10 units",
    zh: "一个 tf.sequential 模型，只有一个 10 个单元的 softmax 全连接层",
  });
}
