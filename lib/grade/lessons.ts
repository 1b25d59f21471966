/**
 * The lessons the grader knows: the course manifest's lessons with exercises, each tested by
 * `tests/<id>_test.ts` against the `<id>.ts` a submission holds. A teacher's hidden tests join
 * the lesson whose number starts their file name (`01_extra_test.ts`).
 *
 * @module
 */
import { basename } from "node:path";
import { lessonFiles, lessonsWithExercises } from "../course/manifest.ts";
import { UsageError } from "../cli/errors.ts";

/** One lesson of the course, as the grader sees it. */
export interface Lesson {
  /** The lesson's number, e.g. `1`. */
  number: number;
  /** The name its files share, e.g. `01_softmax`. */
  id: string;
  /** Its test file, relative to the course root, e.g. `tests/01_softmax_test.ts`. */
  testFile: string;
  /** The file a submission holds for it, e.g. `01_softmax.ts`. */
  exerciseFile: string;
  /** Its hidden test files, relative to the hidden-tests folder (none without `--hidden`). */
  hiddenFiles: string[];
}

/** The course's lessons and the hidden test files that belong to none of them. */
export interface CourseLessons {
  /** Lessons in order. */
  lessons: Lesson[];
  /** Hidden test files whose number matches no lesson. */
  unmatchedHidden: string[];
}

/** A hidden test file's name: `NN_<anything>_test.ts`, `NN` the lesson's number. */
export const HIDDEN_TEST_FILE = /^\d\d_[\w-]*_test\.ts$/;

/**
 * The course's lessons with exercises, from the manifest, with the hidden test files in
 * `hiddenDir` assigned to them.
 *
 * @example
 * ```ts
 * const { lessons } = await findLessons();
 * lessons[0].exerciseFile; // "01_softmax.ts"
 * ```
 */
export async function findLessons(hiddenDir?: string): Promise<CourseLessons> {
  const hidden = hiddenDir ? await hiddenTestFiles(hiddenDir) : [];
  const lessonOf = (file: string) => Number(file.slice(0, 2));
  const lessons = lessonsWithExercises().map((lesson): Lesson => {
    const files = lessonFiles(lesson);
    return {
      number: lesson.number,
      id: lesson.id,
      testFile: files.test,
      exerciseFile: basename(files.exercise),
      hiddenFiles: hidden.filter((file) => lessonOf(file) === lesson.number),
    };
  });
  const numbers = new Set(lessons.map((lesson) => lesson.number));
  const unmatchedHidden = hidden.filter((file) => !numbers.has(lessonOf(file)));
  return { lessons, unmatchedHidden };
}

/**
 * The lessons numbered in `numbers` (all of them when undefined); an unknown number is a
 * {@linkcode UsageError} naming `--lessons`.
 */
export function selectLessons(lessons: Lesson[], numbers?: number[]): Lesson[] {
  if (!numbers) return lessons;
  for (const number of numbers) {
    if (!lessons.some((lesson) => lesson.number === number)) {
      const numbers = lessons.map((lesson) => lesson.number).join(", ");
      throw new UsageError({
        en: `--lessons: the course has no lesson ${number}; its lessons are ${numbers}`,
        zh: `--lessons：课程里没有第 ${number} 课；现有的课是 ${numbers}`,
      });
    }
  }
  return lessons.filter((lesson) => numbers.includes(lesson.number));
}

async function hiddenTestFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && HIDDEN_TEST_FILE.test(entry.name)) files.push(entry.name);
  }
  if (files.length === 0) {
    throw new UsageError({
      en: `--hidden ${dir} holds no test file named NN_<name>_test.ts`,
      zh: `--hidden ${dir} 里没有名为 NN_<name>_test.ts 的测试文件`,
    });
  }
  return files.sort();
}
