/**
 * Test helper: which lines of a command's output are prose in the wrong language. Chinese
 * output may name things in English (proper names, code, commands, paths, Keras's progress
 * fields and model summary), but no run of two English words is prose; English output has no
 * Chinese at all.
 *
 * @module
 */

/** Lines Keras prints the same in every language: progress bars and the model summary. */
const KERAS_LINE =
  /^\s*(Epoch \d|Model: |Layer \(type\)|Total params|Trainable params|Non-trainable params|[_=]{5,})/;

/** Names that stay English in Chinese text. */
const NAMES = /\b(TensorFlow\.js|Keras|Kaggle|MNIST|GitHub|Vega-Lite|Chromium|OpenBLAS|PyTorch)\b/g;

/**
 * The lines of `output` (meant to be Chinese) holding English prose: two or more English words
 * in a row once code (`...` and "..." quotes, paths, flags, calls, `deno task` commands, names
 * with `_` or `.`), names and words in capitals (placeholders such as DIR, acronyms) are set
 * aside. A table row (a line of the model summary) is code.
 *
 * @example
 * ```ts
 * englishProse("下一步：deno task check 1\nNext: fix it"); // ["Next: fix it"]
 * ```
 */
export function englishProse(output: string): string[] {
  return output.split("\n").filter((line) => {
    if (KERAS_LINE.test(line) || !/[A-Za-z]/.test(line)) return false;
    const rest = line
      .replace(/`[^`]*`|"[^"]*"/g, " ")
      .replace(/\bdeno (?:task|run|test) [\w.-]+(?: [\w.\/-]+)*/g, " ")
      .replace(/(?:^|\s)(?:\.{0,2}\/|[\w-]+\/)\S*/g, " ")
      .replace(/--?[\w-]+/g, " ")
      .replace(/\b\w+\([^)]*\)|\b\S*[_.=\\[\],]\S*/g, " ")
      .replace(NAMES, " ")
      .replace(/\b[A-Z]+\b/g, " "); // placeholders (DIR, N) and acronyms (SGD, CPU)
    return /\b[A-Za-z]{2,}\b[\s,;]+\b[A-Za-z]{2,}\b/.test(rest);
  });
}

/**
 * The lines of `output` (meant to be English) with Chinese in them.
 *
 * @example
 * ```ts
 * chineseLines("Lesson 1\n第 1 课"); // ["第 1 课"]
 * ```
 */
export function chineseLines(output: string): string[] {
  return output.split("\n").filter((line) => /\p{Script=Han}/u.test(line));
}
