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

/**
 * A count with its noun, pluralised by adding "s" when it is not 1: the way a lesson quotes
 * epochs, digits and runs from the run's own numbers.
 *
 * @example
 * ```ts
 * formatCount(1, "epoch"); // "1 epoch"
 * formatCount(48000, "digit"); // "48,000 digits"
 * ```
 */
export function formatCount(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}
