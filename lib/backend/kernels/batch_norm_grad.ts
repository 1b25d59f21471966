/**
 * A leaner gradient for batch normalisation (`FusedBatchNorm`), with 3 passes over the batch
 * (6 on a backend without `BatchNormSums`) instead of tfjs's 14.
 *
 * The math. For y = o + (x - m) · s · r with r = 1 / √(v + ε), per channel, and x̂ = (x - m) · r,
 *
 *     ∂L/∂x = dy · s · r                    ∂L/∂o = Σ dy
 *     ∂L/∂m = -s · r · Σ dy                 ∂L/∂s = Σ dy · x̂
 *     ∂L/∂v = -½ · s · r² · Σ dy · x̂        (= Σ -½ · r³ · (x - m) · dy · s)
 *
 * with the sums over every axis but the channels (m and v are inputs here; a layer that
 * computes them from x differentiates those ops in turn), and Σ dy · x̂ = r · Σ dy · (x - m).
 * tfjs's own gradient computes the same values but tiles r over the whole batch and forms each
 * product separately, 14 passes over batch-sized tensors. Here the two sums are one pass of the
 * `BatchNormSums` kernel (`batch_norm_sums.ts`) and ∂L/∂x one more; a backend without that
 * kernel (cpu) builds x̂ (two passes) and sums (three) from ordinary ops. It applies when the
 * mean is one value per channel (as batch-norm layers train), and tfjs's gradient handles any
 * other case.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { GradConfig, NamedAttrMap, Tensor } from "@tensorflow/tfjs";
import { BATCH_NORM_SUMS } from "./batch_norm_sums.ts";

/** tfjs's own gradient, for the cases this one leaves to it. */
const TFJS_GRADIENT = tf.getGradient("FusedBatchNorm")!;

function gradFunc(dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) {
  const [x, mean, variance, scale] = saved;
  if (mean.rank !== 1 || Array.isArray(dy)) return TFJS_GRADIENT.gradFunc(dy, saved, attrs);
  const epsilon = (attrs.varianceEpsilon as number | undefined) ?? 0.001;
  const axes = tf.backend_util.getReductionAxes(mean.shape, x.shape);
  const r = tf.rsqrt(tf.add(variance, epsilon));
  // (tfjs saves the scale for every gradient, so a batch norm without one cannot train.)
  const factor = tf.mul(scale, r);
  const [sumDy, sumDyNormalised] = channelSums(dy, x, mean, r, axes);
  return {
    x: () => tf.mul(dy, factor),
    mean: () => tf.neg(tf.mul(factor, sumDy)),
    variance: () => tf.mul(tf.mul(tf.mul(factor, r), -0.5), sumDyNormalised),
    scale: () => tf.reshape(sumDyNormalised, mean.shape),
    offset: () => tf.reshape(sumDy, mean.shape),
  };
}

/** Σ dy and Σ dy · x̂ over `axes` (every axis but the channels): one kernel where there is one. */
function channelSums(dy: Tensor, x: Tensor, mean: Tensor, r: Tensor, axes: number[]): Tensor[] {
  const oneKernel = axes.length > 0 && x.dtype === "float32" && dy.dtype === "float32" &&
    tf.getKernel(BATCH_NORM_SUMS, tf.getBackend()) !== undefined;
  if (oneKernel) {
    const [sumDy, sumDyCentred] = tf.unstack(
      tf.engine().runKernel(BATCH_NORM_SUMS, { dy, x, mean }) as Tensor,
    );
    return [sumDy, tf.mul(sumDyCentred, r)];
  }
  const total = (t: Tensor) => axes.length === 0 ? t : tf.sum(t, axes);
  return [total(dy), total(tf.mul(dy, tf.mul(tf.sub(x, mean), r)))];
}

/**
 * The `FusedBatchNorm` gradient described above, to register with `tf.registerGradient` (it
 * replaces tfjs's for every backend; the two agree to float32 rounding).
 */
export const batchNormGradConfig: GradConfig = {
  kernelName: "FusedBatchNorm",
  inputsToSave: ["x", "mean", "variance", "scale"],
  gradFunc: gradFunc as GradConfig["gradFunc"],
};
