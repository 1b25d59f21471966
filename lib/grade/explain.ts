/**
 * One sentence or excerpt per test outcome, for the student: the assertion's message for the
 * course's tests (expected against actual, without the stack), only the kind of failure for
 * hidden tests, and why a test did not run at all.
 *
 * @module
 */
import { explainFailure } from "../exercise/explain_failure.ts";
import type { LessonResult, TestOutcome } from "./score.ts";
import { STATUS_MEANINGS } from "./status.ts";
import { plainExcerpt } from "../cli/text.ts";
import { STUB_MARKER } from "../exercise/todo.ts";

const ERROR_NAME = /^(?:Uncaught )?(?:\(in promise\) )?([A-Za-z]\w{0,39})\b/;

/**
 * What a student should read about `outcome`, a test of `lesson`.
 *
 * @example
 * ```ts
 * explainOutcome(outcome, lesson);
 * // "crossEntropy([[0, 1]], [[1, 0]]) gave Infinity: clip p to at least 1e-7"
 * ```
 */
export function explainOutcome(outcome: TestOutcome, lesson: LessonResult): string {
  if (outcome.passed) return "passed";
  if (outcome.failure === undefined) return `did not run: ${STATUS_MEANINGS[lesson.status]}`;
  if (outcome.test.hidden) return hiddenFailure(outcome.failure);
  return plainExcerpt(explainFailure(outcome.failure), 20, 2000);
}

/** A hidden test's failure without its details: stub, or the error's name. */
function hiddenFailure(failure: string): string {
  if (failure.includes(STUB_MARKER)) return "not done yet: the exercise still calls todo()";
  const name = ERROR_NAME.exec(failure.trimStart())?.[1] ?? "an error";
  return `failed with ${name} (hidden tests do not show their details)`;
}
