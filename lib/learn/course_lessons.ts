/**
 * The lessons a learner can check, hint and track: the course manifest's lessons with
 * exercises.
 *
 * @module
 */
import { type LessonEntry, lessonsWithExercises } from "../course/manifest.ts";
import { UsageError } from "../cli/errors.ts";
import type { Bilingual } from "../cli/language.ts";

/**
 * The lesson numbered `number` if it has exercises, or a {@linkcode UsageError} listing the
 * lessons that have.
 *
 * @example
 * ```ts
 * lessonToCheck(1).id; // "01_softmax"
 * lessonToCheck(99); // throws "lesson 99 has no exercises; lessons with exercises: 1, ..."
 * ```
 */
export function lessonToCheck(number: number): LessonEntry {
  const lessons = lessonsWithExercises();
  const lesson = lessons.find((candidate) => candidate.number === number);
  if (lesson) return lesson;
  const numbers = lessons.map((candidate) => candidate.number).join(", ");
  throw new UsageError({
    en: `lesson ${number} has no exercises; lessons with exercises: ${numbers}`,
    zh: `第 ${number} 课没有练习；有练习的课：${numbers}`,
  });
}

/**
 * The message for an exercise id that lesson `lesson` does not have; `ids` lists the ones it
 * has.
 *
 * @example
 * ```ts
 * noSuchExercise(1, "1.9", "1.1, 1.2").en; // "lesson 1 has no exercise 1.9; its exercises are 1.1, 1.2"
 * ```
 */
export function noSuchExercise(lesson: number, id: string, ids: string): Bilingual {
  return {
    en: `lesson ${lesson} has no exercise ${id}; its exercises are ${ids}`,
    zh: `第 ${lesson} 课没有练习 ${id}；它的练习是 ${ids}`,
  };
}
