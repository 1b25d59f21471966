/**
 * Choosing examples reproducibly: seeded shuffles, the Keras-style validation split and seeded
 * random subsets. Randomness comes in as a function returning floats in [0, 1), so the same
 * seeded generator always picks the same examples.
 *
 * @module
 */
import { type Digits, selectDigits, sliceDigits } from "./digits.ts";

/**
 * The numbers `0..count-1` in a random order (Fisher-Yates), drawn from `random`.
 *
 * @example
 * ```ts
 * shuffledIndices(5, createRng(1).next); // e.g. Int32Array [3, 0, 4, 1, 2]
 * ```
 */
export function shuffledIndices(count: number, random: () => number): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The digits in a random order drawn from `random`. */
export function shuffleDigits(digits: Digits, random: () => number): Digits {
  return selectDigits(digits, shuffledIndices(digits.count, random));
}

/**
 * Splits off the last `fraction` of the examples for validation, as Keras's
 * `validationSplit` does (it does not shuffle first).
 *
 * @example
 * ```ts
 * const { train, validation } = validationSplit(mnist.train, 0.2);
 * train.count; // 48000
 * validation.count; // 12000
 * ```
 */
export function validationSplit(
  digits: Digits,
  fraction: number,
): { train: Digits; validation: Digits } {
  if (!(fraction >= 0 && fraction < 1)) {
    throw new RangeError(`validationSplit: fraction must be in [0, 1), got ${fraction}`);
  }
  const cut = digits.count - Math.round(digits.count * fraction);
  return { train: sliceDigits(digits, 0, cut), validation: sliceDigits(digits, cut, digits.count) };
}

/**
 * `count` examples chosen at random without repetition, for quick runs and tests.
 * Asking for at least as many as there are returns all of them, shuffled.
 */
export function randomSubset(digits: Digits, count: number, random: () => number): Digits {
  const order = shuffledIndices(digits.count, random);
  return selectDigits(digits, order.subarray(0, Math.min(count, digits.count)));
}
