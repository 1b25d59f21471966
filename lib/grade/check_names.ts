/**
 * The course tests' checks in Chinese, for feedback written in Chinese: each lesson's catalogue
 * (`tests/<id>_test.zh.json`, see `lib/learn/check_translations.ts`), keyed by the English
 * check. A teacher's hidden tests have no catalogue and keep their English names.
 *
 * @module
 */
import { lessonWithId } from "../course/manifest.ts";
import { checkTranslations } from "../learn/check_translations.ts";
import type { Lesson } from "./lessons.ts";

/** Lesson id → English check → the check in Chinese. */
export type CheckNames = Record<string, Record<string, string>>;

/**
 * The Chinese checks of `lessons`, read from the course at `courseRoot`.
 *
 * @example
 * ```ts
 * const names = await checkNames(lessons, COURSE_ROOT);
 * names["01_softmax"]["probabilities are positive and sum to 1"]; // "概率都为正，且总和为 1"
 * ```
 */
export async function checkNames(lessons: Lesson[], courseRoot: string): Promise<CheckNames> {
  const catalogues = await Promise.all(
    lessons.map((lesson) => checkTranslations(lessonWithId(lesson.id), courseRoot)),
  );
  return Object.fromEntries(lessons.map((lesson, i) => [lesson.id, catalogues[i]]));
}
