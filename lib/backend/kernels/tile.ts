/**
 * A fast `Tile` for the wasm backend, whose built-in kernel copies element by element through
 * generic index arithmetic (about 50 ns per element: 0.2 s to tile a batch-norm scale over a
 * 128×24×24×64 batch).
 *
 * The idea: tiling is broadcasting. Tiling x of shape [d0, d1] by reps [r0, r1] gives
 *
 *     out[i0·d0 + j0, i1·d1 + j1] = x[j0, j1]
 *
 * which, viewed as a tensor of shape [r0, d0, r1, d1], is x (shaped [1, d0, 1, d1]) broadcast
 * along the r axes. Multiplying by a tensor of ones shaped [r0, 1, r1, 1] performs exactly that
 * broadcast (x · 1 = x exactly), and XNNPACK's broadcasting multiply streams through memory.
 *
 * XNNPACK broadcasts up to 6 axes; axes of size 1 are dropped and neighbouring axes of the
 * same kind merged first, so a typical tile needs two or three. Anything else (more axes, or
 * integer tensors) goes to the built-in kernel.
 *
 * @module
 */
import type {
  KernelBackend,
  KernelConfig,
  KernelFunc,
  TensorInfo,
  TileAttrs,
} from "@tensorflow/tfjs";
import { withWasmKernels } from "./wasm_calls.ts";

interface Args {
  inputs: { x: TensorInfo };
  backend: KernelBackend;
  attrs: TileAttrs;
}

/** Most axes XNNPACK's broadcasting binary operators accept. */
const MAX_BROADCAST_AXES = 6;

/**
 * The interleaved view [r0, d0, r1, d1, ...] as two shapes of equal rank: ones (the r axes)
 * and x (the d axes), with size-1 axes dropped and runs of the same kind merged.
 */
function broadcastView(shape: number[], reps: number[]): { ones: number[]; x: number[] } {
  const ones: number[] = [];
  const x: number[] = [];
  let last: "rep" | "data" | undefined;
  const push = (size: number, kind: "rep" | "data") => {
    if (size === 1) return;
    if (kind === last) {
      (kind === "rep" ? ones : x)[ones.length - 1] *= size;
      return;
    }
    ones.push(kind === "rep" ? size : 1);
    x.push(kind === "rep" ? 1 : size);
    last = kind;
  };
  shape.forEach((size, axis) => {
    push(reps[axis], "rep");
    push(size, "data");
  });
  return { ones, x };
}

function tile({ inputs: { x }, backend, attrs: { reps } }: Args): TensorInfo {
  const view = broadcastView(x.shape, reps);
  return withWasmKernels(backend, (run) => {
    if (x.dtype !== "float32" || view.x.length > MAX_BROADCAST_AXES) {
      return run("Tile", { x }, { reps });
    }
    const ones = run("Fill", {}, { shape: view.ones, value: 1, dtype: "float32" });
    const viewed = run("Reshape", { x }, { shape: view.x });
    const tiled = run("Multiply", { a: viewed, b: ones });
    return run("Reshape", { x: tiled }, { shape: x.shape.map((size, axis) => size * reps[axis]) });
  });
}

/** `Tile` for `wasm` as a broadcasting multiply by ones (float32, up to 6 broadcast axes). */
export const tileConfig: KernelConfig = {
  kernelName: "Tile",
  backendName: "wasm",
  kernelFunc: tile as unknown as KernelFunc,
};
