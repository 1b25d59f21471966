/**
 * Lesson 8 solutions: the augmentation matrix, the reduce-on-plateau rule, BatchNorm at
 * inference and BatchNorm's parameter count.
 *
 * @module
 */
import type { Affine } from "@lib/data/augment.ts";
import type { PlateauOptions } from "@lib/train/reduce_lr.ts";

/** One image's transform: rotation in degrees, zoom factor and shifts in pixels. */
export type { Affine } from "@lib/data/augment.ts";

/**
 * Exercise 8.1: the 8 numbers `tf.image.transform` takes to rotate, zoom and shift a
 * `size` x `size` image about its centre `c = (size - 1) / 2`. They map each OUTPUT pixel
 * (x, y) back to the input point it samples: `x_in = a0 x + a1 y + a2`,
 * `y_in = b0 x + b1 y + b2`; the last two numbers are 0.
 *
 * @example
 * ```ts
 * augmentationMatrix({ degrees: 0, zoom: 1, shiftX: 2, shiftY: 0 }, 28);
 * // [1, 0, -2, 0, 1, 0, 0, 0]
 * ```
 */
export function augmentationMatrix(affine: Affine, size: number): number[] {
  const centre = (size - 1) / 2;
  const angle = (affine.degrees * Math.PI) / 180;
  const cos = Math.cos(angle) / affine.zoom;
  const sin = Math.sin(angle) / affine.zoom;
  const fromX = centre + affine.shiftX;
  const fromY = centre + affine.shiftY;
  return [
    cos,
    -sin,
    centre - cos * fromX + sin * fromY,
    sin,
    cos,
    centre - sin * fromX - cos * fromY,
    0,
    0,
  ];
}

/** The reduce-on-plateau settings: factor, patience, minLearningRate, minDelta (1e-4). */
export type { PlateauOptions } from "@lib/train/reduce_lr.ts";

/**
 * Exercise 8.2: the learning rate in force after each epoch under Keras's
 * `ReduceLROnPlateau`, given the validation loss of every epoch so far. An epoch improves when
 * its loss is below the best so far by more than `minDelta`; after `patience` epochs without
 * improvement the rate is multiplied by `factor` (never below `minLearningRate`) and the wait
 * starts again.
 *
 * @example
 * ```ts
 * plateauRates([1, 0.9, 0.95, 0.95], 0.1, { factor: 0.5, patience: 2, minLearningRate: 0.01 });
 * // [0.1, 0.1, 0.1, 0.05]
 * ```
 */
export function plateauRates(
  valLosses: number[],
  initialRate: number,
  options: PlateauOptions,
): number[] {
  const minDelta = options.minDelta ?? 1e-4;
  const rates: number[] = [];
  let rate = initialRate;
  let best = Infinity;
  let waited = 0;
  for (const loss of valLosses) {
    if (loss < best - minDelta) {
      best = loss;
      waited = 0;
    } else {
      waited += 1;
      if (waited >= options.patience) {
        rate = Math.max(rate * options.factor, options.minLearningRate);
        waited = 0;
      }
    }
    rates.push(rate);
  }
  return rates;
}

/** A BatchNorm layer's four vectors, one number per channel. */
export interface BatchNormWeights {
  /** Learned scale. */
  gamma: number[];
  /** Learned shift. */
  beta: number[];
  /** Running mean of each channel, gathered during training. */
  movingMean: number[];
  /** Running variance of each channel, gathered during training. */
  movingVariance: number[];
}

/**
 * Exercise 8.3: BatchNorm at inference on rows of channel values:
 * `gamma * (x - movingMean) / sqrt(movingVariance + epsilon) + beta`, channel by channel.
 *
 * @example
 * ```ts
 * batchNormInference([[3]], { gamma: [2], beta: [1], movingMean: [1], movingVariance: [4] }, 0);
 * // [[3]]  (2 * (3 - 1) / 2 + 1)
 * ```
 */
export function batchNormInference(
  rows: number[][],
  weights: BatchNormWeights,
  epsilon = 0.001,
): number[][] {
  const { gamma, beta, movingMean, movingVariance } = weights;
  return rows.map((row) =>
    row.map((x, c) =>
      gamma[c] * (x - movingMean[c]) / Math.sqrt(movingVariance[c] + epsilon) + beta[c]
    )
  );
}

/**
 * Exercise 8.4: a BatchNorm layer's parameters over `channels` channels: gamma and beta are
 * trained; the moving mean and variance are not (they are averaged, not learned).
 *
 * @example
 * ```ts
 * batchNormParameters(64); // { trainable: 128, nonTrainable: 128 }
 * ```
 */
export function batchNormParameters(channels: number): { trainable: number; nonTrainable: number } {
  return { trainable: 2 * channels, nonTrainable: 2 * channels };
}
