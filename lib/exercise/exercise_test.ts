/**
 * How exercise tests are declared: each belongs to one exercise and carries its points, in one
 * place, next to the test itself. The test's name encodes both, so every tool that reads test
 * results (the learner's `check`, the suite's stub proof, the teachers' grader) can recover
 * them from the runner's report:
 *
 * ```text
 * 1.3 softmax › rows sum to 1 [2 pt]
 * ```
 *
 * @module
 */

/** An exercise test's identity as recovered from its name. */
export interface ExerciseTestName {
  /** Exercise id and function, e.g. `1.3 softmax`. */
  exercise: string;
  /** What the test checks. */
  check: string;
  /** Points it is worth. */
  points: number;
}

const SEPARATOR = " › ";
const NAME_PATTERN = /^(\d+\.\d+ \S+) › (.+) \[(\d+(?:\.\d+)?) pt\]$/;

/** The runner-visible name of an exercise test. */
export function formatExerciseTestName({ exercise, check, points }: ExerciseTestName): string {
  return `${exercise}${SEPARATOR}${check} [${points} pt]`;
}

/**
 * Recovers exercise, check and points from a test name, or `undefined` for any other name.
 *
 * @example
 * ```ts
 * parseExerciseTestName("1.3 softmax › rows sum to 1 [2 pt]");
 * // { exercise: "1.3 softmax", check: "rows sum to 1", points: 2 }
 * ```
 */
export function parseExerciseTestName(name: string): ExerciseTestName | undefined {
  const match = NAME_PATTERN.exec(name);
  return match ? { exercise: match[1], check: match[2], points: Number(match[3]) } : undefined;
}

/**
 * Registers a test of `exercise` worth `points` (default 1).
 *
 * @example
 * ```ts
 * exerciseTest("1.1 scalePixels", "maps 255 to 1", () => {
 *   assertEquals(scalePixels([255]), [1]);
 * });
 * ```
 */
export function exerciseTest(
  exercise: string,
  check: string,
  fn: () => void | Promise<void>,
  points = 1,
): void {
  Deno.test({ name: formatExerciseTestName({ exercise, check, points }), fn });
}
