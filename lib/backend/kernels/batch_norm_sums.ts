/**
 * `BatchNormSums`: the two per-channel sums of batch normalisation's gradient, Σ dy and
 * Σ dy · (x - mean), in one pass of hand-written WebAssembly SIMD (`batch_norm_grad.wat`) that
 * reads dy and x and writes nothing batch-sized. Built from ordinary kernels they took four
 * batch-sized passes with three batch-sized results (x - mean, its product with r, that times
 * dy) and two sums.
 *
 * The rows go through the kernel a block at a time, summed in float32, and the blocks' sums
 * are added up in float64 (`block_totals.ts`).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { WASM_BYTES } from "./batch_norm_grad_wasm.ts";
import { blockTotals } from "./block_totals.ts";
import { addressOf, exportsOn } from "./own_wasm.ts";
import { withWasmKernels } from "./wasm_calls.ts";

/** The kernel's name. */
export const BATCH_NORM_SUMS = "BatchNormSums";

/** The exported function of `batch_norm_grad.wat`: byte offsets and sizes. */
type ChannelSums = (
  dy: number,
  x: number,
  mean: number,
  rows: number,
  channels: number,
  sumDy: number,
  sumDyCentred: number,
) => void;

interface Args {
  inputs: { dy: TensorInfo; x: TensorInfo; mean: TensorInfo };
  backend: BackendWasm;
}

function batchNormSums({ inputs: { dy, x, mean }, backend }: Args): TensorInfo {
  const channels = mean.shape[0];
  const rows = channels === 0 ? 0 : tf.util.sizeFromShape(x.shape) / channels;
  return withWasmKernels(backend, (_run, constant) => {
    const out = backend.makeOutput([2, channels], "float32");
    const scratch = constant((buffer) => buffer.fill(0), [2, channels]);
    // Views are taken after the allocations (growing the memory leaves older views stale).
    const block = backend.typedArrayFromHeap(scratch) as Float32Array;
    const [dyAt, xAt, meanAt] = [dy, x, mean].map((t) => addressOf(backend, t));
    const { channelSums } = exportsOn(backend, WASM_BYTES) as { channelSums: ChannelSums };
    const rowBytes = 4 * channels;
    const totals = blockTotals(rows, block, (first, count) =>
      channelSums(
        dyAt + first * rowBytes,
        xAt + first * rowBytes,
        meanAt,
        count,
        channels,
        block.byteOffset,
        block.byteOffset + rowBytes,
      ));
    (backend.typedArrayFromHeap(out) as Float32Array).set(totals);
    return out;
  });
}

/**
 * `BatchNormSums` for `wasm`: for float32 dy and x of the same shape, whose last axis has
 * mean's one value per channel, a [2, channels] tensor of Σ dy and Σ dy · (x - mean) over
 * every other axis.
 */
export const batchNormSumsConfig: KernelConfig = {
  kernelName: BATCH_NORM_SUMS,
  backendName: "wasm",
  kernelFunc: batchNormSums as unknown as KernelFunc,
};
