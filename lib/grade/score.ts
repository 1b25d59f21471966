/**
 * Scoring: each listed test that the runtime's report shows as passed earns its points, and
 * nothing else does; a lesson's status says how its run ended. Pure functions over the listing
 * and the run, so the rules are easy to read and to test.
 *
 * @module
 */
import type { GradedTest, LessonListing } from "./listing.ts";
import type { LessonRun } from "./run_lesson.ts";
import { type GradeStatus, worstStatus } from "./status.ts";
import type { Lesson } from "./lessons.ts";

/** How one listed test went. */
export interface TestOutcome {
  /** The test. */
  test: GradedTest;
  /** Whether the report shows it passed. */
  passed: boolean;
  /** The report's failure message, when it failed. */
  failure?: string;
}

/** One lesson of one submission, scored. */
export interface LessonResult {
  /** The lesson. */
  lesson: Lesson;
  /** How its run ended. */
  status: GradeStatus;
  /** Points earned. */
  score: number;
  /** Points available. */
  maxScore: number;
  /** Every listed test's outcome, in listing order. */
  outcomes: TestOutcome[];
  /** Why a run that did not end `ok` ended so (what it printed, or the limit it hit). */
  output?: string;
}

/** One submission, scored. */
export interface StudentResult {
  /** The student's id. */
  id: string;
  /** The most severe lesson status. */
  status: GradeStatus;
  /** Points earned. */
  score: number;
  /** Points available. */
  maxScore: number;
  /** Each lesson's result, in lesson order. */
  lessons: LessonResult[];
  /** Why none of its lessons ran, when none did (refused, or the grader failed on it). */
  reason?: string;
}

/**
 * How a lesson's run ended, judged against the tests that should have reported: `ok` when all
 * of them did; `compile-error` when the code could not load (no report, or an empty one);
 * otherwise `crashed`, `timeout` or `memory`.
 *
 * @example
 * ```ts
 * lessonStatus({ end: "timeout", abnormal: false, output: "", durationMs: 0 }, tests);
 * // "timeout"
 * ```
 */
export function lessonStatus(run: LessonRun, tests: GradedTest[]): GradeStatus {
  if (run.end === "refused") return "compile-error";
  if (run.end === "timeout" || run.end === "memory") return run.end;
  if (run.cases === undefined) return run.abnormal ? "crashed" : "compile-error";
  const reported = new Set(run.cases.map((c) => testKey(c.file, c.name)));
  if (tests.every((test) => reported.has(testKey(test.file, test.name)))) return "ok";
  return run.cases.length === 0 && !run.abnormal ? "compile-error" : "crashed";
}

/** Scores `listing`'s tests from `run`'s report. */
export function scoreLesson(listing: LessonListing, run: LessonRun): LessonResult {
  const status = lessonStatus(run, listing.tests);
  const reported = new Map(run.cases?.map((c) => [testKey(c.file, c.name), c]));
  const outcomes = listing.tests.map((test): TestOutcome => {
    const reportedCase = reported.get(testKey(test.file, test.name));
    return reportedCase?.status === "failed"
      ? { test, passed: false, failure: reportedCase.failure }
      : { test, passed: reportedCase?.status === "passed" };
  });
  return {
    ...lessonTotals(listing, outcomes),
    status,
    ...(status === "ok" ? {} : { output: run.output }),
  };
}

/** A lesson that did not run: `missing` (no file for it), or `status` for the whole submission. */
export function unrunLesson(listing: LessonListing, status: GradeStatus): LessonResult {
  const outcomes = listing.tests.map((test) => ({ test, passed: false }));
  return { ...lessonTotals(listing, outcomes), status };
}

/** A submission's result from its lessons' results. */
export function studentResult(
  id: string,
  lessons: LessonResult[],
  reason?: string,
): StudentResult {
  return {
    id,
    status: worstStatus(lessons.map((lesson) => lesson.status)),
    score: sumPoints(lessons.map((lesson) => lesson.score)),
    maxScore: sumPoints(lessons.map((lesson) => lesson.maxScore)),
    lessons,
    ...(reason ? { reason } : {}),
  };
}

/**
 * A submission none of whose lessons ran, with why: refused (`rejected-archive`), or the grader
 * itself failed on it (`crashed`).
 */
export function unrunStudent(
  id: string,
  listings: LessonListing[],
  status: "rejected-archive" | "crashed",
  reason: string,
): StudentResult {
  const lessons = listings.map((listing) => unrunLesson(listing, status));
  return studentResult(id, lessons, reason);
}

/** Adds points, rounding away floating-point dust (0.1 + 0.2 is 0.3). */
export function sumPoints(points: number[]): number {
  return Math.round(points.reduce((sum, value) => sum + value, 0) * 1e6) / 1e6;
}

function lessonTotals(listing: LessonListing, outcomes: TestOutcome[]) {
  return {
    lesson: listing.lesson,
    score: sumPoints(outcomes.filter((o) => o.passed).map((o) => o.test.points)),
    maxScore: sumPoints(listing.tests.map((test) => test.points)),
    outcomes,
  };
}

function testKey(file: string, name: string): string {
  return `${file}\u0000${name}`;
}
