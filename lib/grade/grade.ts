/**
 * Grading, start to end. Once per run: find the lessons, pick the sandbox, stage the course
 * and list the tests that score by running them against the course's reference. Then, for each
 * submission (several at once): prepare its files privately, run each lesson's tests in the
 * sandbox, score them from the runtime's report, and write the results into `--out`.
 *
 * @module
 */
import type { Language } from "../cli/language.ts";
import { join } from "node:path";
import { UsageError } from "../cli/errors.ts";
import { chooseSandbox, type SandboxChoice } from "./choose_sandbox.ts";
import { cpuSlots } from "./cpus.ts";
import { describeSubmission, findSubmissions, type Submission } from "./discover.ts";
import { findLessons, type Lesson, selectLessons } from "./lessons.ts";
import { type LessonListing, listGradedTests } from "./listing.ts";
import { prepareOutFolder, WORK_PREFIX, writeClassOutputs, writeSingleOutputs } from "./outputs.ts";
import { mapConcurrently } from "../cli/pool.ts";
import { prepareSubmission } from "./prepare_submission.ts";
import { runLesson } from "./run_lesson.ts";
import type { Sandbox } from "./sandbox.ts";
import {
  type LessonResult,
  scoreLesson,
  type StudentResult,
  studentResult,
  unrunLesson,
  unrunStudent,
} from "./score.ts";
import { type CourseStage, lessonTestFiles, stageCourse } from "./stage.ts";

/** How to grade. */
export interface GradeOptions {
  /** The course's root folder (its `tests/`, `lib/`, `solutions/`, `node_modules/`). */
  courseRoot: string;
  /** Where to write the results. */
  out: string;
  /** The teacher's hidden tests, if any. */
  hiddenDir?: string;
  /** Lesson numbers to grade (all when undefined). */
  lessons?: number[];
  /** Submissions graded at once. */
  jobs: number;
  /** Seconds allowed per lesson of a submission. */
  timeoutSeconds: number;
  /** Memory per test process, MB (V8 heap and resident size). */
  memoryMb: number;
  /** Which sandbox to use. */
  sandbox: SandboxChoice;
  /** The language of summary.md and feedback.md (default English). */
  language?: Language;
  /** Receives warnings (weaker sandbox, a reference that fails a test...). */
  warn: (message: string) => void;
}

/** A graded class. */
export interface ClassGrades {
  /** One result per submission, sorted by student id. */
  results: StudentResult[];
  /** The lessons and the tests that scored. */
  listings: LessonListing[];
  /** The sandbox used. */
  sandbox: Sandbox["kind"];
}

/** Progress of a class run: one call per student as they finish. */
export type OnGraded = (
  result: StudentResult,
  progress: { done: number; total: number; durationMs: number },
) => void;

/**
 * Grades every submission in `submissionsDir` and writes `gradebook.csv`, `summary.md` and
 * `students/<id>/` into `options.out`. `onGraded` hears about each student as they finish.
 *
 * @example
 * ```ts
 * const { results } = await gradeClass("submissions", options, (result) => console.log(result.id));
 * ```
 */
export async function gradeClass(
  submissionsDir: string,
  options: GradeOptions,
  onGraded: OnGraded = () => {},
): Promise<ClassGrades> {
  const submissions = await findSubmissions(submissionsDir);
  if (submissions.length === 0) {
    throw new UsageError(`<submissions> ${submissionsDir} holds no submission`);
  }
  return await withGrader(options, "class", async (grader) => {
    const slots = await cpuSlots(options.jobs);
    let done = 0;
    const results = await mapConcurrently(submissions, options.jobs, async (submission, slot) => {
      const started = performance.now();
      const result = await gradeSubmission(submission, grader, slots?.[slot]).catch((error) => {
        options.warn(`the grader failed on ${submission.id}: ${error?.stack ?? error}`);
        return unrunStudent(submission.id, grader.listings, "crashed", "the grader failed on it");
      });
      const durationMs = performance.now() - started;
      onGraded(result, { done: ++done, total: submissions.length, durationMs });
      return result;
    });
    await writeClassOutputs(
      options.out,
      results,
      grader.listings,
      grader.sandbox.kind,
      options.language,
    );
    return { results, listings: grader.listings, sandbox: grader.sandbox.kind };
  });
}

