/**
 * Fast `Sum` and `Mean` over leading axes for the wasm backend: the reductions behind every
 * bias gradient (dy summed over batch, rows and columns) and batch normalisation (mean and
 * variance per channel).
 *
 * The built-in kernels reduce innermost axes only, so for NHWC data reduced over N, H and W
 * they first transpose the whole tensor to put the channels first; with few channels that is
 * a cache-hostile walk (35 ms for 128×24×24×64). Seen as a matrix X of shape [m, c] (m reduced
 * elements, c kept ones), the reduction is X's column sums, which one pass of hand-written
 * WebAssembly SIMD (`column_sums.wat`) adds up reading X once, in order. (Average pooling over
 * X's rows, used before, took 9 ms for that tensor inside a training step.)
 *
 * The rows go through the kernel a block at a time, summed in float32, and the blocks' sums
 * are added up in float64 (`block_totals.ts`); a mean divides that total by m before rounding
 * to float32 once. Whole numbers
 * (counts of correct answers, class histograms) come out exact.
 *
 * Other reductions (inner axes, every axis, integer tensors) go to the built-in kernels.
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
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { blockTotals } from "./block_totals.ts";
import { WASM_BYTES } from "./column_sums_wasm.ts";
import { addressOf, exportsOn } from "./own_wasm.ts";
import { withWasmKernels } from "./wasm_calls.ts";

interface Args {
  inputs: { x: TensorInfo };
  backend: KernelBackend;
  attrs: SumAttrs;
}

/** The exported function of `column_sums.wat`: byte offsets and sizes. */
type ColumnSums = (x: number, rows: number, columns: number, sums: number) => void;

/** How many leading axes `axis` names (0 when it names any other axis). */
function leadingAxisCount(axis: number | number[], shape: number[]): number {
  const axes = [...new Set(tf.util.parseAxisParam(axis, shape))].sort((a, b) => a - b);
  return axes.every((a, i) => a === i) ? axes.length : 0;
}

/** Σ over the m rows of x viewed as [m, c], in float64 from float32 blocks (see above). */
function columnTotals(
  backend: BackendWasm,
  block: TensorInfo,
  x: TensorInfo,
  m: number,
): Float64Array {
  const c = block.shape[0];
  // Views are taken after the allocations (growing the memory leaves older views stale).
  const sums = backend.typedArrayFromHeap(block) as Float32Array;
  const { columnSums } = exportsOn(backend, WASM_BYTES) as { columnSums: ColumnSums };
  const xAt = addressOf(backend, x);
  return blockTotals(
    m,
    sums,
    (first, count) => columnSums(xAt + 4 * c * first, count, c, sums.byteOffset),
  );
}

function reduceLeadingAxes(kind: "Sum" | "Mean"): KernelFunc {
  return (({ inputs: { x }, backend, attrs }: Args): TensorInfo => {
    const { axis, keepDims } = attrs;
    const count = leadingAxisCount(axis, x.shape);
    const m = tf.util.sizeFromShape(x.shape.slice(0, count));
    const kept = x.shape.slice(count);
    const c = tf.util.sizeFromShape(kept);
    // Reducing every axis needs no transpose, so the built-in kernel is fast there.
    const fast = x.dtype === "float32" && count > 0 && count < x.shape.length && m * c > 0;
    return withWasmKernels(backend, (run, constant) => {
      if (!fast) return run(kind, { x }, { axis, keepDims });
      const wasm = backend as BackendWasm;
      const shape = keepDims ? [...x.shape.slice(0, count).map(() => 1), ...kept] : kept;
      const out = wasm.makeOutput(shape, "float32");
      const totals = columnTotals(wasm, constant(() => {}, [c]), x, m);
      const values = wasm.typedArrayFromHeap(out) as Float32Array;
      for (let i = 0; i < c; i++) values[i] = kind === "Mean" ? totals[i] / m : totals[i];
      return out;
    });
  }) as unknown as KernelFunc;
}

/** `Sum` for `wasm`: leading axes of float32 data by column sums (`column_sums.wat`). */
export const sumConfig: KernelConfig = {
  kernelName: "Sum",
  backendName: "wasm",
  kernelFunc: reduceLeadingAxes("Sum"),
};

/** `Mean` for `wasm`: leading axes of float32 data by column sums, divided once. */
export const meanConfig: KernelConfig = {
  kernelName: "Mean",
  backendName: "wasm",
  kernelFunc: reduceLeadingAxes("Mean"),
};
