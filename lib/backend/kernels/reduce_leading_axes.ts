/**
 * Fast `Sum` and `Mean` over leading axes for the wasm backend: the reductions behind every
 * bias gradient (dy summed over batch, rows and columns) and batch normalisation (mean and
 * variance per channel).
 *
 * The built-in kernels reduce innermost axes only, so for NHWC data reduced over N, H and W
 * they first transpose the whole tensor to put the channels first; with few channels that is
 * a cache-hostile walk (35 ms for 128×24×24×64). Average pooling, on the other hand, averages
 * over rows while keeping channels innermost, which is exactly this reduction, and XNNPACK's
 * pooling streams through memory in about a millisecond.
 *
 * View x as a matrix X of shape [m, c] (m reduced elements, c kept ones).
 *
 * - Mean: average-pool X, seen as an image of m rows, 1 column and c channels, with one m×1
 *   window.
 * - Sum: the mean times m would round twice, and sums are often meant to be whole numbers
 *   (counts of correct answers, class histograms). So split m = 2^p · q with q odd and
 *   average-pool X, seen as an image of 2^p rows and q columns, with a 2^p×1 window:
 *
 *       pooled[j, k] = 2^-p · Σ_i X[i·q + j, k]
 *
 *   Scaling by a power of two is exact in floating point, so pooled · 2^p is exactly the
 *   float32 sum over i. The remaining q columns (often 1, 9 or 49) are summed by the built-in
 *   kernel, now on a tensor 2^p times smaller.
 *
 * Other reductions (inner axes, integer tensors, odd m for a sum) go to the built-in kernels.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type {
  KernelBackend,
  KernelConfig,
  KernelFunc,
  SumAttrs,
  TensorInfo,
} from "@tensorflow/tfjs";
import { type MakeConstant, type RunWasmKernel, withWasmKernels } from "./wasm_calls.ts";

interface Args {
  inputs: { x: TensorInfo };
  backend: KernelBackend;
  attrs: SumAttrs;
}

/** How many leading axes `axis` names (0 when it names any other axis). */
function leadingAxisCount(axis: number | number[], shape: number[]): number {
  const axes = [...new Set(tf.util.parseAxisParam(axis, shape))].sort((a, b) => a - b);
  return axes.every((a, i) => a === i) ? axes.length : 0;
}

/** The largest power of two that divides `m` (m > 0). */
function powerOfTwoIn(m: number): number {
  let power = 1;
  while (m % (power * 2) === 0) power *= 2;
  return power;
}

/** Averages x, seen as an image [1, rows, cols, c], over its rows: shape [1, 1, cols, c]. */
function averageRows(
  run: RunWasmKernel,
  x: TensorInfo,
  rows: number,
  cols: number,
  c: number,
): TensorInfo {
  const image = run("Reshape", { x }, { shape: [1, rows, cols, c] });
  return run("AvgPool", { x: image }, { filterSize: [rows, 1], strides: 1, pad: "valid" });
}

/** Σ over the m rows of x viewed as [m, c], as described in the module documentation. */
function sumRows(
  run: RunWasmKernel,
  constant: MakeConstant,
  x: TensorInfo,
  m: number,
  c: number,
): TensorInfo {
  const power = powerOfTwoIn(m);
  const q = m / power;
  let total = averageRows(run, x, power, q, c);
  if (q > 1) total = run("Sum", { x: total }, { axis: [0, 1, 2], keepDims: false });
  return run("Multiply", { a: total, b: constant([power], []) });
}

function reduceLeadingAxes(kind: "Sum" | "Mean"): KernelFunc {
  return (({ inputs: { x }, backend, attrs }: Args): TensorInfo => {
    const { axis, keepDims } = attrs;
    const count = leadingAxisCount(axis, x.shape);
    const m = tf.util.sizeFromShape(x.shape.slice(0, count));
    const kept = x.shape.slice(count);
    const c = tf.util.sizeFromShape(kept);
    // Reducing every axis needs no transpose, so the built-in kernel is fast there.
    const fast = x.dtype === "float32" && count > 0 && count < x.shape.length && m * c > 0 &&
      (kind === "Mean" || m % 2 === 0);
    return withWasmKernels(backend, (run, constant) => {
      if (!fast) return run(kind, { x }, { axis, keepDims });
      const total = kind === "Mean"
        ? averageRows(run, x, m, 1, c)
        : sumRows(run, constant, x, m, c);
      const shape = keepDims ? [...x.shape.slice(0, count).map(() => 1), ...kept] : kept;
      return run("Reshape", { x: total }, { shape });
    });
  }) as unknown as KernelFunc;
}

/** `Sum` for `wasm`: leading axes of float32 data by power-of-two average pooling. */
export const sumConfig: KernelConfig = {
  kernelName: "Sum",
  backendName: "wasm",
  kernelFunc: reduceLeadingAxes("Sum"),
};

/** `Mean` for `wasm`: leading axes of float32 data by one average pooling. */
export const meanConfig: KernelConfig = {
  kernelName: "Mean",
  backendName: "wasm",
  kernelFunc: reduceLeadingAxes("Mean"),
};
