// The stubs below do not use their parameters yet; your code will.
// deno-lint-ignore-file no-unused-vars require-await
/**
 * Lesson 4 exercises: the update rules of SGD, momentum, RMSprop and Adam written by hand on
 * plain arrays, each checked step by step against the TensorFlow.js optimizer, and a small
 * learning-rate sweep driver.
 *
 * Replace each `todo(...)` with your code, then run `deno task check 4`: it runs
 * `tests/04_optimizers_test.ts` against this file and tells you what to do next.
 *
 * @module
 */
import { todo } from "@lib/exercise/todo.ts";
import type { SweepResult } from "@lib/train/learning_rate_sweep.ts";

/**
 * Exercise 4.1: one step of plain gradient descent: every parameter moves against its
 * gradient, scaled by the learning rate: `p - learningRate * g`.
 *
 * @example
 * ```ts
 * sgdStep([1, 2], [0.5, -1], 0.1); // [0.95, 2.1]
 * ```
 */
export function sgdStep(params: number[], grads: number[], learningRate: number): number[] {
  // TODO: a new array: each parameter minus learningRate times its gradient.
  // 待办：返回新数组：每个参数减去 learningRate 乘以它的梯度。
  return todo("4.1", {
    en: "return p - learningRate * g for every parameter",
    zh: "对每个参数返回 p - learningRate * g",
  });
}

/** What momentum remembers between steps: one velocity per parameter. */
export interface MomentumState {
  /** Running sum of past gradients, each step's older part shrunk by `momentum`. */
  velocity: number[];
}

/**
 * Exercise 4.2: one step of SGD with momentum, as TensorFlow.js's `tf.train.momentum` does it:
 * `v = momentum * v + g`, then `p = p - learningRate * v`. Start from velocities of 0.
 *
 * @example
 * ```ts
 * momentumStep([1], [1], { velocity: [0] }, 0.1, 0.9); // { params: [0.9], state: { velocity: [1] } }
 * ```
 */
export function momentumStep(
  params: number[],
  grads: number[],
  state: MomentumState,
  learningRate: number,
  momentum: number,
): { params: number[]; state: MomentumState } {
  // TODO: new velocity v = momentum * v + g, then p - learningRate * v; return both.
  // 待办：新速度 v = momentum * v + g，然后 p - learningRate * v；两者都返回。
  return todo("4.2", {
    en: "update the velocity, then step each parameter by learningRate * velocity",
    zh: "先更新速度，再把每个参数移动 learningRate * velocity",
  });
}

/** What RMSprop remembers between steps: a running mean of each parameter's squared gradient. */
export interface RmspropState {
  /** Running mean of squared gradients. */
  meanSquare: number[];
}

/**
 * Exercise 4.3: one step of RMSprop, as TensorFlow.js's `tf.train.rmsprop` does it (no
 * momentum): `s = decay * s + (1 - decay) * g^2`, then `p = p - learningRate * g / sqrt(s +
 * epsilon)`. Each parameter's step is divided by the size of its recent gradients. Start from
 * mean squares of 0.
 *
 * @example
 * ```ts
 * rmspropStep([1], [2], { meanSquare: [0] }, 0.01, 0.9, 1e-7);
 * // s = 0.1 * 4 = 0.4; p = 1 - 0.01 * 2 / sqrt(0.4) = 0.96838...
 * ```
 */
export function rmspropStep(
  params: number[],
  grads: number[],
  state: RmspropState,
  learningRate: number,
  decay: number,
  epsilon: number,
): { params: number[]; state: RmspropState } {
  // TODO: new mean square s = decay * s + (1 - decay) * g^2, then p - learningRate * g / sqrt(s + epsilon).
  // 待办：新均方 s = decay * s + (1 - decay) * g^2，然后 p - learningRate * g / sqrt(s + epsilon)。
  return todo("4.3", {
    en: "update the mean squares, then divide each step by sqrt(meanSquare + epsilon)",
    zh: "先更新均方，再把每一步除以 sqrt(meanSquare + epsilon)",
  });
}

/** What Adam remembers between steps. */
export interface AdamState {
  /** Running mean of gradients (first moment). */
  m: number[];
  /** Running mean of squared gradients (second moment). */
  v: number[];
  /** Steps taken so far (0 before the first). */
  t: number;
}

/**
 * Exercise 4.4: one step of Adam with bias correction, as TensorFlow.js's `tf.train.adam`
 * does it: `t = t + 1`, `m = beta1 * m + (1 - beta1) * g`, `v = beta2 * v + (1 - beta2) *
 * g^2`, `mHat = m / (1 - beta1^t)`, `vHat = v / (1 - beta2^t)`, then `p = p - learningRate *
 * mHat / (sqrt(vHat) + epsilon)`. Start from `m` and `v` of 0 and `t` of 0.
 *
 * @example
 * ```ts
 * adamStep([1], [3], { m: [0], v: [0], t: 0 }, 0.1, 0.9, 0.999, 1e-7).params;
 * // [0.9]: the first step moves every parameter by about learningRate
 * ```
 */
export function adamStep(
  params: number[],
  grads: number[],
  state: AdamState,
  learningRate: number,
  beta1: number,
  beta2: number,
  epsilon: number,
): { params: number[]; state: AdamState } {
  // TODO: t + 1; update m and v; correct their bias; step by learningRate * mHat / (sqrt(vHat) + epsilon).
  // 待办：t + 1；更新 m 和 v；做偏差修正；按 learningRate * mHat / (sqrt(vHat) + epsilon) 走一步。
  return todo("4.4", {
    en: "update m, v and t, correct the bias of m and v, then step each parameter",
    zh: "更新 m、v 和 t，修正 m 和 v 的偏差，再更新每个参数",
  });
}

export type { SweepResult };

/**
 * Exercise 4.5: a learning-rate sweep driver. Calls `train` once per rate, one after the
 * other in the order given (training runs must not overlap), and returns every result in that
 * order together with the best one (the highest score; the first of equals).
 *
 * @example
 * ```ts
 * const { results, best } = await learningRateSweep([0.01, 0.1, 1], async (rate) => {
 *   return await trainAndMeasure(rate); // e.g. validation accuracy
 * });
 * best.learningRate; // the rate with the highest score
 * ```
 */
export async function learningRateSweep(
  rates: number[],
  train: (learningRate: number) => Promise<number>,
): Promise<{ results: SweepResult[]; best: SweepResult }> {
  // TODO: await train(rate) for each rate in turn, collect { learningRate, score }, pick the best.
  // 待办：依次对每个学习率 await train(rate)，收集 { learningRate, score }，选出最好的。
  return todo("4.5", {
    en: "train once per rate, in order, and return the results and the best one",
    zh: "按顺序对每个学习率各训练一次，返回所有结果和最好的那个",
  });
}
