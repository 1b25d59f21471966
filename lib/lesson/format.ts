/**
 * Numbers as a lesson prints them.
 *
 * @module
 */

/**
 * A fraction as a percentage, with two decimals unless `decimals` says otherwise: the one way
 * the course quotes accuracies, confidences and shares.
 *
 * @example
 * ```ts
 * formatPercent(0.97812); // "97.81%"
 * formatPercent(0.97812, 0); // "98%"
 * ```
 */
export function formatPercent(fraction: number, decimals = 2): string {
  return `${(fraction * 100).toFixed(decimals)}%`;
}
