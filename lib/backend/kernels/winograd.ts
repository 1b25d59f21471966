/**
 * 3x3 convolutions with stride 1 by Winograd's F(2x2, 3x3) algorithm (`products.wat`,
 * `winograd`): 16 multiplications per 2x2 block of output, input channel and output channel
 * instead of the direct convolution's 36. They are most of a CNN's forward pass and, through
 * `conv2d_backprop_input.ts` and `conv2d_backprop_filter.ts`, of its gradients (the filter
 * gradient by the same algorithm run backwards, `winogradFilterGrad`); XNNPACK's direct
 * convolution takes the other shapes.
 *
 * Here the filter is transformed (U = G·g·Gᵀ, 16 values for each 3x3 filter, see
 * `products.wat`) and the input padded so every 4x4 patch of the algorithm lies inside it.
 * The results differ from the direct convolution's in the last bits (the transforms add and
 * subtract before multiplying); they are the same on every machine.
 *
 * @module
 */
import type {
  Conv2DAttrs,
  FusedConv2DAttrs,
  FusedConv2DInputs,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { convGeometry } from "./conv_geometry.ts";
import { padImages } from "./pad.ts";
import { WASM_BYTES } from "./products_wasm.ts";
import { addressOf, exportsOn } from "./own_wasm.ts";
import { type MakeConstant, withWasmKernels } from "./wasm_calls.ts";

type Shape4 = [number, number, number, number];

/** Padding on each side of the input, in pixels. */
export interface Padding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * How much of the cache a block of patches and their products may take, in bytes: the
 * convolution's V and M for a block (see `products.wat`).
 */
const BLOCK_BYTES = 256 * 1024;

/**
 * The same for the filter gradient's V and W: larger, since its sums M stay put from block to
 * block and a larger block loads and stores them fewer times (measured: 1 MB took 10-25% less
 * time than 256 KB on the lesson-8 layers).
 */
const GRADIENT_BLOCK_BYTES = 1024 * 1024;

/** The exported function of `products.wat`: byte offsets, then sizes and flags. */
type Winograd = (...args: number[]) => void;

/**
 * Whether the Winograd kernels take a convolution by a filter of shape `filterShape` ([kh, kw,
 * ci, co]) with these strides and dilations: 3x3, stride and dilation 1, input channels a
 * multiple of 4 and output channels a multiple of 8.
 */
export function winogradFits(
  filterShape: number[],
  strides: [number, number] | number,
  dilations: [number, number] | number,
): boolean {
  const [kh, kw, ci, co] = filterShape;
  const ones = (pair: [number, number] | number) => [pair].flat().every((n) => n === 1);
  return kh === 3 && kw === 3 && ci % 4 === 0 && co % 8 === 0 && ci > 0 && co > 0 &&
    ones(strides) && ones(dilations);
}

/**
 * The convolution of `x` (NHWC) by the 3x3 `filter`, stride 1, with `padding` around the
 * input, plus `bias` (one value per output channel) if given, then max(·, 0) if `relu`; for
 * shapes {@linkcode winogradFits} accepts.
 *
 * @example
 * ```ts
 * // Inside a kernel, with constant from withWasmKernels:
 * const y = winogradConv(backend, constant, x, filter, { top: 1, bottom: 1, left: 1, right: 1 });
 * ```
 */
export function winogradConv(
  backend: BackendWasm,
  constant: MakeConstant,
  x: TensorInfo,
  filter: TensorInfo,
  padding: Padding,
  bias?: TensorInfo,
  relu = false,
): TensorInfo {
  const [batch, inHeight, inWidth, inChannels] = x.shape;
  const outChannels = filter.shape[3];
  const outHeight = inHeight + padding.top + padding.bottom - 2;
  const outWidth = inWidth + padding.left + padding.right - 2;
  // Made by `constant`, so it is freed if the caller takes only part of it.
  const y = constant(() => {}, [batch, outHeight, outWidth, outChannels]);
  if (batch * outHeight * outWidth === 0) return y;
  const { padded, height, width } = padForPatches(
    backend,
    constant,
    x,
    padding,
    outHeight,
    outWidth,
  );
  const u = constant(
    (out) => transformFilter(backend.typedArrayFromHeap(filter) as Float32Array, filter.shape, out),
    [16, inChannels, outChannels],
  );
  const blockTiles = blockSize(inChannels, outChannels, BLOCK_BYTES);
  const scratch = constant(() => {}, [16 * blockTiles * (inChannels + outChannels) + blockTiles]);
  const addedBias = bias ?? constant(new Float32Array(outChannels), [outChannels]);
  const { winograd } = exportsOn(backend, WASM_BYTES) as { winograd: Winograd };
  const at = (t: TensorInfo) => addressOf(backend, t);
  winograd(
    at(padded),
    at(u),
    at(addedBias),
    at(y),
    at(scratch),
    batch,
    height,
    width,
    inChannels,
    outHeight,
    outWidth,
    outChannels,
    relu ? 1 : 0,
    blockTiles,
  );
  return y;
}

/**
 * The filter gradient [3, 3, ci, co] of the convolution {@linkcode winogradConv} computes, from
 * its input `x` and output gradient `dy`, for the shapes {@linkcode winogradFits} accepts.
 *
 * @example
 * ```ts
 * const dw = winogradFilterGrad(backend, constant, x, dy, { top: 1, bottom: 1, left: 1, right: 1 });
 * ```
 */
export function winogradFilterGrad(
  backend: BackendWasm,
  constant: MakeConstant,
  x: TensorInfo,
  dy: TensorInfo,
  padding: Padding,
): TensorInfo {
  const [batch, , , inChannels] = x.shape;
  const [, outHeight, outWidth, outChannels] = dy.shape;
  if (batch * outHeight * outWidth === 0) {
    return constant((out) => out.fill(0), [3, 3, inChannels, outChannels]);
  }
  const dw = constant(() => {}, [3, 3, inChannels, outChannels]);
  const { padded, height, width } = padForPatches(
    backend,
    constant,
    x,
    padding,
    outHeight,
    outWidth,
  );
  const blockTiles = blockSize(inChannels, outChannels, GRADIENT_BLOCK_BYTES);
  const scratch = constant(
    () => {},
    [16 * blockTiles * (inChannels + outChannels) + 16 * inChannels * outChannels + inChannels],
  );
  const { winogradFilterGrad } = exportsOn(backend, WASM_BYTES) as {
    winogradFilterGrad: Winograd;
  };
  const at = (t: TensorInfo) => addressOf(backend, t);
  winogradFilterGrad(
    at(padded),
    at(dy),
    at(dw),
    at(scratch),
    batch,
    height,
    width,
    inChannels,
    outHeight,
    outWidth,
    outChannels,
    blockTiles,
  );
  return dw;
}

/**
 * `x` padded for the patches of an output of `outHeight` x `outWidth`: patches start every 2
 * pixels and are 4 wide, so the padded input has 2·⌈out/2⌉ + 2 rows and columns, with
 * `padding.top` rows and `padding.left` columns before x.
 */
function padForPatches(
  backend: BackendWasm,
  constant: MakeConstant,
  x: TensorInfo,
  padding: Padding,
  outHeight: number,
  outWidth: number,
): { padded: TensorInfo; height: number; width: number } {
  const height = 2 * Math.ceil(outHeight / 2) + 2;
  const width = 2 * Math.ceil(outWidth / 2) + 2;
  const padded = padImages(backend, constant, x, padding.top, padding.left, height, width);
  return { padded, height, width };
}

/** Patches per block: as many as keep a block's transformed patches within `bytes`. */
function blockSize(inChannels: number, outChannels: number, bytes: number): number {
  return Math.max(4, Math.floor(bytes / (16 * 4 * (inChannels + outChannels))));
}

/**
 * U = G·g·Gᵀ for every 3x3 filter g = w[·, ·, ci, co] of `w` ([3, 3, ci, co]), written into
 * `out` as `products.wat` reads it: 16 matrices (ξ·4 + ν), each in panels of 8 output
 * channels, a panel holding ci rows of 8 values.
 */
function transformFilter(w: Float32Array, [, , ci, co]: number[], out: Float32Array): void {
  const panels = co / 8;
  const g = new Float64Array(9);
  const gg = new Float64Array(12);
  for (let i = 0; i < ci; i++) {
    for (let o = 0; o < co; o++) {
      for (let tap = 0; tap < 9; tap++) g[tap] = w[(tap * ci + i) * co + o];
      // G·g: rows g0, (g0 + g1 + g2)/2, (g0 - g1 + g2)/2, g2 of the filter's rows.
      for (let b = 0; b < 3; b++) {
        const g0 = g[b], g1 = g[3 + b], g2 = g[6 + b];
        gg[b] = g0;
        gg[3 + b] = (g0 + g1 + g2) / 2;
        gg[6 + b] = (g0 - g1 + g2) / 2;
        gg[9 + b] = g2;
      }
      // (G·g)·Gᵀ: the same on each row's three values.
      const place = (o >> 3) * ci * 8 + i * 8 + (o & 7);
      const matrix = panels * ci * 8;
      for (let xi = 0; xi < 4; xi++) {
        const r0 = gg[xi * 3], r1 = gg[xi * 3 + 1], r2 = gg[xi * 3 + 2];
        const row = place + xi * 4 * matrix;
        out[row] = r0;
        out[row + matrix] = (r0 + r1 + r2) / 2;
        out[row + 2 * matrix] = (r0 - r1 + r2) / 2;
        out[row + 3 * matrix] = r2;
      }
    }
  }
}

interface ConvArgs {
  inputs: FusedConv2DInputs;
  backend: BackendWasm;
  attrs: Conv2DAttrs & Partial<FusedConv2DAttrs>;
}

/**
 * `Conv2D` and `FusedConv2D` (bias, and no activation or ReLU): Winograd for the shapes it
 * fits, else the backend's own kernel of that name.
 */
function conv(name: "Conv2D" | "FusedConv2D") {
  return ({ inputs, backend, attrs }: ConvArgs): TensorInfo =>
    withWasmKernels(backend, (run, constant) => {
      const { x, filter, bias, preluActivationWeights } = inputs;
      const activation = attrs.activation ?? "linear";
      const fits = attrs.dataFormat === "NHWC" && x.dtype === "float32" &&
        filter.dtype === "float32" && winogradFits(filter.shape, attrs.strides, attrs.dilations) &&
        (activation === "linear" || activation === "relu") &&
        preluActivationWeights === undefined &&
        (bias === undefined || (bias.shape.length === 1 && bias.shape[0] === filter.shape[3]));
      if (!fits) return run(name, inputs, attrs as unknown as Record<string, never>);
      const { padInfo } = convGeometry(
        x.shape as Shape4,
        filter.shape as Shape4,
        1,
        attrs.pad,
        "NHWC",
        attrs.dimRoundingMode,
      );
      return winogradConv(backend, constant, x, filter, padInfo, bias, activation === "relu");
    });
}

/** `Conv2D` for `wasm`: Winograd for 3x3 filters with stride 1, else XNNPACK's. */
export const conv2DConfig: KernelConfig = {
  kernelName: "Conv2D",
  backendName: "wasm",
  kernelFunc: conv("Conv2D") as unknown as KernelFunc,
};

/** `FusedConv2D` for `wasm`: Winograd for 3x3 filters with stride 1, else XNNPACK's. */
export const fusedConv2DConfig: KernelConfig = {
  kernelName: "FusedConv2D",
  backendName: "wasm",
  kernelFunc: conv("FusedConv2D") as unknown as KernelFunc,
};
