/**
 * Text from another program made safe to show in a terminal or a report.
 *
 * @module
 */

/** A terminal escape sequence (colours, cursor moves): ESC, `[`, parameters, a letter. */
const ESCAPE_SEQUENCE = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;?]*[a-zA-Z]`, "g");

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
