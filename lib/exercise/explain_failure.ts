/**
 * What a learner (or a student reading the grader's feedback) needs from a failed test: the
 * assertion's message, expected against actual, without the runner's stack trace, in the
 * reader's language.
 *
 * @module
 */
import type { Language } from "../cli/language.ts";
import { messageIn } from "../cli/two_languages.ts";

/**
 * The useful part of a failure report for a learner: the assertion's message (expected vs
 * actual) without the runner's stack trace, in `language` (default English) where the message
 * carries both (see `lib/cli/two_languages.ts`).
 *
 * @example
 * ```ts
 * explainFailure("AssertionError: softmax should sum to 1\n    at file:///x.ts:1:1");
 * // "softmax should sum to 1"
 * explainFailure("AssertionError: sum to 1\n[zh:1] 总和为 1\n    at file:///x.ts:1:1", "zh");
 * // "总和为 1"
 * ```
 */
export function explainFailure(message: string, language: Language = "en"): string {
  const lines = message.split("\n");
  const kept: string[] = [];
  for (const [i, line] of lines.entries()) {
    // The runner quotes the line that threw (the course's own assert), with a caret under it.
    const quotesSource = /^\s*\^\s*$/.test(lines[i + 1] ?? "");
    if (/^\s+at /.test(line) || /^\s*\^\s*$/.test(line) || quotesSource) continue;
    kept.push(line.replace(/^(Uncaught )?(AssertionError|TodoError|Error): /, ""));
  }
  return messageIn(kept.join("\n"), language).trim();
}
