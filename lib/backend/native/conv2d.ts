/**
 * `Conv2D` and `FusedConv2D` (a convolution layer's forward pass) on the system's BLAS: with
 * stride 1 and enough channels as one product per filter tap (see `conv_grid.ts`), otherwise
 * as im2col rows times the filter (see `im2col.ts`); the bias and activation as `epilogue.ts`
 * explains. Channels-first data and non-float32 tensors go to the wasm backend's own kernels.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type {
  backend_util,
  FusedConv2DInputs,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { Blas } from "./blas.ts";
import { finishEpilogue, isRowBias, startWithBias } from "./epilogue.ts";
import { chunking, im2col } from "./im2col.ts";
import { convGrid, convolveOnGrid } from "./conv_grid.ts";
import { withWasmKernels } from "../kernels/wasm_calls.ts";

type Shape4 = [number, number, number, number];

interface Attrs {
  strides: [number, number] | number;
  pad: "valid" | "same" | number | backend_util.ExplicitPadding;
  dataFormat: "NHWC" | "NCHW";
  dilations: [number, number] | number;
  dimRoundingMode?: "floor" | "round" | "ceil";
  activation?: string;
  leakyreluAlpha?: number;
}

interface Args {
  inputs: FusedConv2DInputs;
  backend: BackendWasm;
  attrs: Attrs;
}

/**
 * Adds the convolution of `x` with `filter` (geometry `g`) to `beta` times `out`, chunk by
 * chunk of images: im2col rows, then one `sgemm` per chunk into that chunk's output rows.
 */
function im2colConvolveInto(
  blas: Blas,
  backend: BackendWasm,
  x: TensorInfo,
  filter: TensorInfo,
  g: backend_util.Conv2DInfo,
  beta: number,
  out: TensorInfo,
): void {
  const { images, cols } = chunking(g);
  const pixels = g.outHeight * g.outWidth;
  const depth = g.filterHeight * g.filterWidth * g.inChannels;
  const input = backend.typedArrayFromHeap(x) as Float32Array;
  const weights = backend.typedArrayFromHeap(filter) as Float32Array;
  const y = backend.typedArrayFromHeap(out) as Float32Array;
  if (y.length === 0) return;
  for (let first = 0; first < g.batchSize; first += images) {
    const count = Math.min(images, g.batchSize - first);
    im2col(input, g, first, count, cols);
    const rows = count * pixels;
    const start = first * pixels * g.outChannels;
    blas.sgemm(
      false,
      false,
      rows,
      g.outChannels,
      depth,
      cols.subarray(0, rows * depth),
      weights,
      beta,
      y.subarray(start, start + rows * g.outChannels),
    );
  }
}

function convolution(blas: Blas, name: string, { inputs, backend, attrs }: Args): TensorInfo {
  const { x, filter, bias } = inputs;
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs;
  if (dataFormat === "NCHW" || [x, filter, bias].some((t) => t && t.dtype !== "float32")) {
    return withWasmKernels(backend, (run) => run(name, { ...inputs }, { ...attrs } as never));
  }
  const g = tf.backend_util.computeConv2DInfo(
    x.shape as Shape4,
    filter.shape as Shape4,
    strides,
    dilations,
    pad,
    dimRoundingMode,
    false,
    "channelsLast",
  );
  const out = backend.makeOutput(g.outShape, "float32");
  const rowBias = isRowBias(bias, g.outChannels);
  if (rowBias) startWithBias(backend, out, bias, g.outChannels);
  const grid = convGrid(g);
  const beta = rowBias ? 1 : 0;
  if (grid === undefined) im2colConvolveInto(blas, backend, x, filter, g, beta, out);
  else {
    const heap = (t: TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
    convolveOnGrid(blas, heap(x), heap(filter), g, grid, beta, heap(out));
  }
  return finishEpilogue(backend, out, { ...inputs, activation: "linear", ...attrs }, rowBias);
}

/**
 * The `Conv2D` and `FusedConv2D` kernels for the `native` backend, computing with `blas`.
 *
 * @example
 * ```ts
 * nativeConv2D(blas).forEach(tf.registerKernel); // tf.conv2d on "native" runs on BLAS
 * ```
 */
export function nativeConv2D(blas: Blas): KernelConfig[] {
  return ["Conv2D", "FusedConv2D"].map((kernelName) => ({
    kernelName,
    backendName: "native",
    kernelFunc: ((args: Args) => convolution(blas, kernelName, args)) as unknown as KernelFunc,
  }));
}
