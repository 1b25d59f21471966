/**
 * Running the course's own WebAssembly (the `.wat` files here, assembled by `deno task wasm`)
 * on the wasm backend's memory, where the tensors are: each module imports that memory as
 * `tfjs.memory` and takes byte offsets of tensors ({@linkcode addressOf}), so
 * nothing is copied in or out.
 *
 * @module
 */
import type { TensorInfo } from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

const compiled = new WeakMap<Uint8Array, WebAssembly.Module>();
const instances = new WeakMap<
  WebAssembly.Module,
  WeakMap<WebAssembly.Memory, WebAssembly.Exports>
>();

/** The wasm backend's memory (emscripten exports it as `asm.memory`). */
function memoryOf(backend: BackendWasm): WebAssembly.Memory {
  return (backend.wasm as unknown as { asm: { memory: WebAssembly.Memory } }).asm.memory;
}

/**
 * The exports of the module `bytes`, instantiated on `backend`'s memory (once per module and
 * memory; later calls return the same exports).
 *
 * @example
 * ```ts
 * const { adam } = exportsOn(backend, WASM_BYTES) as { adam: AdamFunction };
 * ```
 */
export function exportsOn(backend: BackendWasm, bytes: Uint8Array): WebAssembly.Exports {
  let module = compiled.get(bytes);
  if (module === undefined) {
    module = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
    compiled.set(bytes, module);
  }
  let byMemory = instances.get(module);
  if (byMemory === undefined) {
    byMemory = new WeakMap();
    instances.set(module, byMemory);
  }
  const memory = memoryOf(backend);
  let exports = byMemory.get(memory);
  if (exports === undefined) {
    exports = new WebAssembly.Instance(module, { tfjs: { memory } }).exports;
    byMemory.set(memory, exports);
  }
  return exports;
}

/**
 * Where tensor `t`'s values start in `backend`'s memory, in bytes: what the course's WebAssembly
 * functions take. It stays valid when the memory grows (only views of it go stale).
 *
 * @example
 * ```ts
 * adam(addressOf(backend, value), addressOf(backend, gradient), ...);
 * ```
 */
export function addressOf(backend: BackendWasm, t: TensorInfo): number {
  return backend.typedArrayFromHeap(t).byteOffset;
}
