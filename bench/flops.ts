/**
 * Floating-point operations in one training step, counted from a model's layers, so the bench
 * can say how close a step comes to the machine's matmul ceiling (achieved GFLOP/s).
 *
 * Only the layers that multiply matrices count; elementwise work (activations, batch norm,
 * pooling, dropout, the optimizer) is left out, as is usual. Per example, with a
 * multiply-add counted as 2 operations:
 *
 * - dense, `in` inputs to `out` units: 2·in·out for the forward pass;
 * - conv2d, k×k kernel, `cin` to `cout` channels, H×W output: 2·k·k·cin·cout·H·W forward.
 *
 * Backpropagation costs the same again for the weight gradient and again for the input
 * gradient, so a layer's training cost is 3× its forward cost; the first layer needs no input
 * gradient (nothing before it learns), so it costs 2×. A step is that sum times the batch size.
 *
 * These are the direct computation's operations, the same count for every backend and for
 * PyTorch. A backend that needs fewer (the wasm backend's Winograd convolutions do 16 of every
 * 36 multiplications of a 3x3 layer) reaches a higher "achieved" rate than it computes.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";

/** Training cost over forward cost for every layer but the first (forward + 2 gradients). */
export const TRAINING_FACTOR = 3;

/** The first layer's training cost over its forward cost (it needs no input gradient). */
export const FIRST_LAYER_FACTOR = 2;

/**
 * Forward-pass operations per example of one layer: dense and conv2d layers as in the module
 * notes, 0 for every other kind.
 *
 * @example
 * ```ts
 * forwardFlops(tf.layers.dense({ inputShape: [784], units: 10 })); // 2 * 784 * 10 once built
 * ```
 */
export function forwardFlops(layer: tf.layers.Layer): number {
  const kind = layer.getClassName();
  if (kind !== "Dense" && kind !== "Conv2D") return 0;
  // Dense kernels are [in, out]; Conv2D kernels are [k, k, cin, cout]: either way the product
  // of the kernel's dimensions is the multiply-adds for one output position.
  const kernel = (layer.weights[0].shape as number[]).reduce((a, b) => a * b, 1);
  const output = layer.outputShape as number[];
  const outputs = output.slice(1).reduce((a, b) => a * b, 1);
  const units = output[output.length - 1];
  return 2 * kernel * (outputs / units);
}

/**
 * Operations in one training step of `model` on `batchSize` examples (see the module notes).
 *
 * @example
 * ```ts
 * flopsPerStep(softmaxRegression(), 128); // 2 * 784 * 10 * 2 * 128 = 4,014,080
 * ```
 */
export function flopsPerStep(model: tf.LayersModel, batchSize: number): number {
  let perExample = 0;
  let first = true;
  for (const layer of model.layers) {
    const forward = forwardFlops(layer);
    if (forward === 0) continue;
    perExample += forward * (first ? FIRST_LAYER_FACTOR : TRAINING_FACTOR);
    first = false;
  }
  return perExample * batchSize;
}
