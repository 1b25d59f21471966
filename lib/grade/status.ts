/**
 * How grading a submission, or one lesson of it, ended. A student's status is the most severe
 * status among their lessons, so one line of the gradebook says what needs a teacher's look.
 *
 * @module
 */

/** Every status a graded lesson or submission can have. */
export const STATUSES = [
  "ok",
  "compile-error",
  "timeout",
  "memory",
  "storage",
  "crashed",
  "tampered",
  "missing",
  "rejected-archive",
] as const;

/** One of {@linkcode STATUSES}. */
export type GradeStatus = (typeof STATUSES)[number];

/** Statuses from most to least severe; `ok` is the least. */
const SEVERITY: readonly GradeStatus[] = [
  "rejected-archive",
  "tampered",
  "storage",
  "timeout",
  "memory",
  "crashed",
  "compile-error",
  "missing",
  "ok",
];

/** What each status means, in one sentence a student can act on. */
export const STATUS_MEANINGS: Record<GradeStatus, string> = {
  ok: "the tests ran; each test scored on its own",
  "compile-error":
    "the code could not be loaded (a syntax error, a missing import or export, or an error thrown while loading), so no test of the lesson ran",
  timeout: "the tests ran longer than the time limit (an endless loop?) and were stopped",
  memory: "the tests used more memory than allowed and were stopped",
  storage:
    "the code tried to store data (the Cache API, localStorage or sessionStorage), which graded code may not do, so the lesson scores no points",
  crashed:
    "the test run ended abnormally before every test had reported, so the lesson scores no points",
  tampered:
    "the test report was not the course's own (a test registered by the submission, a test reported twice or skipped, or a source map that disguises where code runs), so the lesson scores no points",
  missing: "the submission holds no file for this lesson",
  "rejected-archive":
    "the submission was refused unread: it holds links, paths outside its folder, or is too large",
};

/**
 * The most severe of `statuses` (`ok` for none).
 *
 * @example
 * ```ts
 * worstStatus(["ok", "timeout", "missing"]); // "timeout"
 * ```
 */
export function worstStatus(statuses: Iterable<GradeStatus>): GradeStatus {
  let worst = SEVERITY.length - 1;
  for (const status of statuses) worst = Math.min(worst, SEVERITY.indexOf(status));
  return SEVERITY[worst];
}
