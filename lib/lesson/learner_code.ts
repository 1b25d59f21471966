/**
 * `deno task lesson N --mine`: the lesson runs with the learner's own functions from
 * `exercises/<id>.ts` wherever it computes what an exercise builds. A lesson names the
 * course's implementation of each such exercise; with `--mine` the learner's takes its place.
 *
 * Before anything trains, every exercise the lesson will use is looked at: one still calling
 * `todo(...)` stops the run with one line naming it, its file:line and `deno task check N`.
 * While the lesson runs, an error thrown by the learner's function stops it the same way,
 * naming the function, instead of a stack trace through the course's code.
 *
 * @module
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { COURSE_ROOT } from "../cli/course_root.ts";
import { DataError } from "../cli/errors.ts";
import type { Bilingual } from "../cli/language.ts";
import {
  type ExerciseEntry,
  exerciseLabel,
  type LessonEntry,
  lessonFiles,
} from "../course/manifest.ts";
import { stubLine } from "../exercise/stub_line.ts";
import { STUB_MARKER } from "../exercise/todo.ts";

/** Functions by exercise name, e.g. `{ buildSoftmaxModel: softmaxRegression }`. */
// deno-lint-ignore no-explicit-any
export type Implementations = Record<string, (...args: any[]) => any>;

/** The learner's exercise file, loaded. */
export interface LearnerCode {
  /** The lesson whose exercises these are. */
  lesson: LessonEntry;
  /** The file, relative to the course root, e.g. `exercises/01_softmax.ts`. */
  file: string;
  /** Its text, to find unfinished exercises without running them. */
  source: string;
  /** Its exports. */
  exports: Record<string, unknown>;
}

/** What a lesson runs with: the functions, and which of them are the learner's. */
export interface ChosenCode<T extends Implementations> {
  /** The implementations to call: the learner's with `--mine`, the course's otherwise. */
  code: T;
  /** The exercises whose learner implementations `code` holds (empty without `--mine`). */
  used: ExerciseEntry[];
}

/**
 * Loads `exercises/<id>.ts` of `lesson` from `root`. A file that does not load (a syntax error,
 * a bad import) is a {@linkcode DataError} naming it and `deno task check N`.
 *
 * @example
 * ```ts
 * const learner = await loadLearnerCode(lessonWithId("01_softmax"));
 * learner.file; // "exercises/01_softmax.ts"
 * ```
 */
export async function loadLearnerCode(
  lesson: LessonEntry,
  root = COURSE_ROOT,
): Promise<LearnerCode> {
  const file = lessonFiles(lesson).exercise;
  const path = join(root, file);
  const source = await Deno.readTextFile(path).catch(() => {
    throw new DataError(file, {
      en: "cannot be read; --mine runs the lesson with this file",
      zh: "无法读取；--mine 要用这个文件运行这一课",
    });
  });
  try {
    const exports = await import(pathToFileURL(path).href);
    return { lesson, file, source, exports };
  } catch (error) {
    const why = firstLine(error);
    const check = `deno task check ${lesson.number}`;
    throw new DataError(file, {
      en: `does not load (${why}); ${check} shows where`,
      zh: `无法加载（${why}）；${check} 会指出出错的位置`,
    });
  }
}

/**
 * The functions a lesson runs with. Without `learner`, `course` itself. With it, each function
 * of `course` is replaced by the learner's function of the same name, wrapped so that an
 * error it throws stops the lesson with one line; an exercise still calling `todo(...)` is a
 * {@linkcode DataError} at once, before any of it runs.
 *
 * @example
 * ```ts
 * const { code, used } = chooseCode({ buildSoftmaxModel: softmaxRegression }, learner);
 * const model = code.buildSoftmaxModel();
 * ```
 */
export function chooseCode<T extends Implementations>(
  course: T,
  learner: LearnerCode | undefined,
): ChosenCode<T> {
  if (!learner) return { code: course, used: [] };
  const used = Object.keys(course).map((name) => exerciseNamed(learner.lesson, name));
  for (const exercise of used) {
    const line = stubLine(learner.source, exercise.name);
    if (line !== undefined) throw unfinished(learner, exercise, line);
  }
  const code = Object.fromEntries(used.map((exercise) => {
    const theirs = learner.exports[exercise.name];
    if (typeof theirs !== "function") {
      const label = exerciseLabel(exercise);
      const check = `deno task check ${learner.lesson.number}`;
      throw new DataError(learner.file, {
        en: `exercise ${label} should export a function ${exercise.name}; ` +
          `${check} shows what it should look like`,
        zh: `练习 ${label} 应当导出函数 ${exercise.name}；${check} 会告诉你它应该是什么样子`,
      });
    }
    return [exercise.name, guarded(learner, exercise, theirs as Implementations[string])];
  }));
  return { code: code as T, used };
}

/**
 * One sentence, in both languages, saying which of the learner's functions a run used, e.g.
 * `--mine: your code from exercises/01_softmax.ts runs in this lesson: scalePixels (1.1), ...`
 */
export function describeUsed(learner: LearnerCode, used: ExerciseEntry[]): Bilingual {
  const names = used.map((exercise) => `${exercise.name} (${exercise.id})`).join(", ");
  return {
    en: `--mine: your code from ${learner.file} runs in this lesson: ${names}.`,
    zh: `--mine：这一课运行的是你在 ${learner.file} 里写的代码：${names}。`,
  };
}

function exerciseNamed(lesson: LessonEntry, name: string): ExerciseEntry {
  const exercise = lesson.exercises.find((candidate) => candidate.name === name);
  if (!exercise) throw new Error(`lesson ${lesson.number} has no exercise named ${name}`);
  return exercise;
}

function unfinished(learner: LearnerCode, exercise: ExerciseEntry, line: number): DataError {
  const label = exerciseLabel(exercise);
  const check = `deno task check ${learner.lesson.number}`;
  return new DataError(`${learner.file}:${line}`, {
    en: `exercise ${label} is not finished yet; write it, then run ${check}`,
    zh: `练习 ${label} 还没有完成；先写完它，再运行 ${check}`,
  });
}

/** `theirs`, with its errors (thrown or rejected) turned into one line naming it. */
function guarded(
  learner: LearnerCode,
  exercise: ExerciseEntry,
  theirs: Implementations[string],
): Implementations[string] {
  const fail = (error: unknown): never => {
    if (error instanceof DataError) throw error;
    if (String(error).includes(STUB_MARKER)) {
      throw unfinished(learner, exercise, stubLine(learner.source, exercise.name) ?? 1);
    }
    const why = firstLine(error);
    const check = `deno task check ${learner.lesson.number}`;
    throw new DataError(learner.file, {
      en: `your ${exercise.name} (exercise ${exercise.id}) failed in the lesson: ${why}; ` +
        `${check} tests it`,
      zh: `你的 ${exercise.name}（练习 ${exercise.id}）在这一课里出错了：${why}；${check} 会测试它`,
    });
  };
  return (...args) => {
    try {
      const result = theirs(...args);
      return result instanceof Promise ? result.catch(fail) : result;
    } catch (error) {
      return fail(error);
    }
  };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split("\n")[0].trim();
}
