/**
 * A BatchNormalization layer on plain arrays: its four per-channel vectors read out of a tfjs
 * layer, what it computes at inference on rows of channel values (with tfjs's own
 * `tf.batchNorm`), and how many of its weights are trained. Lesson 8 checks one trained layer
 * with these, and they are the course's side of the lesson's BatchNorm exercises.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** A BatchNorm layer's four vectors, one number per channel, and its epsilon. */
export interface BatchNormValues {
  /** Learned scale. */
  gamma: number[];
  /** Learned shift. */
  beta: number[];
  /** Running mean of each channel, gathered during training. */
  movingMean: number[];
  /** Running variance of each channel, gathered during training. */
  movingVariance: number[];
  /** Added to the variance before its square root. */
  epsilon: number;
}

/**
 * The current values of a `tf.layers.batchNormalization` layer (built with its default
 * `scale` and `center`), read out as plain arrays.
 *
 * @example
 * ```ts
 * const layer = tf.layers.batchNormalization();
 * layer.build([null, 3]);
 * batchNormValues(layer).movingVariance; // [1, 1, 1]
 * ```
 */
export function batchNormValues(layer: tf.layers.Layer): BatchNormValues {
  const named = (suffix: string): number[] => {
    const weight = layer.weights.find((w) => w.originalName.endsWith(suffix));
    if (!weight) throw new Error(`${layer.name} has no ${suffix} weight: not a BatchNorm layer?`);
    return Array.from(weight.read().dataSync());
  };
  return {
    gamma: named("gamma"),
    beta: named("beta"),
    movingMean: named("moving_mean"),
    movingVariance: named("moving_variance"),
    epsilon: Number(layer.getConfig().epsilon ?? 1e-3),
  };
}

/**
 * BatchNorm at inference on rows of channel values, computed by `tf.batchNorm` as the layer
 * computes it: `gamma * (x - movingMean) / sqrt(movingVariance + epsilon) + beta`, channel by
 * channel (float32, as tfjs computes).
 *
 * @example
 * ```ts
 * batchNormRows([[3]], { gamma: [2], beta: [1], movingMean: [1], movingVariance: [4] }, 0);
 * // [[3]]
 * ```
 */
export function batchNormRows(
  rows: number[][],
  weights: Omit<BatchNormValues, "epsilon">,
  epsilon = 1e-3,
): number[][] {
  if (rows.length === 0) return [];
  const channels = rows[0].length;
  const normalised = tf.tidy(() =>
    tf.batchNorm(
      tf.tensor2d(rows, [rows.length, channels]),
      tf.tensor1d(weights.movingMean),
      tf.tensor1d(weights.movingVariance),
      tf.tensor1d(weights.beta),
      tf.tensor1d(weights.gamma),
      epsilon,
    ).dataSync()
  );
  return rows.map((_, row) =>
    Array.from(normalised.subarray(row * channels, (row + 1) * channels))
  );
}

/**
 * How many weights a `tf.layers.batchNormalization` layer over `channels` channels has, as tfjs
 * counts them once the layer is built: gamma and beta are trained, the moving mean and variance
 * are not.
 *
 * @example
 * ```ts
 * batchNormWeightCounts(64); // { trainable: 128, nonTrainable: 128 }
 * ```
 */
export function batchNormWeightCounts(
  channels: number,
): { trainable: number; nonTrainable: number } {
  const layer = tf.layers.batchNormalization();
  layer.build([null, channels]);
  const size = (weights: tf.LayerVariable[]) =>
    weights.reduce(
      (sum, weight) => sum + weight.shape.reduce((a: number, b) => a * (b ?? 1), 1),
      0,
    );
  const counts = {
    trainable: size(layer.trainableWeights),
    nonTrainable: size(layer.nonTrainableWeights),
  };
  layer.weights.forEach((weight) => weight.dispose());
  return counts;
}
