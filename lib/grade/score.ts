/**
 * Scoring: each listed test that the runtime's report shows as passed earns its points, and
 * nothing else does; a lesson's status says how its run ended. Pure functions over the listing
 * and the run, so the rules are easy to read and to test.
 *
 * @module
 */
import { ANSWERS_FOR_ITSELF } from "../exercise/answers_for_itself.ts";
import type { TestCaseResult } from "../exercise/junit.ts";
import type { GradedTest, LessonListing } from "./listing.ts";
import { STORAGE_CHECK_FILE } from "./storage_guard.ts";
import type { LessonRun } from "./run_lesson.ts";
import { type GradeStatus, worstStatus } from "./status.ts";
import type { Lesson } from "./lessons.ts";
import type { Bilingual, Text } from "../cli/language.ts";

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
  /**
   * Why the report did not count, in one line naming no test, when it was not clean (in both
   * languages; records written to disk keep the English).
   */
  why?: Text;
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
  /**
   * Why none of its lessons ran, when none did (refused, or the grader failed on it); in both
   * languages where the grader wrote it so.
   */
  reason?: Text;
}

/** How a lesson's run ended, and why in one line when it did not end `ok`. */
export interface RunVerdict {
  /** The lesson's status. */
  status: GradeStatus;
  /** Why the report does not count, in words that name no test (hidden tests stay hidden). */
  why?: Bilingual;
}

/**
 * How a lesson's run ended, judged against the reference listing: `ok` only for a complete,
 * clean report, holding every listed case exactly once, each passed or failed (a case the
 * reference skipped, or the grader's storage check, with the reference's status), and
 * nothing else. `compile-error` when the code could not load (no report, or an empty one);
 * `timeout` or `memory` at a limit; otherwise `tampered`, `storage` or `crashed` (see
 * {@linkcode reportProblem}).
 *
 * @example
 * ```ts
 * lessonStatus({ end: "timeout", abnormal: false, output: "", durationMs: 0 }, listing);
 * // { status: "timeout" }
 * ```
 */
export function lessonStatus(run: LessonRun, listing: LessonListing): RunVerdict {
  if (run.end === "refused") return { status: "compile-error" };
  if (run.end === "timeout" || run.end === "memory") return { status: run.end };
  if (run.cases === undefined || (run.cases.length === 0 && !run.abnormal)) {
    return { status: run.abnormal ? "crashed" : "compile-error" };
  }
  return reportProblem(run.cases, listing) ?? { status: "ok" };
}

/**
 * What makes a report unclean, the most telling problem first, or `undefined` for a clean one:
 * a case the listing does not have, a case reported twice, a listed case reported with another
 * status than the reference's, or a test failed by a value that answers for itself (see
 * `lib/exercise/answers_for_itself.ts`) is `tampered`; a failed storage check (the code reached
 * for the Cache API or web storage) is `storage`; a case the runner cancelled, or a listed case missing, is
 * `crashed`.
 */
export function reportProblem(
  cases: TestCaseResult[],
  listing: LessonListing,
): RunVerdict | undefined {
  const expected = new Map<string, TestCaseResult["status"] | "scored">(
    listing.unscored.map((c) => [testKey(c.file, c.name), c.status]),
  );
  for (const test of listing.tests) expected.set(testKey(test.file, test.name), "scored");
  const seen = new Set<string>();
  let extra = 0, twice = 0, wrongKind = 0, lying = 0, cancelled = 0, storage = 0;
  for (const reported of cases) {
    const key = testKey(reported.file, reported.name);
    const kind = expected.get(key);
    if (kind === undefined) extra++;
    else if (seen.has(key)) twice++;
    seen.add(key);
    if (kind === undefined) continue;
    if (reported.status === "error") cancelled++;
    else if (reported.file === STORAGE_CHECK_FILE && reported.status === "failed") storage++;
    else if (reported.failure?.includes(ANSWERS_FOR_ITSELF)) lying++;
    else if (kind === "scored" ? reported.status === "skipped" : reported.status !== kind) {
      wrongKind++;
    }
  }
  const missing = expected.size - [...seen].filter((key) => expected.has(key)).length;
  const tests = (n: number) => `${n} test${n === 1 ? "" : "s"}`;
  if (extra > 0) {
    return {
      status: "tampered",
      why: {
        en: `the report holds ${
          tests(extra)
        } the course does not have (registered by the submission's own code)`,
        zh: `报告中有 ${extra} 个课程里没有的测试（由提交自己的代码注册）`,
      },
    };
  }
  if (twice > 0) {
    return {
      status: "tampered",
      why: {
        en: `${tests(twice)} of the course reported twice (a look-alike registered under ` +
          "a course test's name)",
        zh: `课程的 ${twice} 个测试被报告了两次（有冒充者用课程测试的名字注册了测试）`,
      },
    };
  }
  if (wrongKind > 0) {
    return {
      status: "tampered",
      why: {
        en: `${tests(wrongKind)} of the course reported as skipped or not skipped, ` +
          "unlike the reference run",
        zh: `课程的 ${wrongKind} 个测试被报告为跳过或未跳过，与参考答案的运行不一致`,
      },
    };
  }
  if (lying > 0) {
    return {
      status: "tampered",
      why: {
        en: `${tests(lying)} got a value that answers for itself (a Proxy, or methods, ` +
          "getters or a class of its own)",
        zh: `${lying} 个测试拿到的值会替自己作答（Proxy，或自带的方法、getter 或自定义的类）`,
      },
    };
  }
  if (storage > 0) {
    return {
      status: "storage",
      why: {
        en: "the code reached for the Cache API or web storage",
        zh: "代码试图使用 Cache API 或 Web 存储",
      },
    };
  }
  if (cancelled > 0) {
    return {
      status: "crashed",
      why: {
        en: `the test runner cancelled ${tests(cancelled)}: the code threw or left ` +
          "behind something the runner could not handle (an uncaught error, or a thrown Proxy)",
        zh: `测试运行器取消了 ${cancelled} 个测试：代码抛出了错误，或留下了运行器处理不了的东西` +
          "（未捕获的错误，或被抛出的 Proxy）",
      },
    };
  }
  if (missing > 0) {
    return {
      status: "crashed",
      why: { en: `${tests(missing)} never reported`, zh: `${missing} 个测试没有报告结果` },
    };
  }
  return undefined;
}

/**
 * Scores `listing`'s tests from `run`'s report. A lesson that did not end `ok` scores nothing:
 * its outcomes keep the failures the report shows (for feedback) but none counts as passed.
 */
export function scoreLesson(listing: LessonListing, run: LessonRun): LessonResult {
  const { status, why } = lessonStatus(run, listing);
  const reported = new Map(run.cases?.map((c) => [testKey(c.file, c.name), c]));
  const outcomes = listing.tests.map((test): TestOutcome => {
    const reportedCase = reported.get(testKey(test.file, test.name));
    return reportedCase?.status === "failed"
      ? { test, passed: false, failure: reportedCase.failure }
      : { test, passed: status === "ok" && reportedCase?.status === "passed" };
  });
  return {
    ...lessonTotals(listing, outcomes),
    status,
    ...(why ? { why } : {}),
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
  reason?: Text,
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
 * A submission none of whose lessons ran, with why: refused unread (`rejected-archive`), refused
 * for a source map (`tampered`), or the grader itself failed on it (`crashed`).
 */
export function unrunStudent(
  id: string,
  listings: LessonListing[],
  status: "rejected-archive" | "tampered" | "crashed",
  reason: Text,
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
