/**
 * The geometry of a 2-D convolution (sizes, strides and the padding on each side) as both
 * gradient kernels need it.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { backend_util } from "@tensorflow/tfjs";

/** What a forward convolution looked like: tfjs's `Conv2DInfo` for NHWC data. */
export type ConvGeometry = backend_util.Conv2DInfo;

/**
 * Works out the forward convolution of an input of shape `inputShape` with a filter of shape
 * `filterShape`, exactly as the forward kernel did: `pad` is `"valid"`, `"same"`, a number, or
 * explicit `[[0, 0], [top, bottom], [left, right], [0, 0]]`. With `"same"` the total padding
 * can be odd (stride 2 on an even size, for example); tfjs then puts the extra row at the
 * bottom and the extra column at the right, and `padInfo` says so.
 *
 * Throws for channels-first data, which the wasm convolution does not support.
 *
 * @example
 * ```ts
 * const g = convGeometry([1, 6, 6, 1], [3, 3, 1, 1], 2, "same", "NHWC");
 * // g.outHeight === 3, g.padInfo.top === 0, g.padInfo.bottom === 1
 * ```
 */
export function convGeometry(
  inputShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: [number, number] | number,
  pad: "valid" | "same" | number | backend_util.ExplicitPadding,
  dataFormat: "NHWC" | "NCHW",
  dimRoundingMode?: "floor" | "round" | "ceil",
): ConvGeometry {
  if (dataFormat !== "NHWC") {
    throw new Error(`the fast wasm convolution gradients support NHWC only, not ${dataFormat}`);
  }
  return tf.backend_util.computeConv2DInfo(
    inputShape,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    "channelsLast",
  );
}

/** Explicit NHWC padding for the wasm `Conv2D` kernel: rows top/bottom, columns left/right. */
export function explicitPad(
  top: number,
  bottom: number,
  left: number,
  right: number,
): backend_util.ExplicitPadding {
  return [[0, 0], [top, bottom], [left, right], [0, 0]];
}
