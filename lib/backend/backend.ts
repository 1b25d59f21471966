/**
 * Choosing where TensorFlow.js computes. `wasm` (WebAssembly with SIMD) is the default and
 * about 25 times faster than `cpu`, the pure-JavaScript fallback. `native` is wasm with the
 * matrix products of dense and convolution layers on the system's BLAS (OpenBLAS on Linux,
 * Accelerate on macOS) through Deno FFI; it needs `--allow-ffi` (see `native/mod.ts`), and is
 * faster than wasm: about 1.3x for softmax regression, 2x for the larger MLPs, 3x for the CNNs.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { registerFastKernels } from "./kernels/mod.ts";
import { openBlas } from "./native/blas.ts";
import { registerNativeBackend } from "./native/mod.ts";

/** The backends the course supports. */
export const BACKENDS = ["wasm", "native", "cpu"] as const;

/** One of {@linkcode BACKENDS}. */
export type BackendName = (typeof BACKENDS)[number];

/**
 * Starts `requested` and returns the backend actually in use. When `native` finds no BLAS (or
 * no `--allow-ffi`), one line on stderr says why and wasm runs instead; when `wasm` cannot
 * start, a warning goes to stderr and training continues on `cpu`.
 *
 * Production mode is switched on first: it silences tfjs's "running in Node.js" banner, which
 * suggests a package that cannot be installed here. On `wasm` the course's training kernels
 * (see `kernels/mod.ts`) replace the built-in ones that are missing or slow; `native` has them
 * too. Inside a training worker (`lib/train/parallel/`) BLAS gets one thread per process, as
 * the workers already use every core.
 *
 * @example
 * ```ts
 * const backend = await startBackend("native"); // "native", or "wasm" without a BLAS
 * ```
 */
export async function startBackend(requested: BackendName): Promise<BackendName> {
  tf.enableProdMode();
  if (requested !== "cpu") {
    const blas = requested === "native" ? openBlas() : undefined;
    if (typeof blas === "string") console.error(`native backend unavailable (${blas}); using wasm`);
    try {
      if (await tf.setBackend("wasm")) {
        await tf.ready();
        registerFastKernels();
        if (typeof blas !== "object") return "wasm";
        // A training worker shares the cores with the others: one BLAS thread each is faster.
        if ("WorkerGlobalScope" in globalThis) blas.setThreads(1);
        registerNativeBackend(blas);
        await tf.setBackend("native");
        return "native";
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
