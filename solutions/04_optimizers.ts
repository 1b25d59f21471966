/**
 * Lesson 4 reference solutions: the update rules of four optimizers, by hand, and a
 * learning-rate sweep. Same exports as `exercises/04_optimizers.ts`;
 * `tests/04_optimizers_test.ts` proves both.
 *
 * @module
 */
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
  return params.map((p, i) => p - learningRate * grads[i]);
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
  const velocity = grads.map((g, i) => momentum * state.velocity[i] + g);
  return { params: params.map((p, i) => p - learningRate * velocity[i]), state: { velocity } };
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
  const meanSquare = grads.map((g, i) => decay * state.meanSquare[i] + (1 - decay) * g * g);
  return {
    params: params.map((p, i) =>
      p - (learningRate * grads[i]) / Math.sqrt(meanSquare[i] + epsilon)
    ),
    state: { meanSquare },
  };
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
  const t = state.t + 1;
  const m = grads.map((g, i) => beta1 * state.m[i] + (1 - beta1) * g);
  const v = grads.map((g, i) => beta2 * state.v[i] + (1 - beta2) * g * g);
  const next = params.map((p, i) => {
    const mHat = m[i] / (1 - beta1 ** t);
    const vHat = v[i] / (1 - beta2 ** t);
    return p - (learningRate * mHat) / (Math.sqrt(vHat) + epsilon);
  });
  return { params: next, state: { m, v, t } };
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
  if (rates.length === 0) throw new RangeError("learningRateSweep needs at least one rate");
  const results: SweepResult[] = [];
  for (const learningRate of rates) {
    results.push({ learningRate, score: await train(learningRate) });
  }
  const best = results.reduce((top, result) => (result.score > top.score ? result : top));
  return { results, best };
}
