/**
 * Calling the wasm backend's own kernels from inside a kernel we register ourselves.
 *
 * A kernel receives and returns `TensorInfo`s: plain handles to buffers in WebAssembly memory.
 * Calling another kernel's `kernelFunc` directly (instead of going through `tf.*` ops) keeps the
 * data in wasm memory, skips the engine's bookkeeping and keeps the gradient tape out of it.
 * Every buffer made along the way is an intermediate that we must free ourselves.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type {
  KernelBackend,
  KernelConfig,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from "@tensorflow/tfjs";

// The kernels tfjs-backend-wasm registered when it loaded, before we replaced any: a fast
// kernel that falls back to (or builds on) the built-in one of the same name finds it here.
const BUILT_IN = new Map<string, KernelConfig>(
  tf.getKernelsForBackend("wasm").map((kernel) => [kernel.kernelName, kernel]),
);

/** Runs tfjs-backend-wasm's own kernel `name` on `inputs` with `attrs`; returns its output. */
export type RunWasmKernel = (
  name: string,
  inputs: NamedTensorInfoMap,
  attrs?: NamedAttrMap,
) => TensorInfo;

/**
 * A float32 tensor of the given `shape` in wasm memory, for a kernel to use: `values` are
 * copied in, or, given as a function, write them into the new buffer in place (for a large
 * intermediate that JavaScript computes).
 */
export type MakeConstant = (
  values: ArrayLike<number> | ((buffer: Float32Array) => void),
  shape: number[],
) => TensorInfo;

/**
 * Runs `body`, giving it `run`, which calls the kernels tfjs-backend-wasm ships (never our
 * replacements) by name, and `constant`, which puts constants into wasm memory; returns
 * `body`'s result. Everything else `run` and `constant` made is freed afterwards, also when
 * `body` throws, so a kernel built from other kernels leaks nothing.
 *
 * @example
 * ```ts
 * // Inside a kernelFunc({ inputs, backend }):
 * const out = withWasmKernels(backend, (run) => {
 *   const t = run("Transpose", { x: inputs.x }, { perm: [1, 0] });
 *   return run("Reshape", { x: t }, { shape: [-1] }); // t is freed, the result is kept
 * });
 * ```
 */
export function withWasmKernels(
  backend: KernelBackend,
  body: (run: RunWasmKernel, constant: MakeConstant) => TensorInfo,
): TensorInfo {
  const made: TensorInfo[] = [];
  const run: RunWasmKernel = (name, inputs, attrs = {}) => {
    const kernel = BUILT_IN.get(name);
    if (kernel === undefined) throw new Error(`the wasm backend has no ${name} kernel`);
    const out = kernel.kernelFunc({ inputs, attrs, backend }) as TensorInfo;
    made.push(out);
    return out;
  };
  const constant: MakeConstant = (values, shape) => {
    if (typeof values !== "function") {
      const dataId = backend.write(Float32Array.from(values), shape, "float32");
      made.push({ dataId, shape, dtype: "float32" });
    } else {
      const wasm = backend as BackendWasm;
      const info = wasm.makeOutput(shape, "float32");
      made.push(info);
      values(wasm.typedArrayFromHeap(info) as Float32Array);
    }
    return made.at(-1)!;
  };
  let result: TensorInfo | undefined;
  try {
    result = body(run, constant);
    return result;
  } finally {
    // Reshape shares its input's buffer and counts references, so freeing an intermediate whose
    // buffer the result shares only drops a reference.
    for (const info of made) if (info !== result) backend.disposeData(info.dataId);
  }
}
