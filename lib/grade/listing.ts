/**
 * The trusted list of tests that score, with their points: the course's tests and the
 * teacher's hidden tests, run once per grading run against the course's own `solutions/` (or,
 * when a course ships without them, its untouched `exercises/` stubs) in the same sandbox as
 * the students. It also keeps every other case of that reference report (tests the reference
 * skipped, the grader's storage checks): a student's report must hold exactly these cases, each
 * once, for the lesson to score at all (`score.ts`).
 *
 * @module
 */
import { join } from "node:path";
import { DataError } from "../cli/errors.ts";
import type { Bilingual } from "../cli/language.ts";
import { parseTestName } from "../exercise/test_name.ts";
import type { TestCaseResult } from "../exercise/junit.ts";
import type { Lesson } from "./lessons.ts";
import { runLesson } from "./run_lesson.ts";
import type { Sandbox } from "./sandbox.ts";
import { type CourseStage, lessonTestFiles } from "./stage.ts";
import { STORAGE_CHECK_FILE } from "./storage_guard.ts";

/** A test that scores. */
export interface GradedTest {
  /** Its file as the runner reports it, e.g. `./tests/01_softmax_test.ts`. */
  file: string;
  /** Its full name, e.g. `1.3 softmax › rows sum to 1 [2 pt]`. */
  name: string;
  /** Its exercise, e.g. `1.3 softmax`. */
  exercise: string;
  /** What it checks. */
  check: string;
  /** Points it is worth. */
  points: number;
  /** Whether it is one of the teacher's hidden tests. */
  hidden: boolean;
}

/** A case of the reference report that does not score, with the status it had there. */
export interface UnscoredCase {
  /** Its file as the runner reports it. */
  file: string;
  /** Its name. */
  name: string;
  /** Its status in the reference run. */
  status: TestCaseResult["status"];
}

/** A lesson and the tests that score in it. */
export interface LessonListing {
  /** The lesson. */
  lesson: Lesson;
  /** Its tests, in the order they ran. */
  tests: GradedTest[];
  /** The reference report's other cases: skipped tests and the grader's storage checks. */
  unscored: UnscoredCase[];
}

/** The reference run to list tests from. */
export interface ReferenceRun {
  /** The sandbox the students run in. */
  sandbox: Sandbox;
  /** The staged course. */
  stage: CourseStage;
  /** The folder of reference exercise files (`solutions/`, else `exercises/`). */
  referenceDir: string;
  /** Whether the reference should pass every test (true for solutions). */
  expectPassing: boolean;
  /** A private folder for the runs. */
  workDir: string;
  /** Time limit per lesson, milliseconds. */
  timeoutMs: number;
  /** Memory limit, MB. */
  memoryMb: number;
}

/**
 * Lists every lesson's scoring tests by running them against the reference. A reference that
 * fails a test it should pass adds a warning (the test still counts); tests that do not run,
 * or are not named with `testName()`, are a {@linkcode DataError}.
 *
 * @example
 * ```ts
 * const { listings, warnings } = await listGradedTests(lessons, reference);
 * listings[0].tests.reduce((sum, test) => sum + test.points, 0); // 18
 * ```
 */
export async function listGradedTests(
  lessons: Lesson[],
  reference: ReferenceRun,
): Promise<{ listings: LessonListing[]; warnings: Bilingual[] }> {
  const listings: LessonListing[] = [];
  const warnings: Bilingual[] = [];
  for (const lesson of lessons) {
    const workDir = await Deno.makeTempDir({ dir: reference.workDir, prefix: "reference-" });
    const run = await runLesson(reference.sandbox, {
      stage: reference.stage,
      exercisesDir: reference.referenceDir,
      exerciseFile: lesson.exerciseFile,
      testFiles: lessonTestFiles(lesson),
      workDir,
      memoryMb: reference.memoryMb,
      reference: true,
    }, { timeoutMs: reference.timeoutMs });
    if (run.end !== "exited" || run.cases === undefined) {
      throw new DataError(reference.referenceDir, {
        en: `lesson ${lesson.id}'s tests did not run against it (${run.end}):\n${run.output}`,
        zh: `第 ${lesson.id} 课的测试没能在它上面运行（${run.end}）：\n${run.output}`,
      });
    }
    const unclean = run.cases.find((c) =>
      c.status === "error" || (c.file === STORAGE_CHECK_FILE && c.status !== "passed")
    );
    if (unclean) {
      throw new DataError(reference.referenceDir, {
        en: `lesson ${lesson.id}'s run did not end cleanly against it ("${unclean.name}": ` +
          `${unclean.failure}):\n${run.output}`,
        zh: `第 ${lesson.id} 课的测试在它上面没有正常结束（"${unclean.name}"：` +
          `${unclean.failure}）：\n${run.output}`,
      });
    }
    const tests: GradedTest[] = [];
    for (const file of lessonTestFiles(lesson).map((path) => `./${path}`)) {
      const cases = run.cases.filter((c) => c.file === file && c.status !== "skipped");
      if (cases.length === 0) {
        throw new DataError(join(reference.stage.dir, file), {
          en: `ran no test against ${reference.referenceDir}:\n${run.output}`,
          zh: `没有在 ${reference.referenceDir} 上运行任何测试：\n${run.output}`,
        });
      }
      for (const testCase of cases) {
        const parsed = parseTestName(testCase.name);
        if (!parsed) {
          throw new DataError(file, {
            en: `test "${testCase.name}" is not named with testName(exercise, check, points)`,
            zh: `测试 "${testCase.name}" 的名字不是用 testName(exercise, check, points) 起的`,
          });
        }
        if (tests.some((test) => test.file === file && test.name === testCase.name)) {
          throw new DataError(file, {
            en: `has two tests named "${testCase.name}"`,
            zh: `有两个名为 "${testCase.name}" 的测试`,
          });
        }
        tests.push({ file, name: testCase.name, ...parsed, hidden: file.startsWith("./hidden/") });
        if (reference.expectPassing && testCase.status === "failed") {
          warnings.push({
            en: `${reference.referenceDir} fails "${testCase.name}" (${file}); it still counts`,
            zh:
              `${reference.referenceDir} 没有通过 "${testCase.name}"（${file}）；这个测试仍然计分`,
          });
        }
      }
    }
    const scored = new Set(tests.map((test) => `${test.file}\u0000${test.name}`));
    const unscored = run.cases.filter((c) => !scored.has(`${c.file}\u0000${c.name}`))
      .map(({ file, name, status }) => ({ file, name, status }));
    listings.push({ lesson, tests, unscored });
  }
  return { listings, warnings };
}
