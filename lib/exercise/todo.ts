/**
 * What an unfinished exercise throws. Tests, `deno task check` and the grader recognise it and
 * report the exercise as "not started" rather than as a bug.
 *
 * @module
 */

/** Thrown by an exercise stub that the learner has not written yet. */
export class TodoError extends Error {
  /** Creates the error for `exercise` with a hint of what to implement. */
  constructor(readonly exercise: string, task: string) {
    super(`Exercise ${exercise} is not done yet: ${task}`);
    this.name = "TodoError";
  }
}

/**
 * Marks an exercise stub. Replace the call with your implementation.
 *
 * @example
 * ```ts
 * export function scalePixels(pixels: number[]): number[] {
 *   return todo("1.1 scalePixels", "divide every pixel by 255");
 * }
 * ```
 */
export function todo(exercise: string, task: string): never {
  throw new TodoError(exercise, task);
}
