/**
 * Turning test results into what a learner wants to know: for each exercise, is it done,
 * failing, or not started yet, and what is the first thing to fix.
 *
 * @module
 */
import { parseTestName } from "../exercise/test_name.ts";
import type { TestCaseResult } from "../exercise/junit.ts";
import { STUB_MARKER } from "../exercise/todo.ts";

/** Where one exercise stands. */
export interface ExerciseStatus {
  /** Exercise id and function, e.g. `1.3 softmax`. */
  exercise: string;
  /** `done`: every test passes; `not started`: every failure is the stub; else `failing`. */
  state: "done" | "failing" | "not started";
  /** Tests passed out of tests run. */
  passed: number;
  /** Number of tests of this exercise. */
  total: number;
  /** The first failing test's check and failure, if any. */
  firstFailure?: { check: string; message: string };
}

/**
 * Groups test results by exercise, in the order the tests ran.
 *
 * @example
 * ```ts
 * exerciseStatuses(await runExerciseTests({ exercisesDir: "exercises", testFiles }));
 * // [{ exercise: "1.1 scalePixels", state: "done", passed: 2, total: 2 }, ...]
 * ```
 */
export function exerciseStatuses(results: TestCaseResult[]): ExerciseStatus[] {
  const byExercise = new Map<string, ExerciseStatus & { stubOnly: boolean }>();
  for (const result of results) {
    const name = parseTestName(result.name);
    if (!name) continue;
    const status = byExercise.get(name.exercise) ??
      { exercise: name.exercise, state: "done", passed: 0, total: 0, stubOnly: true };
    byExercise.set(name.exercise, status);
    status.total++;
    if (result.status === "passed") {
      status.passed++;
      status.stubOnly = false;
      continue;
    }
    const message = result.failure ?? "failed";
    if (!message.includes(STUB_MARKER)) status.stubOnly = false;
    status.firstFailure ??= { check: name.check, message };
  }
  return [...byExercise.values()].map(({ stubOnly, ...status }) => ({
    ...status,
    state: status.passed === status.total ? "done" : stubOnly ? "not started" : "failing",
  }));
}
