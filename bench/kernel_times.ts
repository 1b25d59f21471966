/**
 * Where a training step spends its time, kernel by kernel: every kernel of a backend is
 * wrapped with a clock while the timed steps run (`deno task bench --kernels`).
 *
 * A kernel of the wasm and native backends runs synchronously, so the wall-clock time around
 * its `kernelFunc` is its cost. Only the calling thread's kernels are seen: a step shared by
 * worker threads (`--workers 2`, the CNNs' default) shows the main thread's share alone (the
 * optimizer), so profile a CNN with `--workers 1`.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** One kernel's total over the timed steps. */
export interface KernelTime {
  /** The kernel's name, e.g. `Conv2DBackpropFilter`. */
  kernel: string;
  /** Milliseconds spent in it. */
  ms: number;
  /** How many times it ran. */
  calls: number;
}

/**
 * Wraps every kernel registered for `backend` with a clock. Returns `stop`, which puts the
 * original kernels back and returns each kernel's total, slowest first.
 *
 * @example
 * ```ts
 * const stop = timeKernels("wasm");
 * await fit(model, digits, options);
 * const slowest = stop()[0]; // e.g. { kernel: "Conv2DBackpropFilter", ms: 812, calls: 20 }
 * ```
 */
export function timeKernels(backend: string): () => KernelTime[] {
  const totals = new Map<string, KernelTime>();
  const originals = tf.getKernelsForBackend(backend);
  const swap = (config: tf.KernelConfig) => {
    tf.unregisterKernel(config.kernelName, backend);
    tf.registerKernel(config);
  };
  for (const original of originals) {
    const time: KernelTime = { kernel: original.kernelName, ms: 0, calls: 0 };
    totals.set(original.kernelName, time);
    swap({
      ...original,
      kernelFunc: (args) => {
        const started = performance.now();
        try {
          return original.kernelFunc(args);
        } finally {
          time.ms += performance.now() - started;
          time.calls++;
        }
      },
    });
  }
  return () => {
    originals.forEach(swap);
    return [...totals.values()].filter((t) => t.calls > 0).sort((a, b) => b.ms - a.ms);
  };
}
