/**
 * Timing one model on one backend the way the lessons train: through `fit` from
 * `lib/train/fit.ts` (batches assembled from bytes, metrics summed on the backend and read
 * back once at the end of the epoch), after a short warm-up that compiles and allocates.
 *
 * @module
 */
import { type BackendName, startBackend } from "../lib/backend/backend.ts";
import { type Digits, selectDigits } from "../lib/data/digits.ts";
import { fit } from "../lib/train/fit.ts";
import { seedEverything } from "../lib/cli/random.ts";
import type { BenchModel } from "./models.ts";
import { type KernelTime, timeKernels } from "./kernel_times.ts";

/** Steps trained, untimed, before the timed run. */
export const WARMUP_STEPS = 1;

/** One model's time on one backend. */
export interface Timing {
  /** The backend that actually ran (wasm may fall back to cpu). */
  backend: BackendName;
  /** Timed steps. */
  steps: number;
  /** Threads that shared each step. */
  workers: number;
  /** Mean wall-clock milliseconds per training step. */
  msPerStep: number;
  /** Training images per second. */
  imagesPerSecond: number;
  /** With `kernels`: each kernel's total over the timed steps, slowest first (main thread). */
  kernels?: KernelTime[];
}

/**
 * Trains a fresh `spec` model for `steps` steps on `backend` with examples from `train` and
 * returns the time per step, with `workers` threads sharing each step; with `kernels`, also
 * the time of each kernel (see `kernel_times.ts`; the clocks add a little to the step).
 *
 * @example
 * ```ts
 * const timing = await measure(BENCH_MODELS.softmax, "wasm", 10, train, 42, 1);
 * timing.msPerStep; // e.g. 3.9
 * ```
 */
export async function measure(
  spec: BenchModel,
  backend: BackendName,
  steps: number,
  train: Digits,
  seed: number,
  workers: number,
  kernels = false,
): Promise<Timing> {
  const running = await startBackend(backend);
  const rng = seedEverything(seed);
  const model = spec.build();
  const optimizer = spec.optimizer();
  const run = (count: number) =>
    fit(model, firstExamples(train, count * spec.batchSize), {
      epochs: 1,
      batchSize: spec.batchSize,
      optimizer,
      rng,
      layout: spec.layout,
      workers,
    });
  await run(WARMUP_STEPS);
  const stopClocks = kernels ? timeKernels(running) : undefined;
  const [log] = await run(steps);
  const kernelTimes = stopClocks?.();
  model.dispose();
  optimizer.dispose();
  const msPerStep = (log.seconds * 1000) / steps;
  return {
    backend: running,
    steps,
    workers,
    msPerStep,
    imagesPerSecond: (spec.batchSize * 1000) / msPerStep,
    ...(kernelTimes ? { kernels: kernelTimes } : {}),
  };
}

/** The first `count` examples of `digits`, starting over when there are fewer. */
function firstExamples(digits: Digits, count: number): Digits {
  return selectDigits(digits, Int32Array.from({ length: count }, (_, i) => i % digits.count));
}
