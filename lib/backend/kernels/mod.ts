/**
 * Fast training kernels for TensorFlow.js's `wasm` backend.
 *
 * The wasm backend ships fast forward kernels (XNNPACK) but trains slowly or not at all:
 * there is no filter gradient for convolutions (`Conv2DBackpropFilter`), so a CNN cannot
 * train, and several kernels that backprop needs fall back to slow loops. Each replacement
 * here is built from the backend's own fast kernels (convolution, matrix product, pooling,
 * broadcasting arithmetic, transposes), or is one JavaScript loop or one hand-written
 * WebAssembly function over the backend's memory, so the data never leaves wasm memory:
 *
 * | kernel                  | computed as                                                  |
 * | ----------------------- | ------------------------------------------------------------ |
 * | `Conv2D`, `FusedConv2D` | Winograd's F(2x2, 3x3) for 3x3 filters with stride 1         |
 * |                         | (winograd.ts, products.wat), else XNNPACK's                  |
 * | `Conv2DBackpropFilter`  | Winograd (3x3, stride 1), sums of products straight from x   |
 * |                         | and dy (products.wat), or a convolution of the input with    |
 * |                         | the output gradient                                          |
 * | `Conv2DBackpropInput`   | a convolution of the output gradient with the flipped filter |
 * |                         | (Winograd for 3x3 with stride 1)                             |
 * | `BatchMatMul`           | a batch's forward product without XNNPACK's repack           |
 * |                         | (products.wat), or a transpose, then XNNPACK's product       |
 * | `_FusedMatMul`          | the same product, then bias and ReLU in one pass             |
 * | `MaxPoolGrad`           | one pass routing dy to each window's first max (2×2 windows: |
 * |                         | hand-written WebAssembly SIMD, max_pool_grad.wat)            |
 * | `Sum`, `Mean`           | column sums over the leading axes (bias and batch norm) in   |
 * |                         | one SIMD pass (column_sums.wat)                              |
 * | `Tile`                  | a broadcasting multiply by ones                              |
 * | `Identity`              | a shared buffer instead of a copy                            |
 * | `Cast`                  | the same, when the type does not change                      |
 * | `FusedBatchNorm`        | one pass of hand-written WebAssembly SIMD (batch_norm.wat)   |
 * | `AdamUpdate` (new)      | one pass of hand-written WebAssembly SIMD (adam_update.wat)  |
 * | `ReluGrad` (new)        | dy · step(x) in one SIMD pass (fused_grads.wat)              |
 * | `SquareGrad` (new)      | dy · (x · 2) in one SIMD pass (fused_grads.wat)              |
 * | `BatchNormSums` (new)   | the sums of batch norm's gradient (batch_norm_grad.wat)      |
 * | `CrossentropyGrad` (new)| cross-entropy's gradient in one JavaScript loop, tfjs's bits |
 * | `SoftmaxGrad` (new)     | softmax's gradient in one JavaScript loop, tfjs's bits       |
 *
 * Batch normalisation's gradient, made of ordinary ops, is replaced too (`batch_norm_grad.ts`),
 * as are `Mean`'s and `Sum`'s, which built a tensor of ones per call (`reduction_grads.ts`),
 * `Relu`'s and `Square`'s, one pass instead of two (`fused_grads.ts`), and `Softmax`'s
 * (`softmax_grad.ts`); the losses use `CrossentropyGrad` through `crossentropy_grad.ts`; and
 * `tf.train.adam`'s optimizers update through `AdamUpdate` (`adam_update.ts`).
 *
 * Each module explains its math. Measured on a 2-core machine, one Adam step of the course's
 * lesson-7 CNN at batch 128 takes about 0.35 s with these kernels (two threads); without them
 * it throws.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import type { KernelConfig } from "@tensorflow/tfjs";
import { adamUpdateConfig, fuseAdam } from "./adam_update.ts";
import { batchMatMulConfig, fusedMatMulConfig } from "./batch_mat_mul.ts";
import { fusedBatchNormConfig } from "./batch_norm.ts";
import { batchNormSumsConfig } from "./batch_norm_sums.ts";
import { batchNormGradConfig } from "./batch_norm_grad.ts";
import { conv2DBackpropFilterConfig } from "./conv2d_backprop_filter.ts";
import { conv2DBackpropInputConfig } from "./conv2d_backprop_input.ts";
import { crossentropyGradConfig } from "./crossentropy_grad.ts";
import { castConfig, identityConfig } from "./identity.ts";
import { maxPoolGradConfig } from "./max_pool_grad.ts";
import { meanConfig, sumConfig } from "./reduce_leading_axes.ts";
import { meanGradConfig, sumGradConfig } from "./reduction_grads.ts";
import { RELU_GRAD, SQUARE_GRAD } from "./fused_grads.ts";
import { softmaxGradConfig, softmaxGradientConfig } from "./softmax_grad.ts";
import { tileConfig } from "./tile.ts";
import { conv2DConfig, fusedConv2DConfig } from "./winograd.ts";

/** The kernels {@linkcode registerFastKernels} installs for the `wasm` backend. */
export const FAST_KERNELS: readonly KernelConfig[] = [
  conv2DConfig,
  fusedConv2DConfig,
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  batchMatMulConfig,
  fusedMatMulConfig,
  maxPoolGradConfig,
  sumConfig,
  meanConfig,
  tileConfig,
  identityConfig,
  castConfig,
  fusedBatchNormConfig,
  batchNormSumsConfig,
  adamUpdateConfig,
  RELU_GRAD.kernel,
  SQUARE_GRAD.kernel,
  crossentropyGradConfig,
  softmaxGradConfig,
];

/**
 * Installs {@linkcode FAST_KERNELS} for the `wasm` backend, replacing the built-in kernels of
 * the same names, the leaner gradients of batch norm, `Mean`, `Sum`, `Relu`, `Square` and
 * `Softmax` (for every backend: gradients are not per backend) and the fused Adam update
 * (`fuseAdam`, used where the backend has `AdamUpdate`). Calling it again changes nothing.
 * Call it once the backend is chosen.
 *
 * @example
 * ```ts
 * await tf.setBackend("wasm");
 * registerFastKernels();
 * // tf.grad of a tf.conv2d now runs on wasm, at forward-convolution speed.
 * ```
 */
export function registerFastKernels(): void {
  for (const config of FAST_KERNELS) {
    const current = tf.getKernel(config.kernelName, config.backendName);
    if (current === config) continue;
    if (current !== undefined) tf.unregisterKernel(config.kernelName, config.backendName);
    tf.registerKernel(config);
  }
  [
    batchNormGradConfig,
    meanGradConfig,
    sumGradConfig,
    RELU_GRAD.gradient,
    SQUARE_GRAD.gradient,
    softmaxGradientConfig,
  ].forEach(tf.registerGradient);
  fuseAdam();
}
