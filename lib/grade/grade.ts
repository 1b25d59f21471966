/**
 * Grading, start to end. Once per run: find the lessons, pick the sandbox, stage the course
 * and list the tests that score by running them against the course's reference. Then, for each
 * submission (several at once): prepare its files privately, run each lesson's tests in the
 * sandbox, score them from the runtime's report, and write the results into `--out`.
 *
 * @module
 */
import type { Language, Text } from "../cli/language.ts";
import { join } from "node:path";
import { UsageError } from "../cli/errors.ts";
import { readClassRecord, sameTests } from "./class_record.ts";
import { EXPORT_FILES, EXPORT_FORMATS, type ExportFormat } from "./exports.ts";
import { type CheckNames, checkNames } from "./check_names.ts";
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
  /** The language of summary.md, summary.html and feedback.md (default English). */
  language?: Language;
  /** Platform exports to write next to the gradebook. */
  exports?: readonly ExportFormat[];
  /**
   * Regrade only these students into the earlier class run in `out`, keeping everyone else's
   * results and files as they are.
   */
  only?: readonly string[];
  /** Receives warnings (weaker sandbox, a reference that fails a test...). */
  warn: (message: Text) => void;
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
 * Grades every submission in `submissionsDir` and writes `gradebook.csv`, `summary.md`,
 * `summary.html`, `grades.json`, the asked-for exports and `students/<id>/` into `options.out`
 * (with `options.only`, regrades those students into the earlier run there). `onGraded` hears about each student as they finish.
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
  const found = await findSubmissions(submissionsDir);
  if (found.length === 0) {
    throw new UsageError({
      en: `<submissions> ${submissionsDir} holds no submission`,
      zh: `<submissions> ${submissionsDir} 里没有任何提交`,
    });
  }
  const earlier = options.only ? await readClassRecord(options.out) : undefined;
  const submissions = options.only ? chosenSubmissions(found, options.only) : found;
  return await withGrader(options, earlier ? "regrade" : "class", async (grader) => {
    if (earlier && !sameTests(earlier.listings, grader.listings)) {
      throw new UsageError({
        en: `--only: the tests that score differ from the earlier run in ${options.out} ` +
          "(other --lessons or --hidden, or the course changed); grade the whole class again",
        zh: `--only：计分的测试与 ${options.out} 里之前那次评分不同` +
          "（--lessons 或 --hidden 不同，或课程有改动）；请重新给全班评分",
      });
    }
    const slots = await cpuSlots(options.jobs);
    let done = 0;
    const results = await mapConcurrently(submissions, options.jobs, async (submission, slot) => {
      const started = performance.now();
      const result = await gradeSubmission(submission, grader, slots?.[slot]).catch((error) => {
        const trace = error?.stack ?? error;
        options.warn({
          en: `the grader failed on ${submission.id}: ${trace}`,
          zh: `评分器在 ${submission.id} 上出错：${trace}`,
        });
        return unrunStudent(submission.id, grader.listings, "crashed", {
          en: "the grader failed on it",
          zh: "评分器在它上面出错了",
        });
      });
      const durationMs = performance.now() - started;
      onGraded(result, { done: ++done, total: submissions.length, durationMs });
      return result;
    });
    const regraded = new Set(results.map((result) => result.id));
    const everyone = earlier
      ? [...earlier.results.filter((result) => !regraded.has(result.id)), ...results]
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      : results;
    await writeClassOutputs(options.out, everyone, grader.listings, grader.sandbox.kind, {
      language: options.language,
      exports: earlier ? await exportsToRefresh(options.out, options.exports) : options.exports,
      students: earlier ? regraded : undefined,
      checks: grader.checks,
    });
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
    await writeSingleOutputs(options.out, result, options.language, grader.checks);
    return result;
  });
}

/**
 * The submissions `--only` names, in `found`'s order; an id with no submission is a
 * {@linkcode UsageError}.
 */
function chosenSubmissions(found: Submission[], only: readonly string[]): Submission[] {
  const unknown = only.find((id) => !found.some((submission) => submission.id === id));
  if (unknown !== undefined) {
    const id = JSON.stringify(unknown);
    throw new UsageError({
      en: `--only: no submission of ${id} in <submissions>`,
      zh: `--only：<submissions> 里没有 ${id} 的提交`,
    });
  }
  return found.filter((submission) => only.includes(submission.id));
}

/** The exports a regrade rewrites: those asked for, and those the earlier run left in `out`. */
async function exportsToRefresh(
  out: string,
  asked: readonly ExportFormat[] = [],
): Promise<ExportFormat[]> {
  const present = await Promise.all(
    EXPORT_FORMATS.map((format) => isFile(join(out, EXPORT_FILES[format]))),
  );
  return EXPORT_FORMATS.filter((format, index) => asked.includes(format) || present[index]);
}

async function withGrader<T>(
  options: GradeOptions,
  mode: "class" | "regrade" | "single",
  use: (grader: Grader) => Promise<T>,
): Promise<T> {
  const found = await findLessons(options.hiddenDir);
  for (const file of found.unmatchedHidden) {
    options.warn({
      en: `--hidden: ${file} matches no lesson of the course; it does not run`,
      zh: `--hidden：${file} 对不上课程里的任何一课；它不会运行`,
    });
  }
  const lessons = selectLessons(found.lessons, options.lessons);
  const sandbox = await chooseSandbox(options.sandbox, options.warn);
  if (mode !== "regrade") await prepareOutFolder(options.out, mode);
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
  const checks = await checkNames(lessons, courseRoot);
  return { sandbox, stage, listings, workDir, timeoutMs, memoryMb, checks };
}

/** What grading each submission needs, set up once per run. */
interface Grader {
  sandbox: Sandbox;
  stage: CourseStage;
  listings: LessonListing[];
  workDir: string;
  timeoutMs: number;
  memoryMb: number;
  /** The course tests' checks in Chinese, for Chinese feedback. */
  checks: CheckNames;
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
