/**
 * An `Identity` for the wasm backend that shares its input's buffer instead of copying it.
 *
 * tfjs tensors are immutable: no kernel writes into an existing buffer, and a variable's
 * `assign` swaps in a new buffer. So a copy of a tensor can share the original's memory, as the
 * `Reshape` kernel and the cpu backend's `Identity` already do; the backend counts references
 * and frees the buffer when the last one is disposed. This matters for training: to keep what
 * backprop needs, the engine clones every saved tensor, which with the built-in kernel meant
 * copying each layer's activations (about 3% of a CNN's training step).
 *
 * @module
 */
import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";

interface Args {
  inputs: { x: TensorInfo };
  backend: KernelBackend;
}

function identity({ inputs: { x }, backend }: Args): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/** `Identity` for `wasm`: one more reference to the same buffer, no copy. */
export const identityConfig: KernelConfig = {
  kernelName: "Identity",
  backendName: "wasm",
  kernelFunc: identity as unknown as KernelFunc,
};
