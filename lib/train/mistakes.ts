/**
 * The model's most confident mistakes: the examples it got wrong while being most sure of its
 * answer. They are the ones worth looking at: often badly written digits, sometimes mislabelled.
 *
 * @module
 */

/** One wrong prediction. */
export interface Mistake {
  /** Position of the example. */
  index: number;
  /** Its true label. */
  label: number;
  /** The class the model predicted (its most probable one). */
  predicted: number;
  /** The probability the model gave that prediction. */
  confidence: number;
}

/**
 * The `k` wrong predictions with the highest confidence, most confident first (ties: lower
 * index first), from row-major probabilities `[N * classes]` and the `N` true labels.
 *
 * @example
 * ```ts
 * confidentMistakes([0, 1], new Float32Array([0.2, 0.8, 0.1, 0.9]), 2, 5);
 * // [{ index: 0, label: 0, predicted: 1, confidence: 0.8 }] (as float32)
 * ```
 */
export function confidentMistakes(
  labels: ArrayLike<number>,
  probabilities: Float32Array,
  classes: number,
  k: number,
): Mistake[] {
  const mistakes: Mistake[] = [];
  for (let index = 0; index < labels.length; index++) {
    const row = probabilities.subarray(index * classes, (index + 1) * classes);
    let predicted = 0;
    for (let c = 1; c < classes; c++) if (row[c] > row[predicted]) predicted = c;
    if (predicted !== labels[index]) {
      mistakes.push({ index, label: labels[index], predicted, confidence: row[predicted] });
    }
  }
  mistakes.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  return mistakes.slice(0, k);
}
