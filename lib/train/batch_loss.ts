/**
 * The quantity a training step minimises, shared by the single-threaded loop and by every
 * replica of a data-parallel one: the mean loss over a batch plus the model's weight
 * penalties (L1/L2 regularisers), and the number of correct predictions on the way.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { countCorrect, lossFunction, type LossName } from "./loss.ts";

/** What one forward pass in training mode (or one training step) measured. */
export type BatchLoss = {
  /** Mean loss over the batch plus the weight penalties: what the gradient step minimises. */
  loss: tf.Scalar;
  /** How many examples of the batch the model got right (kept out of any enclosing tidy). */
  correct: tf.Scalar;
};

/**
 * Runs `model` in training mode (dropout on, BatchNorm on batch statistics) on `x` and
 * returns the loss to minimise against `y` and the count of correct predictions. Call it
 * inside `optimizer.minimize` or `tf.variableGrads`; dispose `correct` when done.
 *
 * @example
 * ```ts
 * let correct: tf.Scalar | undefined;
 * optimizer.minimize(() => {
 *   const measured = batchLoss(model, x, y, "categoricalCrossentropy");
 *   correct = measured.correct;
 *   return measured.loss;
 * });
 * ```
 */
export function batchLoss(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  lossName: LossName,
): BatchLoss {
  const predicted = model.apply(x, { training: true }) as tf.Tensor;
  const correct = tf.keep(countCorrect(y, predicted));
  const mean = tf.mean(lossFunction(lossName)(y, predicted)) as tf.Scalar;
  const penalties = model.calculateLosses();
  const loss = penalties.length === 0 ? mean : tf.addN([mean, ...penalties]) as tf.Scalar;
  return { loss, correct };
}

/** A share's gradients, one per variable in the order given, with its loss and correct count. */
export type ShareGradients = BatchLoss & {
  /** Gradient of `loss` for each variable, in the order of `variables`. */
  gradients: tf.Tensor[];
};

/**
 * The gradients of {@linkcode batchLoss} on `x`, `y` for `variables`, without applying them:
 * what each replica of a data-parallel step computes. Dispose the result when done.
 */
export function shareGradients(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  lossName: LossName,
  variables: tf.Variable[],
): ShareGradients {
  return tf.tidy(() => {
    let correct: tf.Scalar | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const measured = batchLoss(model, x, y, lossName);
      correct = measured.correct;
      return measured.loss;
    }, variables);
    return {
      loss: value,
      correct: correct!,
      gradients: variables.map((variable) => grads[variable.name]),
    };
  });
}
