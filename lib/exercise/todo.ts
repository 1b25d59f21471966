/**
 * What an unfinished exercise throws. Tests, `deno task check` and the grader recognise it (by
 * {@linkcode STUB_MARKER} in its message) and report the exercise as "not started" rather than
 * as a bug.
 *
 * @module
 */
import { exerciseLabel, exerciseWithId } from "../course/manifest.ts";

/** The words every unfinished exercise's error carries, which the course's tools look for. */
export const STUB_MARKER = "is not done yet";

/** Thrown by an exercise stub that the learner has not written yet. */
export class TodoError extends Error {
  /** Creates the error for the exercise `exercise` (e.g. `1.1 scalePixels`) with its task. */
  constructor(readonly exercise: string, task: string) {
    super(`Exercise ${exercise} ${STUB_MARKER}: ${task}`);
    this.name = "TodoError";
  }
}

/**
 * Marks the stub of exercise `id` (as the course manifest numbers it). Replace the call with
 * your implementation.
 *
 * @example
 * ```ts
 * export function scalePixels(pixels: number[]): number[] {
 *   return todo("1.1", "divide every pixel by 255");
 * }
 * // throws TodoError: Exercise 1.1 scalePixels is not done yet: divide every pixel by 255
 * ```
 */
export function todo(id: string, task: string): never {
  throw new TodoError(exerciseLabel(exerciseWithId(id)), task);
}
