/**
 * The loss vocabulary training and evaluation share: the losses the course trains with, how
 * each wants its labels encoded, the per-example loss, and the count of correct predictions.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { LabelEncoding } from "../data/prepare.ts";
import { categoricalCrossentropy } from "../backend/kernels/crossentropy_grad.ts";

/** The losses the course trains with: on one-hot labels, or on integer labels. */
export type LossName = "categoricalCrossentropy" | "sparseCategoricalCrossentropy";

/** How the labels must be encoded for a loss. */
export function labelEncodingFor(loss: LossName): LabelEncoding {
  return loss === "categoricalCrossentropy" ? "oneHot" : "sparse";
}

/**
 * The per-example loss function for `name`, computed from probabilities as Keras does (its
 * gradient in one kernel where the backend has one: `crossentropy_grad.ts`). The sparse form
 * takes integer labels and one-hot encodes them on the fly.
 */
export function lossFunction(name: LossName): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor {
  if (name === "categoricalCrossentropy") return categoricalCrossentropy;
  return (labels, yPred) =>
    categoricalCrossentropy(
      tf.oneHot(labels.toInt() as tf.Tensor1D, yPred.shape[1]!),
      yPred,
    );
}

/**
 * Number of rows where the predicted class (largest output) equals the true class. `yTrue`
 * holds one-hot rows or, for sparse losses, integer labels.
 */
export function countCorrect(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const truth = yTrue.rank === 1 ? yTrue : tf.argMax(yTrue, -1);
    return tf.sum(tf.cast(tf.equal(truth.toInt(), tf.argMax(yPred, -1)), "float32")) as tf.Scalar;
  });
}
