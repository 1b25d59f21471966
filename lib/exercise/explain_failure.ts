/**
 * What a learner (or a student reading the grader's feedback) needs from a failed test: the
 * assertion's message, expected against actual, without the runner's stack trace.
 *
 * @module
 */

/**
 * The useful part of a failure report for a learner: the assertion's message (expected vs
 * actual) without the runner's stack trace.
 *
 * @example
 * ```ts
 * explainFailure("AssertionError: softmax should sum to 1\n    at file:///x.ts:1:1");
 * // "softmax should sum to 1"
 * ```
 */
export function explainFailure(message: string): string {
  const lines = message.split("\n");
  const kept: string[] = [];
  for (const [i, line] of lines.entries()) {
    // The runner quotes the line that threw (the course's own assert), with a caret under it.
    const quotesSource = /^\s*\^\s*$/.test(lines[i + 1] ?? "");
    if (/^\s+at /.test(line) || /^\s*\^\s*$/.test(line) || quotesSource) continue;
    kept.push(line.replace(/^(Uncaught )?(AssertionError|TodoError|Error): /, ""));
  }
  return kept.join("\n").trim();
}
