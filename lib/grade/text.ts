/**
 * Small text helpers the reports share: points as people write them, untrusted output made
 * safe to show, and Markdown code fences that student text cannot break out of.
 *
 * @module
 */

/** A terminal escape sequence (colours, cursor moves): ESC, `[`, parameters, a letter. */
const ESCAPE_SEQUENCE = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;?]*[a-zA-Z]`, "g");

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
 * `text` without terminal escape sequences and control characters (tabs and newlines stay),
 * cut to `maxLines` lines and `maxChars` characters, with a note where it was cut.
 *
 * @example
 * ```ts
 * plainExcerpt("\u001b[31merror\u001b[0m: boom", 10, 100); // "error: boom"
 * ```
 */
export function plainExcerpt(text: string, maxLines: number, maxChars: number): string {
  const plain = Array.from(text.replace(ESCAPE_SEQUENCE, ""))
    .filter((character) => character >= " " || character === "\n" || character === "\t")
    .join("")
    .trim();
  const lines = plain.split("\n");
  let excerpt = lines.slice(0, maxLines).join("\n");
  if (excerpt.length > maxChars) excerpt = excerpt.slice(0, maxChars);
  return excerpt.length < plain.length ? `${excerpt}\n[...]` : excerpt;
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
