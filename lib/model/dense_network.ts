/**
 * The multi-layer perceptron of lessons 2 onwards: flattened pixels in, a stack of hidden
 * ReLU `Dense` layers (each optionally followed by `Dropout`), and a 10-way softmax out.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { CLASSES, PIXELS } from "../data/digits.ts";

/** The shape of a dense network. */
export interface DenseNetworkOptions {
  /** Units of each hidden layer, input side first; `[]` gives softmax regression. */
  hidden: number[];
  /** Dropout rate after each hidden layer (default 0: no dropout layers). */
  dropout?: number;
  /** Model name shown in the summary. */
  name?: string;
}

/**
 * Builds `784 -> hidden... (ReLU) -> 10 (softmax)`, layers named `hidden_1`, `dropout_1`, ...,
 * `output`. Weights are initialised from `Math.random`, which the run's seed controls.
 *
 * @example
 * ```ts
 * denseNetwork({ hidden: [128, 128], dropout: 0.3 }).countParams(); // 118282
 * ```
 */
export function denseNetwork(options: DenseNetworkOptions): tf.Sequential {
  const { hidden, dropout = 0 } = options;
  const model = tf.sequential({ name: options.name ?? `dense_${hidden.join("x") || "none"}` });
  hidden.forEach((units, i) => {
    model.add(tf.layers.dense({
      ...(i === 0 ? { inputShape: [PIXELS] } : {}),
      units,
      activation: "relu",
      name: `hidden_${i + 1}`,
    }));
    if (dropout > 0) model.add(tf.layers.dropout({ rate: dropout, name: `dropout_${i + 1}` }));
  });
  model.add(tf.layers.dense({
    ...(hidden.length === 0 ? { inputShape: [PIXELS] } : {}),
    units: CLASSES,
    activation: "softmax",
    name: "output",
  }));
  return model;
}
