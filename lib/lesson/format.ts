/**
 * Numbers as a lesson prints them.
 *
 * @module
 */

/**
 * A fraction as a percentage with two decimals, the way the course quotes accuracies.
 *
 * @example
 * ```ts
 * formatPercent(0.97812); // "97.81%"
 * ```
 */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}
