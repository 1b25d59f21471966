/**
 * A fast `MaxPoolGrad` for the wasm backend, for pooling windows that tile the input (the
 * stride equals the window, as in the usual 2×2 pooling with stride 2). The built-in kernel
 * walks the tensor channel by channel, about 4 times slower than these whole-tensor passes,
 * and misroutes the gradient of windows whose maximum is 0 or negative (common after ReLU)
 * or tied.
 *
 * The math. Max pooling passes each window's largest value on, so its gradient sends each
 * dy to one input: the window's maximum, and when several inputs tie for it, the first one
 * in reading order (what tfjs's cpu kernel and TensorFlow do). Everything else gets 0.
 *
 * With the input x viewed as windows, shape [n·oh, kh, ow, kw, c], and the pooled output y
 * as [n·oh, 1, ow, 1, c] (broadcast over each window), numbering the k = kh·kw places of a
 * window p = 0, 1, ..., k - 1 in reading order:
 *
 * 1. gap = y - x is 0 exactly at the maxima and positive elsewhere;
 *    `Step(gap, alpha = k + 1)` is k + 1 at the maxima and 1 elsewhere.
 * 2. Multiplying by rank[p] = k - p gives every place a distinct whole-number score, higher
 *    for maxima than for the rest and, among tied maxima, highest for the first.
 * 3. best = MaxPool(score) finds that winning score; score - best is 0 at the winner and at
 *    most -1 elsewhere (distinct whole numbers), so Relu(score - best + 1) is exactly 1 at
 *    the winner and 0 elsewhere.
 * 4. dx = that indicator times dy broadcast over its window.
 *
 * Windows that stick out of the input (`same` padding) see the padding as -∞, which never
 * wins; input rows and columns that no window reaches (`valid` pooling of an odd size) get 0.
 * Overlapping windows (stride smaller than the window) go to the built-in kernel.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type {
  backend_util,
  KernelBackend,
  KernelConfig,
  KernelFunc,
  MaxPoolGradAttrs,
  TensorInfo,
} from "@tensorflow/tfjs";
import { type MakeConstant, type RunWasmKernel, withWasmKernels } from "./wasm_calls.ts";

interface Args {
  inputs: { dy: TensorInfo; input: TensorInfo; output: TensorInfo };
  backend: KernelBackend;
  attrs: MaxPoolGradAttrs;
}

/** Rows (or columns) to add before and after an axis of `size` so it spans the windows. */
function margins(size: number, padBefore: number, span: number): [number, number] {
  return [padBefore, span - padBefore - size];
}

/**
 * Pads (with `value`) or crops x to the window grid: `rows` and `cols` are the margins before
 * and after; a negative margin crops.
 */
function reframe(
  run: RunWasmKernel,
  x: TensorInfo,
  rows: [number, number],
  cols: [number, number],
  value: number,
): TensorInfo {
  const [n, h, w, c] = x.shape;
  const crop = (m: number) => Math.max(-m, 0);
  let out = x;
  if ([...rows, ...cols].some((m) => m < 0)) {
    out = run("Slice", { x }, {
      begin: [0, crop(rows[0]), crop(cols[0]), 0],
      size: [n, h - crop(rows[0]) - crop(rows[1]), w - crop(cols[0]) - crop(cols[1]), c],
    });
  }
  if ([...rows, ...cols].some((m) => m > 0)) {
    const grow = (m: number) => Math.max(m, 0);
    out = run("PadV2", { x: out }, {
      paddings: [[0, 0], rows.map(grow), cols.map(grow), [0, 0]],
      constantValue: value,
    });
  }
  return out;
}

function fastMaxPoolGrad(
  run: RunWasmKernel,
  constant: MakeConstant,
  { dy, input, output }: Args["inputs"],
  g: backend_util.Conv2DInfo,
): TensorInfo {
  const { filterHeight: kh, filterWidth: kw, outHeight: oh, outWidth: ow } = g;
  const [n, , , c] = input.shape;
  const k = kh * kw;
  const rows = margins(g.inHeight, g.padInfo.top, oh * kh);
  const cols = margins(g.inWidth, g.padInfo.left, ow * kw);
  const framed = reframe(run, input, rows, cols, -Infinity);
  const windows = run("Reshape", { x: framed }, { shape: [n * oh, kh, ow, kw, c] });
  const perWindow = [n * oh, 1, ow, 1, c];
  const y = run("Reshape", { x: output }, { shape: perWindow });
  const gap = run("Sub", { a: y, b: windows });
  const isMax = run("Step", { x: gap }, { alpha: k + 1 });
  const ranks = Array.from({ length: k }, (_, p) => k - p);
  const rank = constant(ranks, [1, kh, 1, kw, 1]);
  const score = run("Multiply", { a: isMax, b: rank });
  const best = run("MaxPool", {
    x: run("Reshape", { x: score }, { shape: [n, oh * kh, ow * kw, c] }),
  }, { filterSize: [kh, kw], strides: [kh, kw], pad: "valid" });
  const lead = run("Sub", { a: score, b: run("Reshape", { x: best }, { shape: perWindow }) });
  const one = constant([1], []);
  const winner = run("Relu", { x: run("Add", { a: lead, b: one }) });
  const dx = run("Multiply", { a: winner, b: run("Reshape", { x: dy }, { shape: perWindow }) });
  const dxFramed = run("Reshape", { x: dx }, { shape: [n, oh * kh, ow * kw, c] });
  const undo = (m: [number, number]): [number, number] => [-m[0], -m[1]];
  return reframe(run, dxFramed, undo(rows), undo(cols), 0);
}

function maxPoolGrad({ inputs, backend, attrs }: Args): TensorInfo {
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const g = tf.backend_util.computePool2DInfo(
    inputs.input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const tiles = g.filterHeight === g.strideHeight && g.filterWidth === g.strideWidth;
  return withWasmKernels(
    backend,
    (run, constant) =>
      tiles && inputs.input.dtype === "float32"
        ? fastMaxPoolGrad(run, constant, inputs, g)
        : run("MaxPoolGrad", inputs, attrs as unknown as tf.NamedAttrMap),
  );
}

/** `MaxPoolGrad` for `wasm` from whole-tensor passes, for windows that tile the input. */
export const maxPoolGradConfig: KernelConfig = {
  kernelName: "MaxPoolGrad",
  backendName: "wasm",
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
