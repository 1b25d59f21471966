/**
 * The lessons a learner can check, hint and track: the course manifest's lessons with
 * exercises.
 *
 * @module
 */
import { type LessonEntry, lessonsWithExercises } from "../course/manifest.ts";
import { UsageError } from "../cli/errors.ts";

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
  throw new UsageError(
    `lesson ${number} has no exercises; lessons with exercises: ${
      lessons.map((candidate) => candidate.number).join(", ")
    }`,
  );
}
