/**
 * The machine's WebAssembly matmul ceiling: the best rate tfjs's wasm backend multiplies large
 * matrices at on one thread (XNNPACK's product: the course's own, in `products.wat`, is slower
 * at this size and takes only products of a batch of rows). A training step cannot beat it by much on wasm, so the bench
 * reports each model's achieved GFLOP/s as a share of it (times the threads sharing the step).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { startBackend } from "../lib/backend/backend.ts";

/** Side of the square matrices multiplied. */
export const CEILING_SIZE = 1024;

/** Timed multiplications; the fastest counts. */
export const CEILING_REPS = 10;

/**
 * Times `tf.matMul` of two `size`×`size` matrices on the wasm backend, best of `reps`, and
 * returns GFLOP/s (2·size³ operations per product); undefined when wasm cannot start.
 *
 * @example
 * ```ts
 * await measureWasmCeiling(); // e.g. 36.5
 * ```
 */
export async function measureWasmCeiling(
  size = CEILING_SIZE,
  reps = CEILING_REPS,
): Promise<number | undefined> {
  if (await startBackend("wasm") !== "wasm") return undefined;
  const a = tf.randomUniform([size, size]);
  const b = tf.randomUniform([size, size]);
  let best = Infinity;
  for (let rep = 0; rep <= reps; rep++) { // rep 0 warms up and is not timed
    const started = performance.now();
    const product = tf.matMul(a, b);
    product.dataSync();
    const ms = performance.now() - started;
    product.dispose();
    if (rep > 0) best = Math.min(best, ms);
  }
  a.dispose();
  b.dispose();
  return (2 * size ** 3) / (best * 1e6);
}
