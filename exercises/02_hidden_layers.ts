// The stubs below do not use their parameters yet; your code will.
// deno-lint-ignore-file no-unused-vars
/**
 * Lesson 2 exercises: hidden layers by hand, then with TensorFlow.js.
 *
 * Replace each `todo(...)` with your code, then run `deno task check 2`: it runs
 * `tests/02_hidden_layers_test.ts` against this file and tells you what to do next.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { todo } from "@lib/exercise/todo.ts";

/**
 * Exercise 2.1: the rectified linear unit, `max(0, z)`, of every value.
 *
 * @example
 * ```ts
 * relu([-2, 0, 3]); // [0, 0, 3]
 * ```
 */
export function relu(values: number[]): number[] {
  // TODO: max(0, z) for every value, in a new array.
  // 待办：对每个值取 max(0, z)，放进一个新数组。
  return todo("2.1", {
    en: "return max(0, z) for every value",
    zh: "对每个值返回 max(0, z)",
  });
}

/**
 * Exercise 2.2: the derivative of ReLU at every value: 1 where `z > 0`, else 0 (at exactly 0
 * we take 0, as TensorFlow does).
 *
 * @example
 * ```ts
 * reluDerivative([-2, 0, 3]); // [0, 0, 1]
 * ```
 */
export function reluDerivative(values: number[]): number[] {
  // TODO: 1 where the value is above 0, otherwise 0.
  // 待办：值大于 0 处为 1，否则为 0。
  return todo("2.2", {
    en: "return 1 where z > 0 and 0 elsewhere",
    zh: "z > 0 处返回 1，其余返回 0",
  });
}

/**
 * Exercise 2.3: a dense layer's forward pass for one input (before the activation):
 * `output[j] = sum_i input[i] * kernel[i][j] + bias[j]`. The kernel has one row per input
 * and one column per unit, as Keras and TensorFlow.js store it.
 *
 * @example
 * ```ts
 * denseForward([1, 2], [[1, 0, 1], [0, 1, 1]], [0, 0, 10]); // [1, 2, 13]
 * ```
 */
export function denseForward(input: number[], kernel: number[][], bias: number[]): number[] {
  // TODO: for each unit j, bias[j] plus the sum over i of input[i] * kernel[i][j].
  // 待办：对每个单元 j：bias[j] 加上对 i 求和的 input[i] * kernel[i][j]。
  return todo("2.3", {
    en: "compute bias[j] + sum_i input[i] * kernel[i][j] for every unit j",
    zh: "对每个单元 j 计算 bias[j] + sum_i input[i] * kernel[i][j]",
  });
}

/**
 * Exercise 2.4: the number of parameters of a stack of dense layers given its sizes, input
 * first: each layer from `n` to `m` units has `n * m` weights and `m` biases.
 *
 * @example
 * ```ts
 * countDenseParameters([784, 10]); // 7850
 * countDenseParameters([784, 128, 128, 10]); // 118282
 * ```
 */
export function countDenseParameters(sizes: number[]): number {
  // TODO: add n * m + m for every pair of neighbouring sizes n, m.
  // 待办：每一对相邻的尺寸 n、m，累加 n * m + m。
  return todo("2.4", {
    en: "add n * m weights + m biases for each layer",
    zh: "每一层加上 n * m 个权重和 m 个偏置",
  });
}

/**
 * Exercise 2.5: a model for flattened MNIST digits: one ReLU `Dense` layer per entry of
 * `hidden` (its number of units), then a `Dense(10)` softmax output.
 *
 * @example
 * ```ts
 * buildDenseModel([128, 128]).countParams(); // 118282
 * ```
 */
export function buildDenseModel(hidden: number[]): tf.Sequential {
  // TODO: tf.sequential; a relu tf.layers.dense per hidden size (the first with inputShape
  // [784]); then a 10-unit softmax dense layer.
  // 待办：tf.sequential；每个隐藏层尺寸一个 relu 的 tf.layers.dense（第一个带 inputShape [784]）；最后是 10 个单元的 softmax 全连接层。
  return todo("2.5", {
    en: "stack relu dense layers of the given sizes, then a softmax",
    zh: "按给定大小堆叠 relu 全连接层，最后接一个 softmax 层",
  });
}

/** The weights of a network with one hidden layer (kernels are `[inputs][units]`). */
export interface OneHiddenLayer {
  /** Input-to-hidden kernel, `[inputs][hidden]`. */
  w1: number[][];
  /** Hidden biases, `[hidden]`. */
  b1: number[];
  /** Hidden-to-output kernel, `[hidden][classes]`. */
  w2: number[][];
  /** Output biases, `[classes]`. */
  b2: number[];
}

/** The loss of a batch and its gradient with respect to every weight. */
export interface LossAndGradients {
  /** Mean cross-entropy over the batch. */
  loss: number;
  /** d loss / d weight, same shapes as the weights. */
  gradients: OneHiddenLayer;
}

/**
 * Exercise 2.6: backpropagation by hand for `softmax(relu(x W1 + b1) W2 + b2)` with the mean
 * categorical cross-entropy over the batch. Forward: keep `z1`, `h = relu(z1)` and the
 * probabilities `p`. Backward, per row: `dz2 = (p - target) / rows`; `dW2 += h^T dz2`,
 * `db2 += dz2`; `dh = dz2 W2^T`; `dz1 = dh * relu'(z1)`; `dW1 += x^T dz1`, `db1 += dz1`.
 *
 * @example
 * ```ts
 * const { loss, gradients } = backpropagate(weights, [[0.5, -1]], [[0, 1]]);
 * ```
 */
export function backpropagate(
  weights: OneHiddenLayer,
  inputs: number[][],
  targets: number[][],
): LossAndGradients {
  // TODO: forward pass per row (z1, h = relu(z1), p = softmax(h W2 + b2)), accumulate the
  // loss, then the backward pass from dz2 = (p - target) / rows, as described above.
  // 待办：逐行做前向传播（z1，h = relu(z1)，p = softmax(h W2 + b2)）并累加损失，再按上文从 dz2 = (p - target) / rows 开始反向传播。
  return todo("2.6", {
    en: "return the mean cross-entropy and its gradient for every weight",
    zh: "返回平均交叉熵，以及它对每个权重的梯度",
  });
}
