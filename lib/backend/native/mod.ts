/**
 * The `native` backend: the wasm backend with its matrix products on the system's BLAS.
 *
 * It is not a new backend but a second name for the running wasm backend's instance: tensors
 * live in the same WebAssembly memory, so switching between `wasm` and `native` moves no data.
 * Under the name `native` every kernel of `wasm` is registered again (the course's fast
 * kernels included), except these, which call BLAS (`sgemm`) on that memory in place:
 *
 * | kernel                 | used by                                                     |
 * | ---------------------- | ----------------------------------------------------------- |
 * | `BatchMatMul`          | dense layers' gradients, `tf.matMul`                        |
 * | `_FusedMatMul`         | dense layers' forward pass (product, bias, ReLU)            |
 * | `Conv2D`, `FusedConv2D` | convolution layers' forward pass (a product per filter tap, |
 * |                        | or im2col then one product)                                 |
 * | `Conv2DBackpropFilter` | their filter gradient (im2col rows times dy)                |
 * | `Conv2DBackpropInput`  | their input gradient (a product per filter tap, or dy times |
 * |                        | the filter then col2im)                                     |
 *
 * Everything else (pooling, batch norm, elementwise work, the optimizer) runs on wasm,
 * unchanged.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import type { KernelConfig } from "@tensorflow/tfjs";
import type { Blas } from "./blas.ts";
import { nativeConv2D } from "./conv2d.ts";
import { nativeConv2DBackprop } from "./conv2d_backprop.ts";
import { nativeFusedMatMul } from "./fused_mat_mul.ts";
import { nativeBatchMatMul } from "./mat_mul.ts";

/**
 * The kernels `native` computes on `blas` instead of wasm.
 *
 * @example
 * ```ts
 * nativeKernels(blas).map((kernel) => kernel.kernelName); // ["BatchMatMul", ...]
 * ```
 */
export function nativeKernels(blas: Blas): KernelConfig[] {
  return [
    nativeBatchMatMul(blas),
    nativeFusedMatMul(blas),
    ...nativeConv2D(blas),
    ...nativeConv2DBackprop(blas),
  ];
}

/**
 * Registers the backend `native` on top of the running wasm backend, with
 * {@linkcode nativeKernels} on `blas` and every other kernel of `wasm` as registered now (call
 * it after the wasm backend started and its fast kernels are in). Registering again changes
 * nothing. Throws when the wasm backend has not started.
 *
 * @example
 * ```ts
 * await tf.setBackend("wasm");
 * registerFastKernels();
 * const blas = openBlas();
 * if (typeof blas !== "string") {
 *   registerNativeBackend(blas);
 *   await tf.setBackend("native");
 * }
 * ```
 */
export function registerNativeBackend(blas: Blas): void {
  if (tf.findBackendFactory("native") !== null) return;
  const wasm = tf.findBackend("wasm");
  if (wasm === null) throw new Error("the native backend needs the wasm backend started first");
  const own = nativeKernels(blas);
  const names = new Set(own.map((kernel) => kernel.kernelName));
  for (const kernel of tf.getKernelsForBackend("wasm")) {
    if (!names.has(kernel.kernelName)) tf.registerKernel({ ...kernel, backendName: "native" });
  }
  own.forEach(tf.registerKernel);
  // Lowest priority: tfjs never picks it on its own.
  tf.registerBackend("native", () => wasm, 0);
}
