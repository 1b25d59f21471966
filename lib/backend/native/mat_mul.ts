/**
 * `BatchMatMul` on the system's BLAS: every matrix product of the batch is one `sgemm` call
 * that reads both operands from, and writes the result into, the wasm backend's memory.
 *
 * A batch of products multiplies a[i] by b[i]; an operand with a batch of one is reused for
 * every i (tfjs's broadcasting rule for `matMul`). Transposed operands need no copy: BLAS reads
 * a matrix stored [k, m] as its transpose directly, which is how a dense layer's gradients
 * (xᵀ·dy and dy·wᵀ) are computed.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { BatchMatMulAttrs, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { Blas } from "./blas.ts";
import { withWasmKernels } from "../kernels/wasm_calls.ts";

/** The sizes of a batched product a·b: `batch` products of [m, k]·[k, n]. */
export interface ProductShape {
  /** Matrices in a and in b (each 1 or `batch`). */
  batchA: number;
  batchB: number;
  batch: number;
  m: number;
  n: number;
  k: number;
  /** The result's shape: the broadcast batch axes, then [m, n]. */
  outShape: number[];
}

/**
 * Works out a batched product's sizes from the operands' shapes, checking them as tfjs's own
 * kernels do.
 *
 * @example
 * ```ts
 * productShape([32, 784], [784, 10], false, false); // m 32, n 10, k 784, batch 1
 * ```
 */
export function productShape(
  a: number[],
  b: number[],
  transposeA: boolean,
  transposeB: boolean,
): ProductShape {
  const [a0, a1] = a.slice(-2);
  const [b0, b1] = b.slice(-2);
  const [m, k] = transposeA ? [a1, a0] : [a0, a1];
  const [kB, n] = transposeB ? [b1, b0] : [b0, b1];
  if (k !== kB) {
    throw new Error(`Error in matMul: inner shapes (${k}) and (${kB}) of [${a}] and [${b}] differ`);
  }
  const batchA = tf.util.sizeFromShape(a.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.slice(0, -2));
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) {
    throw new Error(`Error in matMul: batch sizes ${batchA} and ${batchB} do not broadcast`);
  }
  const outer = tf.backend_util.assertAndGetBroadcastShape(a.slice(0, -2), b.slice(0, -2));
  return { batchA, batchB, batch: Math.max(batchA, batchB), m, n, k, outShape: [...outer, m, n] };
}

/**
 * Writes a·b (+ `beta` times what `out` already holds) into `out`, a buffer of the right size
 * in the same wasm memory. Views of the memory are taken here, after every allocation, since
 * growing the memory detaches older views.
 *
 * @example
 * ```ts
 * const out = backend.makeOutput(shape.outShape, "float32");
 * multiplyInto(blas, backend, a, b, false, true, shape, 0, out);
 * ```
 */
export function multiplyInto(
  blas: Blas,
  backend: BackendWasm,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  shape: ProductShape,
  beta: number,
  out: TensorInfo,
): void {
  const { batchA, batchB, batch, m, n, k } = shape;
  if (m * n === 0) return;
  const c = backend.typedArrayFromHeap(out) as Float32Array;
  if (k === 0) {
    if (beta === 0) c.fill(0);
    return;
  }
  const left = backend.typedArrayFromHeap(a) as Float32Array;
  const right = backend.typedArrayFromHeap(b) as Float32Array;
  for (let i = 0; i < batch; i++) {
    const ai = batchA === 1 ? 0 : i;
    const bi = batchB === 1 ? 0 : i;
    blas.sgemm(
      transposeA,
      transposeB,
      m,
      n,
      k,
      left.subarray(ai * m * k, (ai + 1) * m * k),
      right.subarray(bi * k * n, (bi + 1) * k * n),
      beta,
      c.subarray(i * m * n, (i + 1) * m * n),
    );
  }
}

interface Args {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: BackendWasm;
  attrs: BatchMatMulAttrs;
}

/**
 * The `BatchMatMul` kernel for the `native` backend, computing with `blas`. Non-float32
 * operands go to the wasm backend's own kernel.
 *
 * @example
 * ```ts
 * tf.registerKernel(nativeBatchMatMul(blas)); // tf.matMul on "native" now runs on BLAS
 * ```
 */
export function nativeBatchMatMul(blas: Blas): KernelConfig {
  const kernelFunc = ({ inputs: { a, b }, backend, attrs }: Args): TensorInfo => {
    if (a.dtype !== "float32" || b.dtype !== "float32") {
      return withWasmKernels(backend, (run) => run("BatchMatMul", { a, b }, { ...attrs }));
    }
    const { transposeA, transposeB } = attrs;
    const shape = productShape(a.shape, b.shape, transposeA, transposeB);
    const out = backend.makeOutput(shape.outShape, "float32");
    multiplyInto(blas, backend, a, b, transposeA, transposeB, shape, 0, out);
    return out;
  };
  return {
    kernelName: "BatchMatMul",
    backendName: "native",
    kernelFunc: kernelFunc as unknown as KernelFunc,
  };
}
