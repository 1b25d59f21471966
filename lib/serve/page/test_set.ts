/**
 * MNIST's 10,000 test digits in the page, as the server sends them (`/api/test-digits`: every
 * label, then every image's 784 bytes), and the ones a model gets wrong.
 *
 * @module
 */
import { tf } from "./tfjs.ts";
import type * as Tfjs from "@tensorflow/tfjs";

/** Pixels in one digit. */
export const PIXELS = 28 * 28;

/** The test digits. */
export interface TestSet {
  /** `count * 784` pixels, 0-255, ink high. */
  images: Uint8Array;
  /** `count` labels. */
  labels: Uint8Array;
  /** How many digits. */
  count: number;
}

/** One test digit the model reads wrongly. */
export interface Mistake {
  /** Its place in the test set. */
  index: number;
  /** Its true label. */
  label: number;
  /** What the model read. */
  predicted: number;
}

/**
 * Fetches the test set from the server.
 *
 * @example
 * ```ts
 * (await loadTestSet()).count; // 10000
 * ```
 */
export async function loadTestSet(url = "/api/test-digits"): Promise<TestSet> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const count = bytes.length / (PIXELS + 1);
  return { labels: bytes.subarray(0, count), images: bytes.subarray(count), count };
}

/** The pixels of test digit `index`. */
export function testDigit(set: TestSet, index: number): Uint8Array {
  return set.images.subarray(index * PIXELS, (index + 1) * PIXELS);
}

/**
 * `model`'s input for `count` digits of `pixels` (0-1, 784 each): flat for a dense network,
 * 28x28x1 images for a CNN.
 */
export function modelInput(model: Tfjs.LayersModel, pixels: Float32Array, count = 1): Tfjs.Tensor {
  const flat = model.inputs[0].shape.length === 2;
  return tf.tensor(pixels, flat ? [count, PIXELS] : [count, 28, 28, 1]);
}

/**
 * Reads every test digit with `model`, `batch` at a time, and returns those it gets wrong in
 * test-set order; `progress(done, mistakes)` is told after each batch.
 */
export async function findMistakes(
  model: Tfjs.LayersModel,
  set: TestSet,
  progress: (done: number, mistakes: Mistake[]) => void,
  batch = 250,
): Promise<Mistake[]> {
  const mistakes: Mistake[] = [];
  for (let start = 0; start < set.count; start += batch) {
    const end = Math.min(set.count, start + batch);
    const pixels = Float32Array.from(
      set.images.subarray(start * PIXELS, end * PIXELS),
      (v) => v / 255,
    );
    const predicted = tf.tidy(() =>
      (model.predict(modelInput(model, pixels, end - start)) as Tfjs.Tensor).argMax(-1)
    );
    const digits = await predicted.data();
    predicted.dispose();
    digits.forEach((digit, i) => {
      const label = set.labels[start + i];
      if (digit !== label) mistakes.push({ index: start + i, label, predicted: digit });
    });
    progress(end, mistakes);
  }
  return mistakes;
}
