/**
 * The update rules of four optimizers on plain arrays of numbers: what SGD, SGD with momentum,
 * RMSprop and Adam do with one variable's gradient, as TensorFlow.js's optimizers do it, with
 * the state each rule carries from one step to the next. Lesson 4 trains with them through
 * {@linkcode arrayOptimizer}; exercises 4.1-4.4 rebuild them.
 *
 * Every rule returns new arrays and a new state and leaves its arguments alone. The arithmetic
 * is in float64; the network's weights stay float32 (the optimizer rounds what a rule returns).
 *
 * @module
 */

/** What momentum carries between steps: one velocity per parameter. */
export interface MomentumState {
  /** Running sum of past gradients, the older part shrunk by `momentum` each step. */
  velocity: number[];
}

/** What RMSprop carries between steps. */
export interface RmspropState {
  /** Running mean of each parameter's squared gradient. */
  meanSquare: number[];
}

/** What Adam carries between steps. */
export interface AdamState {
  /** Running mean of the gradients (first moment). */
  m: number[];
  /** Running mean of the squared gradients (second moment). */
  v: number[];
  /** Steps taken so far (0 before the first). */
  t: number;
}

/**
 * Plain gradient descent: each parameter `p` moves against its gradient `g` by `p -
 * learningRate * g`.
 *
 * @example
 * ```ts
 * sgdStep([1, 2], [0.5, -1], 0.1); // [0.95, 2.1]
 * ```
 */
export function sgdStep(params: number[], grads: number[], learningRate: number): number[] {
  const next = new Array<number>(params.length);
  for (let i = 0; i < params.length; i++) next[i] = params[i] - learningRate * grads[i];
  return next;
}

/**
 * SGD with momentum, as `tf.train.momentum` (not Nesterov): the velocity becomes `momentum *
 * v + g` and each parameter moves by `learningRate` times its velocity.
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
  const next = new Array<number>(params.length);
  const velocity = new Array<number>(params.length);
  for (let i = 0; i < params.length; i++) {
    velocity[i] = momentum * state.velocity[i] + grads[i];
    next[i] = params[i] - learningRate * velocity[i];
  }
  return { params: next, state: { velocity } };
}

/**
 * RMSprop, as `tf.train.rmsprop` without momentum: the mean square becomes `decay * s + (1 -
 * decay) * g^2` and each parameter moves by `learningRate * g / sqrt(s + epsilon)`.
 *
 * @example
 * ```ts
 * rmspropStep([1], [2], { meanSquare: [0] }, 0.01, 0.9, 1e-7).params; // [0.96838...]
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
  const next = new Array<number>(params.length);
  const meanSquare = new Array<number>(params.length);
  for (let i = 0; i < params.length; i++) {
    const g = grads[i];
    meanSquare[i] = decay * state.meanSquare[i] + (1 - decay) * g * g;
    next[i] = params[i] - learningRate * g / Math.sqrt(meanSquare[i] + epsilon);
  }
  return { params: next, state: { meanSquare } };
}

/**
 * Adam with bias correction, as `tf.train.adam`: one more step `t`; `m = beta1 * m + (1 -
 * beta1) * g` and `v = beta2 * v + (1 - beta2) * g^2`; each divided by `1 - beta^t` to undo
 * their start at zero; each parameter moves by `learningRate * mHat / (sqrt(vHat) +
 * epsilon)`.
 *
 * @example
 * ```ts
 * adamStep([1], [3], { m: [0], v: [0], t: 0 }, 0.1, 0.9, 0.999, 1e-7).params; // [0.9]
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
  const firstCorrection = 1 - beta1 ** t;
  const secondCorrection = 1 - beta2 ** t;
  const next = new Array<number>(params.length);
  const m = new Array<number>(params.length);
  const v = new Array<number>(params.length);
  for (let i = 0; i < params.length; i++) {
    const g = grads[i];
    m[i] = beta1 * state.m[i] + (1 - beta1) * g;
    v[i] = beta2 * state.v[i] + (1 - beta2) * g * g;
    const mHat = m[i] / firstCorrection;
    const vHat = v[i] / secondCorrection;
    next[i] = params[i] - learningRate * mHat / (Math.sqrt(vHat) + epsilon);
  }
  return { params: next, state: { m, v, t } };
}
