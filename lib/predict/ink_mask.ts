/**
 * Finding the digit's ink in a photo or drawing, robustly: the paper, with its shading, is
 * estimated by a smooth surface fitted to it ({@linkcode paperShading}) and taken away; the rest
 * is split into ink and paper by Otsu's threshold; and only the main blob of ink near the centre
 * (with any pieces beside it) is kept, so a speck or a smudge far from the digit does not count.
 * Pictures unlike one digit on paper earn warnings.
 *
 * @module
 */
import type { Bilingual } from "../cli/language.ts";
import { connectedComponents } from "./components.ts";
import type { Component } from "./components.ts";
import { inkSignal } from "./ink_signal.ts";
import { otsuThreshold } from "./otsu.ts";
import type { Picture } from "./picture.ts";
import { resizeByArea } from "./resize.ts";
import { paperShading } from "./shading.ts";

/** The digit's ink, and what looked wrong on the way. */
export interface InkLevels {
  /** Pixels per row (the picture's, or fewer when it was larger than the working size). */
  width: number;
  /** Rows. */
  height: number;
  /** How much of the digit's ink each pixel holds, 0 (paper, or ink not the digit's) to 1. */
  levels: Float32Array;
  /** Why the picture seems unlike one digit on paper (empty when it looks fine). */
  warnings: Bilingual[];
}

/** Longer pictures are averaged down to this side first: plenty for a 20-pixel digit. */
const WORKING_SIDE = 512;
/** Below this (0-1) the strongest ink is taken for noise: no ink at all. */
const NO_INK = 0.1;
/** Typical ink weaker than this against its paper makes a low-contrast warning. */
const LOW_CONTRAST = 0.25;
/** Ink over more than this share of the picture makes a warning. */
const MOST_OF_PICTURE = 0.5;
/** The kept blobs holding less than this share of all ink make a warning. */
const DOMINANT = 0.6;

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The blobs that make the digit: the heaviest one (weighted towards the picture's centre), and
 * any other of at least 2% of its weight whose box touches the main box widened by 30%.
 */
function digitBlobs(components: Component[], width: number, height: number): boolean[] {
  const halfDiagonal = Math.hypot(width, height) / 2;
  const score = (c: Component) =>
    c.mass * (1 - 0.5 * Math.hypot(c.centreX - width / 2, c.centreY - height / 2) / halfDiagonal);
  const main = components.reduce((best, c) => score(c) > score(best) ? c : best);
  const grow = 0.3 * Math.max(main.right - main.left + 1, main.bottom - main.top + 1);
  return components.map((c) =>
    c === main || (c.mass >= 0.02 * main.mass &&
      c.right >= main.left - grow && c.left <= main.right + grow &&
      c.bottom >= main.top - grow && c.top <= main.bottom + grow)
  );
}

/** The value below which `share` of `values` lie. */
function quantile(values: number[], share: number): number {
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.floor(share * values.length))];
}

/**
 * The ink of the digit in `picture`, paper and stray marks at 0. All levels are 0 when there
 * is no ink at all (a blank page).
 *
 * @example
 * ```ts
 * const { levels, warnings } = inkLevels(picture);
 * for (const warning of warnings) console.error(`warning: ${warning.en}`);
 * ```
 */
export function inkLevels(picture: Picture): InkLevels {
  const signal = inkSignal(picture);
  let { width, height, ink } = signal;
  const scale = WORKING_SIDE / Math.max(width, height);
  if (scale < 1) {
    const [newWidth, newHeight] = [Math.round(width * scale), Math.round(height * scale)];
    ink = resizeByArea(ink, width, height, Math.max(1, newWidth), Math.max(1, newHeight));
    [width, height] = [Math.max(1, newWidth), Math.max(1, newHeight)];
  }
  const background = paperShading(ink, width, height);
  const contrast = new Float32Array(ink.length);
  let peak = 0;
  for (let i = 0; i < ink.length; i++) {
    const above = ink[i] - background[i];
    // Dark ink is measured against its paper's brightness, so shade dims ink and paper alike.
    const relative = signal.source === "dark ink"
      ? above / Math.max(0.1, 1 - background[i])
      : above;
    contrast[i] = Math.max(0, relative);
    peak = Math.max(peak, contrast[i]);
  }
  const levels = new Float32Array(ink.length);
  if (peak < NO_INK) return { width, height, levels, warnings: [] };

  const threshold = Math.max(otsuThreshold(contrast), 0.15 * peak);
  const mask = contrast.map((value) => value > threshold ? value : 0);
  const { labels, components } = connectedComponents(mask, width, height);
  const keep = digitBlobs(components, width, height);
  const digitInk: number[] = [];
  let [inkArea, inkMass, keptMass] = [0, 0, 0];
  components.forEach((c, label) => {
    inkArea += c.area;
    inkMass += c.mass;
    if (keep[label]) keptMass += c.mass;
  });
  labels.forEach((label, i) => {
    if (label >= 0 && keep[label]) digitInk.push(contrast[i]);
  });
  const strong = quantile(digitInk, 0.9);
  // The kept blobs and a one-pixel rim around them, which holds their soft edges.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (contrast[i] < threshold / 2) continue;
      let near = false;
      for (let dy = -1; dy <= 1 && !near; dy++) {
        for (let dx = -1; dx <= 1 && !near; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const label = labels[ny * width + nx];
          near = label >= 0 && keep[label];
        }
      }
      if (near) levels[i] = Math.min(1, contrast[i] / strong);
    }
  }

  const warnings: Bilingual[] = [];
  if (strong < LOW_CONTRAST) {
    warnings.push({
      en: `low contrast: the ink differs from the paper by only ${percent(strong)}; ` +
        "expected a dark digit on light paper or the reverse",
      zh: `对比度太低：笔迹与纸张只相差 ${percent(strong)}；应当是浅色纸上的深色数字，或者反过来`,
    });
  }
  if (inkArea / ink.length > MOST_OF_PICTURE) {
    const share = percent(inkArea / ink.length);
    warnings.push({
      en: `ink covers ${share} of the picture; expected one digit on plain paper`,
      zh: `笔迹占了图片的 ${share}；应当是白纸上的一个数字`,
    });
  }
  if (keptMass / inkMass < DOMINANT) {
    const share = percent(keptMass / inkMass);
    warnings.push({
      en:
        `the digit holds only ${share} of the ink found; expected one digit (crop the picture to it)`,
      zh: `数字只占找到的笔迹的 ${share}；应当只有一个数字（请把图片裁剪到数字周围）`,
    });
  }
  return { width, height, levels, warnings };
}
