/**
 * The paper under the ink, shading and all: a smooth surface (quadratic in x and y) fitted to
 * the paper's pixels only, found by refitting while leaving out pixels well above the surface
 * (the ink). Unlike a local window (a blur or a morphological opening), it is not fooled by a
 * stroke wider than the window: a fat marker digit filling the frame keeps all its ink.
 *
 * @module
 */
import { resizeByArea } from "./resize.ts";

/** The fit is made on the picture averaged down to at most this side. */
const FIT_SIDE = 64;
/** Refits, each leaving out the pixels far above the last surface. */
const ROUNDS = 6;

/** The six terms of a quadratic surface at (`u`, `v`), both from -1 to 1. */
function terms(u: number, v: number): number[] {
  return [1, u, v, u * u, u * v, v * v];
}

/** Solves the square system `a` x = `b` by Gaussian elimination (undefined if singular). */
function solve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) pivot = row;
    }
    if (Math.abs(m[pivot][col]) < 1e-9) return undefined;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = m[row][col] / m[col][col];
      for (let k = col; k <= n; k++) m[row][k] -= factor * m[col][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/** Least-squares coefficients of the surface through the `points` [u, v, value]. */
function fitSurface(points: number[][]): number[] {
  const ata = Array.from({ length: 6 }, () => new Array(6).fill(0));
  const atb = new Array(6).fill(0);
  for (const [u, v, value] of points) {
    const t = terms(u, v);
    for (let i = 0; i < 6; i++) {
      atb[i] += t[i] * value;
      for (let j = 0; j < 6; j++) ata[i][j] += t[i] * t[j];
    }
  }
  const mean = points.reduce((sum, p) => sum + p[2], 0) / Math.max(1, points.length);
  return (points.length >= 12 ? solve(ata, atb) : undefined) ?? [mean, 0, 0, 0, 0, 0];
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The paper's level under every pixel of `ink` (a `width` x `height` image, ink high, paper
 * low): a quadratic surface fitted to the pixels that are not ink.
 *
 * @example
 * ```ts
 * const paper = paperShading(ink, width, height);
 * const above = ink.map((value, i) => value - paper[i]); // the ink, shading taken away
 * ```
 */
export function paperShading(ink: Float32Array, width: number, height: number): Float32Array {
  const scale = Math.min(1, FIT_SIDE / Math.max(width, height));
  const [gridWidth, gridHeight] = [
    Math.max(1, Math.round(width * scale)),
    Math.max(1, Math.round(height * scale)),
  ];
  const grid = resizeByArea(ink, width, height, gridWidth, gridHeight);
  const points = Array.from(grid, (value, i) => [
    ((i % gridWidth) + 0.5) / gridWidth * 2 - 1,
    (Math.floor(i / gridWidth) + 0.5) / gridHeight * 2 - 1,
    value,
  ]);
  // Start from the lighter half of the picture, then keep what lies near the surface.
  const start = median(points.map((p) => p[2]));
  let paper = points.filter((p) => p[2] <= start);
  let coefficients = fitSurface(paper);
  for (let round = 0; round < ROUNDS; round++) {
    const residual = (p: number[]) =>
      p[2] - terms(p[0], p[1]).reduce((sum, t, i) => sum + t * coefficients[i], 0);
    const spread = 1.4826 * median(paper.map((p) => Math.abs(residual(p))));
    const limit = Math.max(0.02, 3 * spread);
    paper = points.filter((p) => residual(p) < limit);
    coefficients = fitSurface(paper);
  }
  const surface = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const v = (y + 0.5) / height * 2 - 1;
    for (let x = 0; x < width; x++) {
      const t = terms((x + 0.5) / width * 2 - 1, v);
      surface[y * width + x] = t.reduce((sum, term, i) => sum + term * coefficients[i], 0);
    }
  }
  return surface;
}
