/**
 * An `Identity` for the wasm backend that shares its input's buffer instead of copying it, and
 * a `Cast` that does the same when the type does not change.
 *
 * tfjs tensors are immutable: no kernel writes into an existing buffer, and a variable's
 * `assign` swaps in a new buffer. So a copy of a tensor can share the original's memory, as the
 * `Reshape` kernel and the cpu backend's `Identity` already do; the backend counts references
 * and frees the buffer when the last one is disposed. This matters for training: to keep what
 * backprop needs, the engine clones every saved tensor, which with the built-in kernel meant
 * copying each layer's activations (about 3% of a CNN's training step). Likewise the gradient
 * of every ReLU casts a float32 mask to float32 (`dy · cast(step(x), "float32")`), which the
 * built-in `Cast` copied.
 *
 * @module
 */
import type { CastAttrs, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { withWasmKernels } from "./wasm_calls.ts";

interface Args {
  inputs: { x: TensorInfo };
  backend: BackendWasm;
  attrs: CastAttrs;
}

function identity({ inputs: { x }, backend }: Omit<Args, "attrs">): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

function cast({ inputs, backend, attrs }: Args): TensorInfo {
  const { x } = inputs;
  if (x.dtype === attrs.dtype) return identity({ inputs, backend });
  if (attrs.dtype !== "bool") {
    return withWasmKernels(backend, (run) => run("Cast", inputs, { ...attrs }));
  }
  const out = backend.makeOutput(x.shape, "bool");
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  for (let i = 0; i < from.length; i++) to[i] = from[i] === 0 ? 0 : 1;
  return out;
}

/** `Identity` for `wasm`: one more reference to the same buffer, no copy. */
export const identityConfig: KernelConfig = {
  kernelName: "Identity",
  backendName: "wasm",
  kernelFunc: identity as unknown as KernelFunc,
};

/**
 * `Cast` for `wasm`: to the same type, a shared buffer; to `bool`, 1 for every nonzero value
 * (the built-in kernel wraps them instead: -2 became 254); to another type, the built-in kernel.
 */
export const castConfig: KernelConfig = {
  kernelName: "Cast",
  backendName: "wasm",
  kernelFunc: cast as unknown as KernelFunc,
};
