/**
 * A convolution's two gradients on the system's BLAS, through the im2col rows of
 * `im2col.ts`:
 *
 *     dw = colsᵀ · dy          (Conv2DBackpropFilter: summed over the batch, chunk by chunk)
 *     dx = col2im(dy · wᵀ)     (Conv2DBackpropInput)
 *
 * with dy read as a [pixels, cout] matrix and w as [kh·kw·cin, cout]. With stride 1 and enough
 * channels the input gradient needs no col2im: it is one product per filter tap on the padded
 * input's grid (`conv_grid.ts`). Channels-first data goes to the wasm backend's kernels.
 *
 * @module
 */
import type {
  Conv2DBackpropFilterAttrs,
  Conv2DBackpropInputAttrs,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { Blas } from "./blas.ts";
import { chunking, col2im, im2col } from "./im2col.ts";
import { convGrid, inputGradientOnGrid } from "./conv_grid.ts";
import { convGeometry } from "../kernels/conv_geometry.ts";
import { withWasmKernels } from "../kernels/wasm_calls.ts";

type Shape4 = [number, number, number, number];

interface FilterArgs {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropFilterAttrs;
}

interface InputArgs {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropInputAttrs;
}

function filterGradient(blas: Blas, { inputs, backend, attrs }: FilterArgs): TensorInfo {
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (dataFormat === "NCHW") {
    return withWasmKernels(backend, (run) => run("Conv2DBackpropFilter", inputs, { ...attrs }));
  }
  const g = convGeometry(x.shape as Shape4, filterShape, strides, pad, dataFormat, dimRoundingMode);
  const out = backend.makeOutput(filterShape, "float32");
  const dw = backend.typedArrayFromHeap(out) as Float32Array;
  const input = backend.typedArrayFromHeap(x) as Float32Array;
  const grad = backend.typedArrayFromHeap(dy) as Float32Array;
  const { images, cols } = chunking(g);
  const pixels = g.outHeight * g.outWidth;
  const depth = g.filterHeight * g.filterWidth * g.inChannels;
  dw.fill(0);
  for (let first = 0; first < g.batchSize && pixels > 0; first += images) {
    const count = Math.min(images, g.batchSize - first);
    im2col(input, g, first, count, cols);
    const rows = count * pixels;
    const start = first * pixels * g.outChannels;
    blas.sgemm(
      true,
      false,
      depth,
      g.outChannels,
      rows,
      cols.subarray(0, rows * depth),
      grad.subarray(start, start + rows * g.outChannels),
      1,
      dw,
    );
  }
  return out;
}

function inputGradient(blas: Blas, { inputs, backend, attrs }: InputArgs): TensorInfo {
  const { dy, filter } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  if (dataFormat === "NCHW") {
    return withWasmKernels(backend, (run) => run("Conv2DBackpropInput", inputs, { ...attrs }));
  }
  const g = convGeometry(
    inputShape,
    filter.shape as Shape4,
    strides,
    pad,
    dataFormat,
    dimRoundingMode,
  );
  const out = backend.makeOutput(inputShape, "float32");
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  const weights = backend.typedArrayFromHeap(filter) as Float32Array;
  const grad = backend.typedArrayFromHeap(dy) as Float32Array;
  const grid = convGrid(g);
  if (grid !== undefined) {
    inputGradientOnGrid(blas, grad, weights, g, grid, dx);
    return out;
  }
  const { images, cols } = chunking(g);
  const pixels = g.outHeight * g.outWidth;
  const depth = g.filterHeight * g.filterWidth * g.inChannels;
  dx.fill(0);
  for (let first = 0; first < g.batchSize && pixels > 0; first += images) {
    const count = Math.min(images, g.batchSize - first);
    const rows = count * pixels;
    const start = first * pixels * g.outChannels;
    const chunk = cols.subarray(0, rows * depth);
    blas.sgemm(
      false,
      true,
      rows,
      depth,
      g.outChannels,
      grad.subarray(start, start + rows * g.outChannels),
      weights,
      0,
      chunk,
    );
    col2im(chunk, g, first, count, dx);
  }
  return out;
}

/**
 * The `Conv2DBackpropFilter` and `Conv2DBackpropInput` kernels for the `native` backend,
 * computing with `blas`.
 *
 * @example
 * ```ts
 * nativeConv2DBackprop(blas).forEach(tf.registerKernel); // conv gradients on BLAS
 * ```
 */
export function nativeConv2DBackprop(blas: Blas): KernelConfig[] {
  return [
    {
      kernelName: "Conv2DBackpropFilter",
      backendName: "native",
      kernelFunc: ((args: FilterArgs) => filterGradient(blas, args)) as unknown as KernelFunc,
    },
    {
      kernelName: "Conv2DBackpropInput",
      backendName: "native",
      kernelFunc: ((args: InputArgs) => inputGradient(blas, args)) as unknown as KernelFunc,
    },
  ];
}
