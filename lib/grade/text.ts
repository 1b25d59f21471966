/**
 * Small text helpers the grader's reports share: points as people write them, and Markdown code
 * fences that student text cannot break out of.
 *
 * @module
 */

/**
 * Points as a short number: `2`, `1.5`, `0.33`.
 *
 * @example
 * ```ts
 * formatPoints(1.5); // "1.5"
 * formatPoints(1 / 3); // "0.33"
 * ```
 */
export function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}

/**
 * `text` in a Markdown code block whose fence is longer than any run of backticks inside, so
 * the text cannot end the block early.
 *
 * @example
 * ```ts
 * codeBlock("a ``` b"); // "````\na ``` b\n````"
 * ```
 */
export function codeBlock(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}\n${text}\n${fence}`;
}
