/**
 * Reduce the learning rate on a plateau, as Keras's `ReduceLROnPlateau` does (tfjs has no such
 * callback): when the validation loss has not improved for `patience` epochs, multiply the
 * learning rate by `factor`, never going below `minLearningRate`, then wait `patience` epochs
 * again.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import type { EpochCallback } from "./fit.ts";

/** The rule's settings (Keras's names in brackets). */
export interface PlateauOptions {
  /** Multiply the rate by this on a plateau (`factor`, e.g. 0.5). */
  factor: number;
  /** Epochs without improvement before reducing (`patience`). */
  patience: number;
  /** Never go below this rate (`min_lr`). */
  minLearningRate: number;
  /** How much lower the loss must be to count as better (`min_delta`, default 1e-4). */
  minDelta?: number;
}

/**
 * The learning rate in force after each epoch, replaying the rule over the validation losses
 * so far from `initialRate`. A pure function: the callback below and the lesson's exercise use
 * the same rule.
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
  const { factor, patience, minLearningRate, minDelta = 1e-4 } = options;
  let rate = initialRate;
  let best = Infinity;
  let waited = 0;
  return valLosses.map((loss) => {
    if (loss < best - minDelta) {
      best = loss;
      waited = 0;
    } else if (++waited >= patience) {
      rate = Math.max(rate * factor, minLearningRate);
      waited = 0;
    }
    return rate;
  });
}

/**
 * A {@linkcode fit} callback applying {@linkcode plateauRates} (or `rates`, another
 * implementation of the same rule, such as the learner's exercise 8.2) to `optimizer` (any tfjs
 * optimizer with a `learningRate`, such as Adam) after each epoch; `fit` logs the rate each
 * epoch ran with as `learning_rate`.
 *
 * @example
 * ```ts
 * const optimizer = tf.train.adam(0.001);
 * const reduce = reduceLrOnPlateau(optimizer, { factor: 0.5, patience: 3, minLearningRate: 1e-5 });
 * await fit(model, train, { ...options, optimizer, validation, callbacks: [reduce] });
 * ```
 */
export function reduceLrOnPlateau(
  optimizer: tf.Optimizer,
  options: PlateauOptions,
  rates: typeof plateauRates = plateauRates,
): EpochCallback {
  const settable = optimizer as unknown as {
    learningRate: number;
    setLearningRate?: (rate: number) => void;
  };
  const initialRate = settable.learningRate;
  const losses: number[] = [];
  return (log) => {
    if (log.val_loss === undefined) {
      throw new Error("reduceLrOnPlateau needs validation data: pass `validation` to fit");
    }
    losses.push(log.val_loss);
    const rate = rates(losses, initialRate, options).at(-1)!;
    // SGD and momentum step with a tensor made from the rate, which only setLearningRate renews.
    if (settable.setLearningRate) settable.setLearningRate(rate);
    else settable.learningRate = rate;
  };
}
