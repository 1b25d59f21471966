/**
 * The course's reference architectures, one builder each, so that lessons, the benchmark and
 * any other tool train exactly the same networks. Dense models take flat `[N, 784]` inputs,
 * convolutional ones `[N, 28, 28, 1]` images; every model ends in a 10-way softmax.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { CLASSES } from "../data/digits.ts";
import { denseNetwork } from "./dense_network.ts";

/**
 * Softmax regression (lesson 1): one dense layer, 784 x 10 weights + 10 biases = 7,850
 * parameters.
 *
 * @example
 * ```ts
 * softmaxRegression().countParams(); // 7850
 * ```
 */
export function softmaxRegression(): tf.Sequential {
  return denseNetwork({ hidden: [], name: "softmax_regression" });
}

/**
 * A multi-layer perceptron: two hidden ReLU layers of `units` each, both followed by dropout
 * at `dropout`, then a softmax layer. `units` 128 gives 118,282 parameters, 512 gives 669,706.
 *
 * @example
 * ```ts
 * mlp(128, 0.2).countParams(); // 118282
 * ```
 */
export function mlp(units: number, dropout: number): tf.Sequential {
  return denseNetwork({ hidden: [units, units], dropout, name: `mlp_${units}` });
}

/**
 * Lesson 7's CNN (Keras's mnist_cnn): `Conv2D(32, 3x3, relu)`, `Conv2D(64, 3x3, relu)`,
 * `MaxPooling2D(2x2)`, `Dropout(0.25)`, `Flatten`, `Dense(128, relu)`, `Dropout(0.5)`,
 * `Dense(10, softmax)`: 1,199,882 parameters. Its layers are named as Keras names them, so
 * its summary reads like the article's.
 *
 * @example
 * ```ts
 * simpleCnn().countParams(); // 1199882
 * ```
 */
export function simpleCnn(): tf.Sequential {
  return tf.sequential({
    name: "cnn",
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 32,
        kernelSize: 3,
        activation: "relu",
        name: "conv2d",
      }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: "relu", name: "conv2d_1" }),
      tf.layers.maxPooling2d({ poolSize: 2, name: "max_pooling2d" }),
      tf.layers.dropout({ rate: 0.25, name: "dropout" }),
      tf.layers.flatten({ name: "flatten" }),
      tf.layers.dense({ units: 128, activation: "relu", name: "dense" }),
      tf.layers.dropout({ rate: 0.5, name: "dropout_1" }),
      tf.layers.dense({ units: CLASSES, activation: "softmax", name: "dense_1" }),
    ],
  });
}

/**
 * Lesson 8's modern CNN: three `same`-padded 3x3 convolutions (64, 128, 192 filters), the
 * first two with batch normalisation, each followed by ReLU and 2x2 max-pooling; then
 * `Dense(256)` with batch normalisation, ReLU and `Dropout(0.3)`, and a softmax layer:
 * 742,858 parameters. `batchNormMomentum` (Keras's default 0.99) sets how slowly the BatchNorm
 * layers' moving mean and variance follow the batches; a short run needs a smaller one.
 *
 * @example
 * ```ts
 * modernCnn().countParams(); // 742858
 * ```
 */
export function modernCnn(options: { batchNormMomentum?: number } = {}): tf.Sequential {
  const momentum = options.batchNormMomentum ?? 0.99;
  const block = (filters: number, normalise: boolean, first = false): tf.layers.Layer[] => [
    tf.layers.conv2d({
      ...(first ? { inputShape: [28, 28, 1] } : {}),
      filters,
      kernelSize: 3,
      padding: "same",
    }),
    ...(normalise ? [tf.layers.batchNormalization({ momentum })] : []),
    tf.layers.activation({ activation: "relu" }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
  ];
  return tf.sequential({
    name: "modern_cnn",
    layers: [
      ...block(64, true, true),
      ...block(128, true),
      ...block(192, false),
      tf.layers.flatten(),
      tf.layers.dense({ units: 256 }),
      tf.layers.batchNormalization({ momentum }),
      tf.layers.activation({ activation: "relu" }),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: CLASSES, activation: "softmax" }),
    ],
  });
}
