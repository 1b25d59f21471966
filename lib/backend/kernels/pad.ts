/**
 * Zero padding around a batch of NHWC images in one pass of row copies (`pad.wat`), for the
 * convolution kernels that read a padded input; the built-in `PadV2` kernel takes about ten
 * times longer (16 ms for a batch of 64 images of 24x24x64).
 *
 * @module
 */
import type { TensorInfo } from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { WASM_BYTES } from "./pad_wasm.ts";
import { addressOf, exportsOn } from "./own_wasm.ts";
import type { MakeConstant } from "./wasm_calls.ts";

/** The exported function of `pad.wat`: byte offsets, then sizes. */
type Pad = (...args: number[]) => void;

/**
 * `x` (float32, [n, h, w, c]) in the middle of zeros, as a new [n, height, width, c] tensor
 * with x's first pixel at row `top`, column `left`; `x` itself when nothing is added. The
 * padded size must hold x (no cropping).
 *
 * @example
 * ```ts
 * // Inside a kernel, with constant from withWasmKernels: one pixel of zeros all around.
 * const padded = padImages(backend, constant, x, 1, 1, h + 2, w + 2);
 * ```
 */
export function padImages(
  backend: BackendWasm,
  constant: MakeConstant,
  x: TensorInfo,
  top: number,
  left: number,
  height: number,
  width: number,
): TensorInfo {
  const [batch, inHeight, inWidth, channels] = x.shape;
  if (top === 0 && left === 0 && height === inHeight && width === inWidth) return x;
  if (top < 0 || left < 0 || height < top + inHeight || width < left + inWidth) {
    throw new Error(`padding ${x.shape} to ${height}x${width} at (${top}, ${left}) would crop it`);
  }
  const y = constant(() => {}, [batch, height, width, channels]);
  if (batch * inHeight * inWidth * channels === 0) {
    (backend.typedArrayFromHeap(y) as Float32Array).fill(0);
    return y;
  }
  const { pad } = exportsOn(backend, WASM_BYTES) as { pad: Pad };
  pad(
    addressOf(backend, x),
    addressOf(backend, y),
    batch,
    inHeight,
    inWidth,
    channels,
    height,
    width,
    top,
    left,
  );
  return y;
}
