/**
 * What an unfinished exercise throws. Tests, `deno task check` and the grader recognise it (by
 * {@linkcode STUB_MARKER} in its message, which always carries the English) and report the
 * exercise as "not started" rather than as a bug.
 *
 * @module
 */
import type { Bilingual } from "../cli/language.ts";
import { exerciseLabel, exerciseWithId } from "../course/manifest.ts";
import { inBothLanguages } from "../cli/two_languages.ts";

/**
 * The words every unfinished exercise's error carries (in its English line), which the
 * course's tools look for.
 */
export const STUB_MARKER = "is not done yet";

/**
 * Thrown by an exercise stub that the learner has not written yet. Its message holds the task
 * in both languages (see `lib/cli/two_languages.ts`); the English line is
 * `Exercise <exercise> is not done yet: <task>`.
 */
export class TodoError extends Error {
  /** Creates the error for the exercise `exercise` (e.g. `1.1 scalePixels`) with its task. */
  constructor(readonly exercise: string, task: Bilingual) {
    super(inBothLanguages({
      en: `Exercise ${exercise} is not done yet: ${task.en}`,
      zh: `练习 ${exercise} 还没有完成：${task.zh}`,
    }));
    this.name = "TodoError";
  }
}

/**
 * Marks the stub of exercise `id` (as the course manifest numbers it), with its task in both
 * languages. Replace the call with your implementation.
 *
 * @example
 * ```ts
 * export function scalePixels(pixels: number[]): number[] {
 *   return todo("1.1", { en: "divide every pixel by 255", zh: "每个像素除以 255" });
 * }
 * // throws TodoError: Exercise 1.1 scalePixels is not done yet: divide every pixel by 255
 * ```
 */
export function todo(id: string, task: Bilingual): never {
  throw new TodoError(exerciseLabel(exerciseWithId(id)), task);
}
