/**
 * Comparing a backend's kernels with tfjs's pure-JavaScript `cpu` backend, the reference.
 *
 * Every case builds the same inputs on both backends from a seeded generator, runs the same
 * kernel (or op) on each, and compares. The error measure is
 *
 *     relative error = max |actual - cpu| / max(1, max |cpu|)
 *
 * (absolute for small results, relative to the largest value for large ones), and it must
 * stay below {@linkcode TOLERANCE}. Both backends compute in float32, but in different orders
 * (XNNPACK and BLAS block their sums; the cpu backend adds in float64), so they agree to about
 * 1e-6.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertLess } from "@std/assert";

/** Largest relative error accepted between a fast backend and the cpu backend. */
export const TOLERANCE = 1e-4;

/** A backend compared with cpu: the same WebAssembly memory under either name. */
export type FastBackend = "wasm" | "native";

/**
 * Deterministic values in [-1, 1) (mulberry32), so both backends see identical inputs.
 *
 * @example
 * ```ts
 * values(3, 1); // the same three numbers every run
 * ```
 */
export function values(size: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
  return out;
}

/**
 * A float32 tensor of `shape` filled from `seed` on the current backend.
 *
 * @example
 * ```ts
 * const x = random([2, 3], 7);
 * ```
 */
export function random(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(values(tf.util.sizeFromShape(shape), seed), shape);
}

/**
 * Runs `compute` on `backend` and returns every output's shape and values.
 *
 * @example
 * ```ts
 * const [{ data }] = await runOn("cpu", () => tf.matMul(random([2, 3], 1), random([3, 2], 2)));
 * ```
 */
export async function runOn(
  backend: FastBackend | "cpu",
  compute: () => tf.Tensor | tf.Tensor[],
): Promise<{ shape: number[]; data: Float32Array }[]> {
  await tf.setBackend(backend);
  const outputs = tf.tidy(() => [compute()].flat());
  const results = outputs.map((t) => ({ shape: t.shape, data: Float32Array.from(t.dataSync()) }));
  tf.dispose(outputs);
  return results;
}

/** The names of the kernels `compute` runs on `backend`, in order (its tensors are freed). */
export async function kernelsOn(
  backend: FastBackend | "cpu",
  compute: () => void,
): Promise<string[]> {
  await tf.setBackend(backend);
  const profile = await tf.profile(() => tf.tidy(compute));
  return profile.kernels.map((kernel) => kernel.name);
}

/**
 * The relative error of `actual` against `expected`, as defined at the top of this file.
 *
 * @example
 * ```ts
 * relativeError(new Float32Array([2.5]), new Float32Array([2])); // 0.2
 * ```
 */
export function relativeError(actual: Float32Array, expected: Float32Array): number {
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return Number.isNaN(diff) ? Infinity : diff / scale;
}

/**
 * Runs `compute` on `backend` (wasm unless told) and on cpu and asserts equal shapes, a
 * relative error below {@linkcode TOLERANCE} and no wasm buffer left behind. Returns the
 * largest error seen; leaves `backend` current.
 *
 * @example
 * ```ts
 * await compareWithCpu("matMul", () => tf.matMul(random([5, 7], 1), random([7, 3], 2)));
 * ```
 */
export async function compareWithCpu(
  label: string,
  compute: () => tf.Tensor | tf.Tensor[],
  backend: FastBackend = "wasm",
): Promise<number> {
  const fast = tf.findBackend(backend)!;
  await tf.setBackend(backend);
  const buffersBefore = fast.numDataIds();
  const actual = await runOn(backend, compute);
  assertEquals(fast.numDataIds(), buffersBefore, `${label}: ${backend} buffers leaked`);
  const expected = await runOn("cpu", compute);
  await tf.setBackend(backend);
  let worst = 0;
  expected.forEach((e, i) => {
    assertEquals(actual[i].shape, e.shape, `${label}: output ${i} shape`);
    const error = relativeError(actual[i].data, e.data);
    assertLess(error, TOLERANCE, `${label}: output ${i} relative error ${error}`);
    worst = Math.max(worst, error);
  });
  return worst;
}

/** A convolution's padding. */
export type Pad = "valid" | "same";

/** A 4-D shape: `[n, h, w, c]` for images, `[kh, kw, cIn, cOut]` for filters. */
export type Shape4 = [number, number, number, number];

/** A convolution case: input `[n, h, w, cIn]`, a k×k filter to `cOut` channels. */
export interface ConvCase {
  x: Shape4;
  k: number;
  cOut: number;
  stride: number;
  pad: Pad;
}

/** The convolution cases every fast backend is checked on (each test file adds its own). */
export const CONV_CASES: ConvCase[] = [
  { x: [2, 5, 5, 3], k: 3, cOut: 4, stride: 1, pad: "valid" },
  { x: [2, 5, 5, 3], k: 3, cOut: 4, stride: 1, pad: "same" },
  { x: [3, 6, 6, 1], k: 3, cOut: 8, stride: 2, pad: "same" }, // even size: pad 0 top, 1 bottom
  { x: [2, 6, 6, 8], k: 3, cOut: 3, stride: 2, pad: "valid" }, // last row unused
  { x: [2, 7, 7, 3], k: 5, cOut: 8, stride: 2, pad: "same" },
  { x: [2, 7, 6, 8], k: 5, cOut: 1, stride: 1, pad: "valid" },
  { x: [3, 7, 7, 8], k: 1, cOut: 3, stride: 2, pad: "valid" }, // filter smaller than stride
  { x: [2, 28, 28, 1], k: 3, cOut: 8, stride: 1, pad: "valid" },
  { x: [2, 28, 28, 8], k: 3, cOut: 8, stride: 2, pad: "same" },
];

/**
 * The output shape of a forward convolution, from tfjs's own geometry.
 *
 * @example
 * ```ts
 * convOutShape([2, 5, 5, 3], [3, 3, 3, 4], 1, "valid"); // [2, 3, 3, 4]
 * ```
 */
export function convOutShape(x: Shape4, filter: Shape4, stride: number, pad: Pad): number[] {
  return tf.backend_util.computeConv2DInfo(x, filter, stride, 1, pad).outShape;
}
