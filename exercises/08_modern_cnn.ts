// The stubs below do not use their parameters yet; your code will.
// deno-lint-ignore-file no-unused-vars
/**
 * Lesson 8 exercises: the augmentation matrix, the reduce-on-plateau rule, BatchNorm at
 * inference and BatchNorm's parameter count.
 *
 * Replace each `todo(...)` with your code, then run `deno task check 8`: it runs
 * `tests/08_modern_cnn_test.ts` against this file and tells you what to do next.
 *
 * @module
 */
import type { Affine } from "@lib/data/augment.ts";
import type { PlateauOptions } from "@lib/train/reduce_lr.ts";
import { todo } from "@lib/exercise/todo.ts";

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
 * augmentationMatrix({ degrees: 0, zoom: 1, shiftX: 2, shiftY: 0 }, 28); // [1, 0, -2, 0, 1, 0, 0, 0]
 * ```
 */
export function augmentationMatrix(affine: Affine, size: number): number[] {
  // TODO: centre c = (size - 1) / 2; cos and sin of the angle (in radians), divided by the
  // zoom; then the 8 numbers that send an output pixel back to the point it samples.
  // 待办：中心 c = (size - 1) / 2；角度（弧度）的 cos 和 sin 除以缩放倍数；再写出把输出像素送回其采样点的 8 个数。
  return todo("8.1", {
    en: "the 8 numbers of tf.image.transform for this affine",
    zh: "这个仿射变换对应的 tf.image.transform 的 8 个数",
  });
}

/** The reduce-on-plateau settings: factor, patience, minLearningRate, minDelta (1e-4). */
export type { PlateauOptions } from "@lib/train/reduce_lr.ts";

/**
 * Exercise 8.2: the learning rate in force after each epoch under Keras's
 * `ReduceLROnPlateau`, given the validation loss of every epoch so far.
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
  // TODO: walk the losses keeping the best loss and how many epochs you have waited; after
  // `patience` epochs without improvement multiply the rate by `factor` (not below the
  // minimum) and start waiting again. Return the rate after each epoch.
  // 待办：逐轮记住最好的损失和已等待的轮数；连续 `patience` 轮没有改善就把学习率乘以 `factor`（不低于最小值），然后重新等待。返回每一轮之后的学习率。
  return todo("8.2", {
    en: "the learning rate after each epoch under reduce-on-plateau",
    zh: "在平台期降低学习率的规则下，每轮之后的学习率",
  });
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
  // TODO: for every row and channel c: gamma[c] * (x - movingMean[c]) /
  // sqrt(movingVariance[c] + epsilon) + beta[c].
  // 待办：对每一行每个通道 c：gamma[c] * (x - movingMean[c]) / sqrt(movingVariance[c] + epsilon) + beta[c]。
  return todo("8.3", {
    en: "normalise each channel with the moving statistics",
    zh: "用滑动统计量对每个通道做归一化",
  });
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
  // TODO: which of gamma, beta, moving mean and moving variance are learned by gradients?
  // 待办：gamma、beta、滑动均值和滑动方差中，哪些是靠梯度学习的？
  return todo("8.4", {
    en: "count trainable and non-trainable BatchNorm weights",
    zh: "数出 BatchNorm 的可训练和不可训练权重",
  });
}
