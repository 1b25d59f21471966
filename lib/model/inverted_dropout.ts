/**
 * Inverted dropout on plain arrays: the rule TensorFlow.js's `tf.dropout` applies to a tensor,
 * written out so a lesson can show it unit by unit. A unit is dropped when its uniform draw
 * falls below `rate`; the survivors are scaled by `1 / (1 - rate)` so the expected value of
 * every unit is the same in training and at inference.
 *
 * @module
 */

/**
 * A mask of `size` entries, one draw of `random` each: 0 where the draw is below `rate`,
 * otherwise `1 / (1 - rate)`. `tf.dropout` keeps an entry when `floor(u + 1 - rate)` is 1,
 * that is when `u >= rate`: the same rule.
 *
 * @example
 * ```ts
 * const draws = [0.1, 0.9, 0.5, 0.2];
 * dropoutMask(4, 0.25, () => draws.shift()!); // [0, 4/3, 4/3, 0]
 * ```
 */
export function dropoutMask(size: number, rate: number, random: () => number): number[] {
  const keep = 1 - rate;
  const mask: number[] = [];
  for (let i = 0; i < size; i++) mask.push(random() < rate ? 0 : 1 / keep);
  return mask;
}

/**
 * `values` times a fresh {@linkcode dropoutMask} while `training`; a copy of `values` at
 * inference, when nothing is dropped.
 *
 * @example
 * ```ts
 * applyDropout([1, 2, 3], 0.5, () => 0.7, true); // [2, 4, 6]: every draw is kept
 * applyDropout([1, 2, 3], 0.5, () => 0.1, false); // [1, 2, 3]
 * ```
 */
export function applyDropout(
  values: number[],
  rate: number,
  random: () => number,
  training: boolean,
): number[] {
  if (!training) return values.slice();
  const mask = dropoutMask(values.length, rate, random);
  return values.map((value, i) => value * mask[i]);
}
