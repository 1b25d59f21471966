/**
 * Softmax's gradient in one kernel (`SoftmaxGrad`) instead of four, with the same float32
 * operations in the same order, so the same bits. For y = softmax(x) along the last axis,
 * tfjs differentiates
 *
 *     dx = dy · y - (Σ_j dy_j · y_j) · y
 *
 * as Multiply, Sum, Multiply and Sub; the kernel does it row by row (the sum in column order
 * from 0, as the wasm `Sum` kernel adds). Every classifier in the course ends with a softmax,
 * and each kernel call costs about 20 µs of tfjs bookkeeping whatever its size. On a backend
 * without the kernel (cpu, which sums in float64), and for a softmax along another axis, the
 * gradient is tfjs's.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type {
  GradConfig,
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  Tensor,
  TensorInfo,
} from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

/** The kernel's name. */
export const SOFTMAX_GRAD = "SoftmaxGrad";

const f32 = Math.fround;

interface Args {
  inputs: { dy: TensorInfo; y: TensorInfo };
  backend: BackendWasm;
}

function softmaxGrad({ inputs: { dy, y }, backend }: Args): TensorInfo {
  const columns = y.shape.at(-1)!;
  const out = backend.makeOutput(y.shape, "float32");
  // Views are taken after the allocation (growing the memory leaves older views stale).
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  const dys = backend.typedArrayFromHeap(dy) as Float32Array;
  const ys = backend.typedArrayFromHeap(y) as Float32Array;
  if (columns === 0) return out;
  for (let at = 0; at < ys.length; at += columns) {
    let sum = 0;
    for (let j = at; j < at + columns; j++) {
      dx[j] = f32(dys[j] * ys[j]); // dy · y, kept for the second pass
      sum = f32(sum + dx[j]);
    }
    for (let j = at; j < at + columns; j++) dx[j] = f32(dx[j] - f32(sum * ys[j]));
  }
  return out;
}

/** `SoftmaxGrad` for `wasm`: dx from float32 `dy` and the softmax's output `y`, last axis. */
export const softmaxGradConfig: KernelConfig = {
  kernelName: SOFTMAX_GRAD,
  backendName: "wasm",
  kernelFunc: softmaxGrad as unknown as KernelFunc,
};

/** tfjs's own gradient, for the cases this one leaves to it. */
const TFJS_GRADIENT = tf.getGradient("Softmax")!;

/**
 * The `Softmax` gradient described above, to register with `tf.registerGradient` (it replaces
 * tfjs's for every backend and gives the same bits).
 */
export const softmaxGradientConfig: GradConfig = {
  kernelName: "Softmax",
  outputsToSave: [true],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [y] = saved;
    const dim = attrs.dim as number;
    const lastAxis = dim === -1 || dim === y.rank - 1;
    const oneKernel = lastAxis && !Array.isArray(dy) && y.dtype === "float32" &&
      dy.dtype === "float32" && tf.getKernel(SOFTMAX_GRAD, tf.getBackend()) !== undefined;
    if (!oneKernel) return TFJS_GRADIENT.gradFunc(dy, saved, attrs);
    return { logits: () => tf.engine().runKernel(SOFTMAX_GRAD, { dy, y }) as Tensor };
  },
};