/**
 * Grades the one submission at `path` (a folder or an archive) and writes `results.json`,
 * `feedback.md` and `github-classroom.json` into `options.out`, as Gradescope and GitHub
 * Classroom expect.
 */
export async function gradeSingle(path: string, options: GradeOptions): Promise<StudentResult> {
  const submission = await describeSubmission(path);
  return await withGrader(options, "single", async (grader) => {
    const result = await gradeSubmission(submission, grader);
    await writeSingleOutputs(options.out, result, options.language);
    return result;
  });
}

async function withGrader<T>(
  options: GradeOptions,
  mode: "class" | "single",
  use: (grader: Grader) => Promise<T>,
): Promise<T> {
  const found = await findLessons(options.hiddenDir);
  for (const file of found.unmatchedHidden) {
    options.warn(`--hidden: ${file} matches no lesson of the course; it does not run`);
  }
  const lessons = selectLessons(found.lessons, options.lessons);
  const sandbox = await chooseSandbox(options.sandbox, options.warn);
  await prepareOutFolder(options.out, mode);
  const workDir = await Deno.makeTempDir({ dir: options.out, prefix: WORK_PREFIX });
  try {
    return await use(await openGrader(lessons, sandbox, options, workDir));
  } finally {
    await Deno.remove(workDir, { recursive: true });
  }
}

async function openGrader(
  lessons: Lesson[],
  sandbox: Sandbox,
  options: GradeOptions,
  workDir: string,
): Promise<Grader> {
  const { courseRoot, hiddenDir, memoryMb } = options;
  const timeoutMs = options.timeoutSeconds * 1000;
  const stage = await stageCourse(courseRoot, lessons, hiddenDir, join(workDir, "stage"));
  const solutions = join(courseRoot, "solutions");
  const hasSolutions = await isFolder(solutions);
  const { listings, warnings } = await listGradedTests(lessons, {
    sandbox,
    stage,
    referenceDir: hasSolutions ? solutions : join(courseRoot, "exercises"),
    expectPassing: hasSolutions,
    workDir,
    timeoutMs,
    memoryMb,
  });
  warnings.forEach(options.warn);
  return { sandbox, stage, listings, workDir, timeoutMs, memoryMb };
}

/** What grading each submission needs, set up once per run. */
interface Grader {
  sandbox: Sandbox;
  stage: CourseStage;
  listings: LessonListing[];
  workDir: string;
  timeoutMs: number;
  memoryMb: number;
}

async function gradeSubmission(
  submission: Submission,
  grader: Grader,
  cpus?: number[],
): Promise<StudentResult> {
  const { listings, sandbox, stage, timeoutMs, memoryMb } = grader;
  const dir = await Deno.makeTempDir({ dir: grader.workDir, prefix: "submission-" });
  try {
    const exerciseFiles = listings.map((listing) => listing.lesson.exerciseFile);
    const prepared = await prepareSubmission(submission, dir, exerciseFiles);
    if ("rejected" in prepared) {
      return unrunStudent(submission.id, listings, "rejected-archive", prepared.rejected);
    }
    if ("tampered" in prepared) {
      return unrunStudent(submission.id, listings, "tampered", prepared.tampered);
    }
    const lessons: LessonResult[] = [];
    for (const listing of listings) {
      const { lesson } = listing;
      if (!(await isFile(join(prepared.exercisesDir, lesson.exerciseFile)))) {
        lessons.push(unrunLesson(listing, "missing"));
        continue;
      }
      const run = await runLesson(sandbox, {
        stage,
        exercisesDir: prepared.exercisesDir,
        exerciseFile: lesson.exerciseFile,
        testFiles: lessonTestFiles(lesson),
        workDir: await Deno.makeTempDir({ dir, prefix: `${lesson.id}-` }),
        memoryMb,
      }, { timeoutMs, cpus });
      lessons.push(scoreLesson(listing, run));
    }
    return studentResult(submission.id, lessons);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await Deno.lstat(path).catch(() => undefined))?.isFile ?? false;
}

async function isFolder(path: string): Promise<boolean> {
  return (await Deno.lstat(path).catch(() => undefined))?.isDirectory ?? false;
}
