/**
 * The machine's WebAssembly matmul ceiling: the best rate the wasm backend multiplies large
 * matrices at on one thread, with tfjs's own kernel (XNNPACK) or the course's
 * (`lib/backend/kernels/products.wat`), whichever is faster. A training step cannot beat it by
 * much on wasm, so the bench reports each model's achieved GFLOP/s as a share of it (times the
 * threads sharing the step).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { startBackend } from "../lib/backend/backend.ts";
import { withWasmKernels } from "../lib/backend/kernels/wasm_calls.ts";

/** Side of the square matrices multiplied. */
export const CEILING_SIZE = 1024;

/** Timed multiplications per kernel; the fastest counts. */
export const CEILING_REPS = 10;

/** GFLOP/s of each wasm matmul kernel, and the ceiling: the faster of the two. */
export interface WasmCeiling {
  /** tfjs-backend-wasm's own `BatchMatMul` (XNNPACK). */
  xnnpack: number;
  /** The course's `BatchMatMul` (`tf.matMul` once the course's kernels are installed). */
  course: number;
  /** The larger of the two. */
  gflops: number;
}

/**
 * Times the product of two `size`×`size` matrices on the wasm backend with each kernel, best
 * of `reps`, in GFLOP/s (2·size³ operations per product); undefined when wasm cannot start.
 *
 * @example
 * ```ts
 * (await measureWasmCeiling())?.gflops; // e.g. 21.3
 * ```
 */
export async function measureWasmCeiling(
  size = CEILING_SIZE,
  reps = CEILING_REPS,
): Promise<WasmCeiling | undefined> {
  if (await startBackend("wasm") !== "wasm") return undefined;
  const a = tf.randomUniform([size, size]);
  const b = tf.randomUniform([size, size]);
  const backend = tf.backend();
  // The same right-hand matrix each time: XNNPACK packs it once and keeps it, so this is its
  // best rate; the course's product copies it into panels every time.
  const xnnpack = bestRate(size, reps, () =>
    tf.engine().makeTensorFromTensorInfo(
      withWasmKernels(backend, (run) => run("BatchMatMul", { a, b })),
    ));
  const course = bestRate(size, reps, () => tf.matMul(a, b));
  a.dispose();
  b.dispose();
  return { xnnpack, course, gflops: Math.max(xnnpack, course) };
}

/** The best GFLOP/s of `reps` products made by `multiply`, after one untimed warm-up. */
function bestRate(size: number, reps: number, multiply: () => tf.Tensor): number {
  let best = Infinity;
  for (let rep = 0; rep <= reps; rep++) { // rep 0 warms up and is not timed
    const started = performance.now();
    const product = multiply();
    product.dataSync();
    const ms = performance.now() - started;
    product.dispose();
    if (rep > 0) best = Math.min(best, ms);
  }
  return (2 * size ** 3) / (best * 1e6);
}
