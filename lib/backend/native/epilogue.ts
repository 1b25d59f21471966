/**
 * What a fused kernel (`_FusedMatMul`, `FusedConv2D`) does after its product: add a bias and
 * apply an activation.
 *
 * A bias with one value per output column (or a single value) costs no extra pass: every row
 * of the output starts as a copy of it and `sgemm` adds the product to it (β = 1). A ReLU is
 * applied in place. Any other bias shape is added by the wasm `Add` kernel, and the other
 * activations by wasm's own kernels for them.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { NamedTensorInfoMap, TensorInfo } from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { withWasmKernels } from "../kernels/wasm_calls.ts";

/** The inputs and attributes a fused kernel's epilogue reads. */
export interface Epilogue {
  bias?: TensorInfo;
  preluActivationWeights?: TensorInfo;
  activation: string;
  leakyreluAlpha?: number;
}

/** The wasm kernel for each activation not applied in place. */
const ACTIVATION_KERNELS: Record<string, string> = {
  relu6: "Relu6",
  sigmoid: "Sigmoid",
  elu: "Elu",
  leakyrelu: "LeakyRelu",
  prelu: "Prelu",
};

/**
 * Whether `bias` is one value per column of an [..., n] result, or a single value: the biases
 * {@linkcode startWithBias} writes.
 *
 * @example
 * ```ts
 * isRowBias({ dataId, shape: [10], dtype: "float32" }, 10); // true
 * ```
 */
export function isRowBias(bias: TensorInfo | undefined, n: number): bias is TensorInfo {
  if (bias === undefined) return false;
  const size = tf.util.sizeFromShape(bias.shape);
  return size === 1 || (size === n && bias.shape.at(-1) === n);
}

/**
 * Fills `out` (rows of `n` values) with copies of the row bias `bias`, so that a product added
 * to it with β = 1 includes the bias.
 *
 * @example
 * ```ts
 * if (isRowBias(bias, n)) startWithBias(backend, out, bias, n);
 * ```
 */
export function startWithBias(
  backend: BackendWasm,
  out: TensorInfo,
  bias: TensorInfo,
  n: number,
): void {
  const c = backend.typedArrayFromHeap(out) as Float32Array;
  const row = backend.typedArrayFromHeap(bias) as Float32Array;
  if (row.length === 1) c.fill(row[0]);
  else for (let start = 0; start < c.length; start += n) c.set(row, start);
}

/**
 * Finishes a fused kernel whose product (with the bias when it was a row bias) is in `out`:
 * adds any other bias and applies the activation. Returns the result, which may be a new
 * buffer (then `out` is freed).
 *
 * @example
 * ```ts
 * return finishEpilogue(backend, out, { bias, activation: "relu" }, isRowBias(bias, n));
 * ```
 */
export function finishEpilogue(
  backend: BackendWasm,
  out: TensorInfo,
  { bias, preluActivationWeights, activation, leakyreluAlpha }: Epilogue,
  biasDone: boolean,
): TensorInfo {
  const steps: [string, NamedTensorInfoMap, Record<string, unknown>][] = [];
  if (bias !== undefined && !biasDone) steps.push(["Add", { b: bias }, {}]);
  if (activation in ACTIVATION_KERNELS) {
    const alpha = preluActivationWeights;
    steps.push([
      ACTIVATION_KERNELS[activation],
      alpha === undefined ? {} : { alpha },
      { alpha: leakyreluAlpha },
    ]);
  }
  for (const [name, others, attrs] of steps) {
    const input = out;
    const x = name === "Add" ? { a: input } : { x: input };
    out = withWasmKernels(backend, (run) => run(name, { ...x, ...others }, attrs as never));
    backend.disposeData(input.dataId);
  }
  if (activation === "relu") {
    const c = backend.typedArrayFromHeap(out) as Float32Array;
    for (let i = 0; i < c.length; i++) if (c[i] < 0) c[i] = 0;
  }
  return out;
}
