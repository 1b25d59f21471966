/**
 * The lessons a learner can check, hint and track: every lesson with exercise tests, found from
 * the course's files (`tests/NN_<name>_test.ts`), so a new lesson joins without a change here.
 *
 * @module
 */
import { COURSE_ROOT } from "../cli/course_root.ts";
import { findLessons, type Lesson } from "../grade/lessons.ts";
import { UsageError } from "../cli/errors.ts";

/**
 * The course's lessons with exercises, in order.
 *
 * @example
 * ```ts
 * (await courseLessons()).map((lesson) => lesson.id); // ["01_softmax", ...]
 * ```
 */
export async function courseLessons(courseRoot = COURSE_ROOT): Promise<Lesson[]> {
  return (await findLessons(courseRoot)).lessons;
}

/**
 * The lesson numbered `number`, or a {@linkcode UsageError} listing the lessons there are.
 *
 * @example
 * ```ts
 * lessonNumbered(lessons, 1).exerciseFile; // "01_softmax.ts"
 * lessonNumbered(lessons, 99); // throws "lesson 99 has no exercises; lessons with exercises: 1, ..."
 * ```
 */
export function lessonNumbered(lessons: Lesson[], number: number): Lesson {
  const lesson = lessons.find((candidate) => candidate.number === number);
  if (lesson) return lesson;
  throw new UsageError(
    `lesson ${number} has no exercises; lessons with exercises: ${
      lessons.map((candidate) => candidate.number).join(", ")
    }`,
  );
}
