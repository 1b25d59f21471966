/**
 * How exercise tests are named: each belongs to one exercise and carries its points, declared
 * in one place, next to the test itself. A test gives its exercise's id from the course
 * manifest; the name spells out the exercise and the points, so every tool that reads test
 * results (the learner's `check`, the suite's stub proof, the teachers' grader) can recover
 * them from the runner's report:
 *
 * ```ts
 * Deno.test(testName("1.3", "rows sum to 1", 2), () => {
 *   // ...
 * });
 * // registers the test "1.3 softmax › rows sum to 1 [2 pt]"
 * ```
 *
 * Tests call `Deno.test` themselves so the runner reports each test under its own test file.
 *
 * @module
 */
import { exerciseLabel, exerciseWithId } from "../course/manifest.ts";

/** An exercise test's identity as recovered from its name. */
export interface ExerciseTestName {
  /** Exercise id and function, e.g. `1.3 softmax`. */
  exercise: string;
  /** What the test checks. */
  check: string;
  /** Points it is worth. */
  points: number;
}

const NAME_PATTERN = /^(\d+\.\d+ \S+) › (.+) \[(\d+(?:\.\d+)?) pt\]$/;

/**
 * The name of a test of the exercise whose manifest id is `exerciseId`, checking `check` and
 * worth `points` (default 1). An id the course manifest does not have throws.
 *
 * @example
 * ```ts
 * testName("1.1", "maps 255 to 1"); // "1.1 scalePixels › maps 255 to 1 [1 pt]"
 * ```
 */
export function testName(exerciseId: string, check: string, points = 1): string {
  return `${exerciseLabel(exerciseWithId(exerciseId))} › ${check} [${points} pt]`;
}

/**
 * Recovers exercise, check and points from a test name, or `undefined` for any other name.
 *
 * @example
 * ```ts
 * parseTestName("1.3 softmax › rows sum to 1 [2 pt]");
 * // { exercise: "1.3 softmax", check: "rows sum to 1", points: 2 }
 * ```
 */
export function parseTestName(name: string): ExerciseTestName | undefined {
  const match = NAME_PATTERN.exec(name);
  return match ? { exercise: match[1], check: match[2], points: Number(match[3]) } : undefined;
}
