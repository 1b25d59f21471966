/**
 * Gradients for `Mean` and `Sum` that broadcast dy instead of multiplying it by a tensor of
 * ones.
 *
 * The gradient of a sum over some axes sends each dy value back to every input it summed, and a
 * mean's sends dy / n (n = values per mean). tfjs computes these as dy · ones(x.shape), with the
 * ones built in JavaScript and copied into the backend on every step, and the mean's then divided
 * by n: for batch normalisation's moments, which take two means over every activation, that was
 * about 20 ms of each lesson-8 step in filling arrays alone. Here dy (divided by n first, on the
 * small tensor) is broadcast to x's shape with `tf.broadcastTo`, one pass. As x · 1 = x and
 * (dy · 1) / n = dy / n exactly, the results are the same bits as tfjs's.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { GradConfig, NamedAttrMap, Tensor } from "@tensorflow/tfjs";

/** dy reshaped to x's rank, with size 1 along the reduced `axis`, and the count it reduced. */
function expanded(dy: Tensor, x: Tensor, attrs: NamedAttrMap): { dy: Tensor; count: number } {
  const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
  const shape = x.shape.slice();
  axes.forEach((axis) => shape[axis] = 1);
  return { dy: tf.reshape(dy, shape), count: x.size / tf.util.sizeFromShape(shape) };
}

/** `Mean`'s gradient: dy / n, broadcast over the averaged axes. */
export const meanGradConfig: GradConfig = {
  kernelName: "Mean",
  inputsToSave: ["x"],
  gradFunc: (dy, [x], attrs) => ({
    x: () => {
      const reduced = expanded(dy as Tensor, x, attrs);
      return tf.broadcastTo(tf.div(reduced.dy, reduced.count), x.shape);
    },
  }),
};

/** `Sum`'s gradient: dy, broadcast over the summed axes. */
export const sumGradConfig: GradConfig = {
  kernelName: "Sum",
  inputsToSave: ["x"],
  gradFunc: (dy, [x], attrs) => ({
    x: () => tf.broadcastTo(expanded(dy as Tensor, x, attrs).dy, x.shape),
  }),
};
