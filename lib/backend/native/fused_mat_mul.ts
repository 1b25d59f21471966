/**
 * `_FusedMatMul` (a dense layer's forward pass: a·b + bias, then an activation) on the
 * system's BLAS; the bias and activation as `epilogue.ts` explains.
 *
 * @module
 */
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { Blas } from "./blas.ts";
import { finishEpilogue, isRowBias, startWithBias } from "./epilogue.ts";
import { multiplyInto, productShape } from "./mat_mul.ts";
import { withWasmKernels } from "../kernels/wasm_calls.ts";

interface Args {
  inputs: { a: TensorInfo; b: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
  backend: BackendWasm;
  attrs: { transposeA: boolean; transposeB: boolean; activation: string; leakyreluAlpha?: number };
}

/**
 * The `_FusedMatMul` kernel for the `native` backend, computing with `blas`. Non-float32
 * operands go to the wasm backend's own kernel.
 *
 * @example
 * ```ts
 * tf.registerKernel(nativeFusedMatMul(blas)); // tf.layers.dense's forward pass on BLAS
 * ```
 */
export function nativeFusedMatMul(blas: Blas): KernelConfig {
  const kernelFunc = ({ inputs, backend, attrs }: Args): TensorInfo => {
    const { a, b, bias } = inputs;
    const { transposeA, transposeB } = attrs;
    if ([a, b, bias].some((t) => t !== undefined && t.dtype !== "float32")) {
      return withWasmKernels(backend, (run) => run("_FusedMatMul", { ...inputs }, { ...attrs }));
    }
    const shape = productShape(a.shape, b.shape, transposeA, transposeB);
    const out = backend.makeOutput(shape.outShape, "float32");
    const rowBias = isRowBias(bias, shape.n);
    if (rowBias) startWithBias(backend, out, bias, shape.n);
    multiplyInto(blas, backend, a, b, transposeA, transposeB, shape, rowBias ? 1 : 0, out);
    return finishEpilogue(backend, out, { ...inputs, ...attrs }, rowBias);
  };
  return {
    kernelName: "_FusedMatMul",
    backendName: "native",
    kernelFunc: kernelFunc as unknown as KernelFunc,
  };
}
