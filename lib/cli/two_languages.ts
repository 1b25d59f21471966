/**
 * Messages that cross a process boundary in both languages. An exercise test runs in a child
 * `deno test` and its failures come back as text (a JUnit report), so a message a learner
 * reads (a stub's task, an assertion's explanation) travels with its English and its Chinese:
 * the English lines as they are, followed by the Chinese lines marked `[zh:N] ` (the first,
 * which stands for the N English lines before it) and `[zh] ` (the rest). Tools show
 * {@linkcode messageIn} the reader's language; a message without marks is the same in both.
 *
 * @module
 */
import type { Language, Text } from "./locale.ts";

const FIRST = /^\[zh:(\d+)\] ?/;
const MORE = /^\[zh\] ?/;

/**
 * `text` as one message carrying both languages (a plain string as it is).
 *
 * @example
 * ```ts
 * inBothLanguages({ en: "sum to 1", zh: "总和为 1" }); // "sum to 1\n[zh:1] 总和为 1"
 * ```
 */
export function inBothLanguages(text: Text): string {
  if (typeof text === "string") return text;
  const english = text.en.split("\n");
  const chinese = text.zh.split("\n");
  return [
    ...english,
    `[zh:${english.length}] ${chinese[0]}`,
    ...chinese.slice(1).map((line) => `[zh] ${line}`),
  ].join("\n");
}

/**
 * `message` in `language`: in English without the Chinese lines; in Chinese with each marked
 * translation in place of the English lines it stands for. Lines no translation covers (a
 * plain message, values, a stack) stay as they are.
 *
 * @example
 * ```ts
 * const message = "AssertionError: sum to 1\n[zh:1] 总和为 1\n  got 0.9";
 * messageIn(message, "en"); // "AssertionError: sum to 1\n  got 0.9"
 * messageIn(message, "zh"); // "总和为 1\n  got 0.9"
 * ```
 */
export function messageIn(message: string, language: Language): string {
  const kept: string[] = [];
  for (const line of message.split("\n")) {
    const first = FIRST.exec(line);
    if (first) {
      if (language === "zh") kept.splice(kept.length - Number(first[1]), Number(first[1]));
      if (language === "zh") kept.push(line.slice(first[0].length));
    } else if (MORE.test(line)) {
      if (language === "zh") kept.push(line.replace(MORE, ""));
    } else {
      kept.push(line);
    }
  }
  return kept.join("\n");
}
