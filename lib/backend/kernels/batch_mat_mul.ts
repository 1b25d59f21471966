/**
 * A faster `BatchMatMul` for the wasm backend when an operand is transposed.
 *
 * The built-in kernel hands a plain product `a · b` of two matrices to XNNPACK's fast
 * fully-connected operator, but any `transposeA`/`transposeB` (or batch of matrices) goes to a
 * naive triple loop that is 7 to 15 times slower. Training a dense layer needs exactly those
 * transposed products: for y = x · w,
 *
 *     dL/dw = xᵀ · dy      (transposeA)
 *     dL/dx = dy · wᵀ      (transposeB)
 *
 * so this kernel writes the transposed operand out once with the `Transpose` kernel (one pass
 * over memory, cheap next to the product) and then asks for the plain product.
 *
 * @module
 */
import type {
  BatchMatMulAttrs,
  KernelBackend,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from "@tensorflow/tfjs";
import { type RunWasmKernel, withWasmKernels } from "./wasm_calls.ts";

interface Args {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: KernelBackend;
  attrs: BatchMatMulAttrs;
}

/** Swaps the last two axes of `x`: each matrix in the batch becomes its transpose. */
function transposeMatrices(run: RunWasmKernel, x: TensorInfo): TensorInfo {
  const perm = x.shape.map((_, axis) => axis);
  perm.push(...perm.splice(-2).reverse());
  return run("Transpose", { x }, { perm });
}

function batchMatMul({ inputs: { a, b }, backend, attrs }: Args): TensorInfo {
  return withWasmKernels(backend, (run) =>
    run("BatchMatMul", {
      a: attrs.transposeA ? transposeMatrices(run, a) : a,
      b: attrs.transposeB ? transposeMatrices(run, b) : b,
    }, { transposeA: false, transposeB: false }));
}

/** `BatchMatMul` for `wasm` that materialises transposes so XNNPACK does the product. */
export const batchMatMulConfig: KernelConfig = {
  kernelName: "BatchMatMul",
  backendName: "wasm",
  kernelFunc: batchMatMul as unknown as KernelFunc,
};
