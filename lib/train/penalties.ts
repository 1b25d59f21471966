/**
 * Weight penalties on plain arrays of numbers, with their gradients: L1 (lasso), L2 (ridge)
 * and both at once (elastic net), as Keras's `l1`, `l2` and `l1_l2` regularisers define them.
 * Lesson 5 trains with them through {@linkcode penaltyRegularizer}; exercises 5.1-5.3 rebuild
 * them.
 *
 * @module
 */

/** A penalty's value and its gradient with respect to each weight. */
export interface Penalty {
  /** What the penalty adds to the loss. */
  penalty: number;
  /** d penalty / d weight, one per weight. */
  gradient: number[];
}

/**
 * L1: `strength * sum(|w|)`; its gradient `strength * sign(w)` (0 at 0) has the same size for
 * every weight, so small weights are pushed all the way to zero.
 *
 * @example
 * ```ts
 * l1Penalty([1, -2, 0], 0.1); // { penalty: 0.3, gradient: [0.1, -0.1, 0] }
 * ```
 */
export function l1Penalty(weights: number[], strength: number): Penalty {
  let sum = 0;
  const gradient = new Array<number>(weights.length);
  for (let i = 0; i < weights.length; i++) {
    sum += Math.abs(weights[i]);
    gradient[i] = strength * Math.sign(weights[i]);
  }
  return { penalty: strength * sum, gradient };
}

/**
 * L2: `strength * sum(w^2)`; its gradient `2 * strength * w` pulls each weight back in
 * proportion to its size ("weight decay").
 *
 * @example
 * ```ts
 * l2Penalty([1, -2], 0.01); // { penalty: 0.05, gradient: [0.02, -0.04] }
 * ```
 */
export function l2Penalty(weights: number[], strength: number): Penalty {
  let sum = 0;
  const gradient = new Array<number>(weights.length);
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i] * weights[i];
    gradient[i] = 2 * strength * weights[i];
  }
  return { penalty: strength * sum, gradient };
}

/**
 * Elastic net: the L1 penalty of strength `l1` plus the L2 penalty of strength `l2`, values
 * and gradients added.
 *
 * @example
 * ```ts
 * elasticNetPenalty([1, -2], 0.1, 0.01); // { penalty: 0.35, gradient: [0.12, -0.14] }
 * ```
 */
export function elasticNetPenalty(weights: number[], l1: number, l2: number): Penalty {
  const lasso = l1Penalty(weights, l1);
  const ridge = l2Penalty(weights, l2);
  const gradient = new Array<number>(weights.length);
  for (let i = 0; i < weights.length; i++) gradient[i] = lasso.gradient[i] + ridge.gradient[i];
  return { penalty: lasso.penalty + ridge.penalty, gradient };
}
