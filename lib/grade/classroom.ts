/**
 * The result payload of GitHub Classroom's autograding reporter
 * (`classroom-resources/autograding-grading-reporter`): version 1, a status, the maximum score
 * and one entry per test with the points it earned, so partial credit reaches the classroom.
 * A workflow step base64-encodes this file into its `result` output.
 *
 * @module
 */
import { explainOutcome } from "./explain.ts";
import type { StudentResult } from "./score.ts";

/** One test in the reporter's format. */
export interface ClassroomTest {
  /** The test's name. */
  name: string;
  /** `pass` or `fail`. */
  status: "pass" | "fail";
  /** Points earned. */
  score: number;
  /** Why it failed, or `passed`. */
  message: string;
  /** The test's file. */
  filename: string;
  /** Unknown: always 0. */
  line_no: 0;
}

/** The reporter's payload. */
export interface ClassroomResults {
  /** Format version: 1. */
  version: 1;
  /** `pass` when every test passed, `error` when a lesson could not be graded, else `fail`. */
  status: "pass" | "fail" | "error";
  /** Points available. */
  max_score: number;
  /** Every test. */
  tests: ClassroomTest[];
}

/**
 * `result` as GitHub Classroom's reporter reads it.
 *
 * @example
 * ```ts
 * const payload = classroomResults(result);
 * payload.tests.reduce((sum, test) => sum + test.score, 0) === result.score; // true
 * ```
 */
export function classroomResults(result: StudentResult): ClassroomResults {
  const graded = result.lessons.every((lesson) => lesson.status === "ok");
  return {
    version: 1,
    status: result.score === result.maxScore ? "pass" : graded ? "fail" : "error",
    max_score: result.maxScore,
    tests: result.lessons.flatMap((lesson) =>
      lesson.outcomes.map((outcome): ClassroomTest => ({
        name: `${outcome.test.exercise} › ${outcome.test.check}`,
        status: outcome.passed ? "pass" : "fail",
        score: outcome.passed ? outcome.test.points : 0,
        message: explainOutcome(outcome, lesson),
        filename: outcome.test.hidden ? "hidden test" : lesson.lesson.testFile,
        line_no: 0,
      }))
    ),
  };
}
