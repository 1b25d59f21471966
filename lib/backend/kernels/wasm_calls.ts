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

/** Copies float32 `values` of the given `shape` into wasm memory: a constant for a kernel. */
export type MakeConstant = (values: number[], shape: number[]) => TensorInfo;

/**
 * Runs `body`, giving it `run`, which calls the kernels tfjs-backend-wasm ships (never our
 * replacements) by name, and `constant`, which copies small constants into wasm memory; returns
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
    const dataId = backend.write(new Float32Array(values), shape, "float32");
    const info = { dataId, shape, dtype: "float32" as const };
    made.push(info);
    return info;
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
