/**
 * Choosing where TensorFlow.js computes. `wasm` (WebAssembly with SIMD) is the default and
 * about 25 times faster than `cpu`, the pure-JavaScript fallback.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { registerFastKernels } from "./kernels/mod.ts";

/** The backends the course supports, fastest first. */
export const BACKENDS = ["wasm", "cpu"] as const;

/** One of {@linkcode BACKENDS}. */
export type BackendName = (typeof BACKENDS)[number];

/**
 * Starts `requested` and returns the backend actually in use: when `wasm` cannot start, a
 * warning goes to stderr and training continues on `cpu`.
 *
 * Production mode is switched on first: it silences tfjs's "running in Node.js" banner, which
 * suggests a package that cannot be installed here. On `wasm` the course's training kernels
 * (see `kernels/mod.ts`) replace the built-in ones that are missing or slow.
 *
 * @example
 * ```ts
 * const backend = await startBackend("wasm"); // "wasm"
 * ```
 */
export async function startBackend(requested: BackendName): Promise<BackendName> {
  tf.enableProdMode();
  if (requested === "wasm") {
    try {
      if (await tf.setBackend("wasm")) {
        await tf.ready();
        registerFastKernels();
        return "wasm";
      }
    } catch (error) {
      console.error(`warning: the wasm backend could not start (${(error as Error).message}).`);
    }
    console.error("warning: falling back to the cpu backend, which is about 25x slower.");
  }
  await tf.setBackend("cpu");
  await tf.ready();
  return "cpu";
}
