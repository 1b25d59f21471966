/**
 * Categorical cross-entropy whose gradient is one kernel (`CrossentropyGrad`) instead of the
 * 24 small ones tfjs's autodiff runs for it, with the same float32 operations in the same
 * order, so the same bits.
 *
 * The loss is Keras's, as `tf.metrics.categoricalCrossentropy` computes it from probabilities
 * p (one row per example) and targets t:
 *
 *     s = Σ_j p_j    q⁰ = p / s    q = clip(q⁰, ε, 1 - ε)    loss = -Σ_j t_j · log(q_j)
 *
 * Differentiating those ops one by one, as tfjs does, gives for a row with upstream gradient
 * dy (float32 at every step; sums in column order from 0, as the wasm `Sum` kernel adds):
 *
 *     g = [ε ≤ q⁰ ≤ 1 - ε] · ((-dy · t) / q)          (Neg, Sum, Multiply, Log, clip)
 *     ∂loss/∂p = g / s + -((Σ_j g_j · p_j) / (s · s))  (the division by s, and s itself)
 *
 * Each kernel call costs about 20 µs of tfjs bookkeeping whatever its size, and a softmax
 * regression's whole step is about 2 ms: this one kernel saves a quarter of it. On a backend
 * without the kernel (cpu, which sums in float64) the loss is tfjs's, differentiated by tfjs.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, Tensor, TensorInfo } from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

/** The kernel's name. */
export const CROSSENTROPY_GRAD = "CrossentropyGrad";

interface Args {
  inputs: { dy: TensorInfo; target: TensorInfo; p: TensorInfo };
  backend: BackendWasm;
}

const f32 = Math.fround;

function crossentropyGrad({ inputs: { dy, target, p }, backend }: Args): TensorInfo {
  const [rows, columns] = p.shape;
  const out = backend.makeOutput([rows, columns], "float32");
  // Views are taken after the allocation (growing the memory leaves older views stale).
  const dp = backend.typedArrayFromHeap(out) as Float32Array;
  const dys = backend.typedArrayFromHeap(dy);
  const t = backend.typedArrayFromHeap(target);
  const ps = backend.typedArrayFromHeap(p) as Float32Array;
  // The clip bounds as the float32 scalars tfjs compares with.
  const epsilon = backend.epsilon();
  const low = f32(epsilon);
  const high = f32(1 - epsilon);
  for (let row = 0, at = 0; row < rows; row++, at += columns) {
    let s = 0;
    for (let j = 0; j < columns; j++) s = f32(s + ps[at + j]);
    const minusDy = -dys[row];
    let sumGp = 0;
    for (let j = 0; j < columns; j++) {
      // Where q⁰ is inside the bounds, q = q⁰; outside, the clip's gradient is 0.
      const q0 = f32(ps[at + j] / s);
      const g = q0 >= low && q0 <= high ? f32(f32(minusDy * t[at + j]) / q0) : 0;
      dp[at + j] = g; // kept for the second pass
      sumGp = f32(sumGp + f32(g * ps[at + j]));
    }
    const fromSum = -f32(sumGp / f32(s * s));
    for (let j = 0; j < columns; j++) dp[at + j] = f32(f32(dp[at + j] / s) + fromSum);
  }
  return out;
}

/**
 * `CrossentropyGrad` for `wasm`: ∂loss/∂p for float32 probabilities `p` [rows, classes],
 * targets `target` of the same shape (any numeric type) and the upstream gradient `dy`, one
 * value per row.
 */
export const crossentropyGradConfig: KernelConfig = {
  kernelName: CROSSENTROPY_GRAD,
  backendName: "wasm",
  kernelFunc: crossentropyGrad as unknown as KernelFunc,
};

/**
 * Keras's categorical cross-entropy of probabilities `p` against `target`, one value per row:
 * `tf.metrics.categoricalCrossentropy`'s values, and on a backend with `CrossentropyGrad` its
 * gradient with respect to `p` in one kernel (the same bits as tfjs's). `target` gets no
 * gradient.
 *
 * @example
 * ```ts
 * const loss = tf.mean(categoricalCrossentropy(oneHotLabels, model.apply(x) as tf.Tensor));
 * ```
 */
export function categoricalCrossentropy(target: Tensor, p: Tensor): Tensor {
  const oneKernel = p.rank === 2 && p.dtype === "float32" && target.shape[1] === p.shape[1] &&
    tf.getKernel(CROSSENTROPY_GRAD, tf.getBackend()) !== undefined;
  if (!oneKernel) return tf.metrics.categoricalCrossentropy(target, p);
  // The target is saved too: made inside the function being differentiated, it would be
  // disposed before the gradient runs.
  const withGradient = tf.customGrad((probabilities, save) => {
    (save as tf.GradSaveFunc)([probabilities as Tensor, target]);
    return {
      value: tf.metrics.categoricalCrossentropy(target, probabilities as Tensor),
      gradFunc: (dy, [savedP, savedTarget]) =>
        tf.engine().runKernel(CROSSENTROPY_GRAD, {
          dy: dy as Tensor,
          target: savedTarget,
          p: savedP,
        }) as Tensor,
    };
  });
  return withGradient(p);
}
