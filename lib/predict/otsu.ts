/**
 * Otsu's threshold: the level that splits values into two groups (paper and ink) as far apart
 * as possible, measured by the variance between the groups.
 *
 * @module
 */

const BINS = 256;

/**
 * The Otsu threshold of `values` (each 0-1): values above it are the brighter group.
 *
 * @example
 * ```ts
 * otsuThreshold(Float32Array.of(0, 0.05, 0.1, 0.8, 0.9)); // 0.1015625: 0.8 and 0.9 lie above
 * ```
 */
export function otsuThreshold(values: ArrayLike<number>): number {
  const counts = new Float64Array(BINS);
  for (let i = 0; i < values.length; i++) {
    counts[Math.min(BINS - 1, Math.max(0, Math.floor(values[i] * BINS)))]++;
  }
  let totalSum = 0;
  for (let bin = 0; bin < BINS; bin++) totalSum += bin * counts[bin];
  let [below, belowSum, best, bestBin] = [0, 0, -1, 0];
  for (let bin = 0; bin < BINS - 1; bin++) {
    below += counts[bin];
    belowSum += bin * counts[bin];
    const above = values.length - below;
    if (below === 0 || above === 0) continue;
    const gap = belowSum / below - (totalSum - belowSum) / above;
    const between = below * above * gap * gap;
    if (between > best) [best, bestBin] = [between, bin];
  }
  return (bestBin + 1) / BINS;
}
