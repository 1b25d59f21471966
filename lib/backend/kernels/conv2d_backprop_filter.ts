/**
 * A fast `Conv2DBackpropFilter` for the wasm backend, which has none.
 *
 * The math. A forward convolution (a correlation, as in every deep-learning library) with
 * stride s, on the input `xp` padded as the forward pass padded it, is
 *
 *     y[n, i, j, co] = Σ_{kh, kw, ci} xp[n, s·i + kh, s·j + kw, ci] · w[kh, kw, ci, co]
 *
 * so the gradient of the loss with respect to one filter weight sums over every place the
 * weight was used:
 *
 *     dw[kh, kw, ci, co] = Σ_{n, i, j} xp[n, s·i + kh, s·j + kw, ci] · dy[n, i, j, co].
 *
 * A 3x3 filter with stride 1, input channels a multiple of 4 and output channels a multiple of
 * 8 (all but the first layer of the course's CNNs) takes Winograd's algorithm (`winograd.ts`):
 * 16 multiplications per 2x2 block of `dy` instead of 36. Other layers whose output channels
 * are a multiple of 8 (the first layers) go to hand-written WebAssembly (`products.wat`) that
 * computes the sum straight from `xp` and `dy`, a tile of 4 taps by 8 channels at a time.
 * Otherwise the backend's forward convolution (XNNPACK) does:
 * the sum is itself a correlation. Take the "image" X[ci, h, w, n] = xp[n, h, w, ci] (input
 * channels become the batch, the batch becomes the channels) and the "filter"
 * F[i, j, n, co] = dy[n, i, j, co] (the output gradient is the filter):
 *
 *     dw[kh, kw, ci, co] = Σ_{i, j, n} X[ci, kh + s·i, kw + s·j, n] · F[i, j, n, co]
 *
 * which is a forward convolution with stride 1 whose filter taps are s pixels apart
 * (dilation s), giving an output of shape [ci, kh, kw, co]. One transpose turns it back into
 * the [kh, kw, ci, co] layout of a filter. It is about half as fast: XNNPACK repacks its
 * "filter", here the whole output gradient, on every call.
 *
 * @module
 */
import type {
  Conv2DBackpropFilterAttrs,
  KernelBackend,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { type ConvGeometry, convGeometry, explicitPad } from "./conv_geometry.ts";
import { padImages } from "./pad.ts";
import { WASM_BYTES } from "./products_wasm.ts";
import { addressOf, exportsOn } from "./own_wasm.ts";
import { type MakeConstant, withWasmKernels } from "./wasm_calls.ts";
import { winogradFilterGrad, winogradFits } from "./winograd.ts";

type Shape4 = [number, number, number, number];

interface Args {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: KernelBackend;
  attrs: Conv2DBackpropFilterAttrs;
}

function conv2DBackpropFilter({ inputs: { x, dy }, backend, attrs }: Args): TensorInfo {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  const g = convGeometry(x.shape as Shape4, filterShape, strides, pad, dataFormat, dimRoundingMode);
  const { top, left } = g.padInfo;
  // The forward pass read rows top..(outHeight-1)·s + filterHeight - 1 of the padded input;
  // pad (or, when negative, trim) the bottom so the dilated correlation yields exactly
  // filterHeight rows. Likewise for columns.
  const bottom = g.filterHeight + (g.outHeight - 1) * g.strideHeight - g.inHeight - top;
  const right = g.filterWidth + (g.outWidth - 1) * g.strideWidth - g.inWidth - left;
  return withWasmKernels(backend, (run, constant) => {
    if (winogradFits(filterShape, strides, 1)) {
      const padding = { top, left, bottom: Math.max(bottom, 0), right: Math.max(right, 0) };
      return winogradFilterGrad(backend as BackendWasm, constant, x, dy, padding);
    }
    if (g.outChannels % 8 === 0) {
      return direct(constant, backend as BackendWasm, x, dy, g, bottom, right);
    }
    const image = run("Transpose", { x }, { perm: [3, 1, 2, 0] }); // [ci, h, w, n]
    const filter = run("Transpose", { x: dy }, { perm: [1, 2, 0, 3] }); // [i, j, n, co]
    let grad = run("Conv2D", { x: image, filter }, {
      strides: 1,
      pad: explicitPad(top, Math.max(bottom, 0), left, Math.max(right, 0)),
      dilations: [g.strideHeight, g.strideWidth],
      dataFormat: "NHWC",
    }); // [ci, kh, kw, co]
    if (bottom < 0 || right < 0) {
      // Input rows no output looked at (a stride that skips the last row) made extra rows.
      const size = [g.inChannels, g.filterHeight, g.filterWidth, g.outChannels];
      grad = run("Slice", { x: grad }, { begin: [0, 0, 0, 0], size });
    }
    return run("Transpose", { x: grad }, { perm: [1, 2, 0, 3] }); // [kh, kw, ci, co]
  });
}

/** The exported function of `products.wat`: byte offsets, then sizes. */
type FilterGrad = (x: number, dy: number, dw: number, scratch: number, ...sizes: number[]) => void;

/** dw from `x`, padded here, and `dy` by `products.wat` (outChannels a multiple of 8). */
function direct(
  constant: MakeConstant,
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  g: ConvGeometry,
  bottom: number,
  right: number,
): TensorInfo {
  const { top, left } = g.padInfo;
  // Rows and columns past the last one the forward pass read are never read here either.
  const padded = padImages(
    backend,
    constant,
    x,
    top,
    left,
    g.inHeight + top + Math.max(bottom, 0),
    g.inWidth + left + Math.max(right, 0),
  );
  const dw = backend.makeOutput(
    [g.filterHeight, g.filterWidth, g.inChannels, g.outChannels],
    "float32",
  );
  const offsets = constant(() => {}, [g.filterHeight * g.filterWidth * g.inChannels]);
  const { filterGrad } = exportsOn(backend, WASM_BYTES) as { filterGrad: FilterGrad };
  const [, height, width] = padded.shape;
  filterGrad(
    addressOf(backend, padded),
    addressOf(backend, dy),
    addressOf(backend, dw),
    addressOf(backend, offsets),
    g.batchSize,
    height,
    width,
    g.inChannels,
    g.outHeight,
    g.outWidth,
    g.outChannels,
    g.filterHeight,
    g.filterWidth,
    g.strideHeight,
    g.strideWidth,
  );
  return dw;
}

/**
 * `Conv2DBackpropFilter` for `wasm` (NHWC only): Winograd, `products.wat`'s direct sum, or
 * the backend's forward `Conv2D` when the output channels are not a multiple of 8.
 */
export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: "Conv2DBackpropFilter",
  backendName: "wasm",
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
