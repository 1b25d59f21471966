/**
 * Lesson 2 reference solutions: hidden layers by hand, then with TensorFlow.js.
 * Same exports as `exercises/02_hidden_layers.ts`; `tests/02_hidden_layers_test.ts` proves both.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/**
 * Exercise 2.1: the rectified linear unit, `max(0, z)`, of every value.
 *
 * @example
 * ```ts
 * relu([-2, 0, 3]); // [0, 0, 3]
 * ```
 */
export function relu(values: number[]): number[] {
  return values.map((z) => Math.max(0, z));
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
  return values.map((z) => (z > 0 ? 1 : 0));
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
  return bias.map((b, j) => input.reduce((sum, x, i) => sum + x * kernel[i][j], b));
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
  let total = 0;
  for (let i = 1; i < sizes.length; i++) total += sizes[i - 1] * sizes[i] + sizes[i];
  return total;
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
  const model = tf.sequential();
  hidden.forEach((units, i) =>
    model.add(tf.layers.dense({
      ...(i === 0 ? { inputShape: [784] } : {}),
      units,
      activation: "relu",
    }))
  );
  model.add(tf.layers.dense({
    ...(hidden.length === 0 ? { inputShape: [784] } : {}),
    units: 10,
    activation: "softmax",
  }));
  return model;
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
  const { w1, b1, w2, b2 } = weights;
  const zeros = (rows: number, cols: number) =>
    Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  const gradients: OneHiddenLayer = {
    w1: zeros(w1.length, b1.length),
    b1: new Array<number>(b1.length).fill(0),
    w2: zeros(w2.length, b2.length),
    b2: new Array<number>(b2.length).fill(0),
  };
  const rows = inputs.length;
  let loss = 0;
  inputs.forEach((x, n) => {
    const z1 = denseForward(x, w1, b1);
    const h = relu(z1);
    const z2 = denseForward(h, w2, b2);
    const largest = Math.max(...z2);
    const exps = z2.map((z) => Math.exp(z - largest));
    const total = exps.reduce((a, b) => a + b, 0);
    const p = exps.map((e) => e / total);
    loss -= targets[n].reduce((sum, t, k) => sum + t * Math.log(p[k]), 0) / rows;
    const dz2 = p.map((pk, k) => (pk - targets[n][k]) / rows);
    dz2.forEach((d, k) => {
      gradients.b2[k] += d;
      h.forEach((hj, j) => (gradients.w2[j][k] += hj * d));
    });
    const gate = reluDerivative(z1);
    const dz1 = h.map((_, j) => gate[j] * dz2.reduce((sum, d, k) => sum + d * w2[j][k], 0));
    dz1.forEach((d, j) => {
      gradients.b1[j] += d;
      x.forEach((xi, i) => (gradients.w1[i][j] += xi * d));
    });
  });
  return { loss, gradients };
}
