/**
 * A learning-rate sweep: train once per rate, one run after the other, and keep the rate
 * that scored best. Lesson 4 sweeps plain SGD with it; exercise 4.5 rebuilds it.
 *
 * @module
 */

/** One point of a sweep: the learning rate tried and the score it reached. */
export interface SweepResult {
  /** The learning rate tried. */
  learningRate: number;
  /** The score `train` returned for it (higher is better, e.g. validation accuracy). */
  score: number;
}

/**
 * Calls `train` once per rate, in the order given and never two at once (training runs share
 * the backend), and returns every result in that order with the best one: the highest score,
 * the first of equals. Throws a `RangeError` for no rates.
 *
 * @example
 * ```ts
 * const { results, best } = await learningRateSweep([0.01, 0.1, 1], async (rate) => {
 *   return await trainAndMeasure(rate); // e.g. validation accuracy
 * });
 * best.learningRate; // the rate with the highest score
 * ```
 */
export async function learningRateSweep(
  rates: number[],
  train: (learningRate: number) => Promise<number>,
): Promise<{ results: SweepResult[]; best: SweepResult }> {
  if (rates.length === 0) throw new RangeError("learningRateSweep needs at least one rate");
  const results: SweepResult[] = [];
  for (const learningRate of rates) {
    results.push({ learningRate, score: await train(learningRate) });
  }
  const best = results.reduce((top, result) => (result.score > top.score ? result : top));
  return { results, best };
}
