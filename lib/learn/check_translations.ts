/**
 * What each exercise test checks, in Chinese: one catalogue per lesson, `tests/<id>_test.zh.json`,
 * keyed by the English check of `testName("1.3", "<check>")`. The tests keep their English names
 * (the grader and every report key on them); `deno task check --lang zh` shows the Chinese.
 *
 * @module
 */
import { join } from "node:path";
import { COURSE_ROOT } from "../cli/course_root.ts";
import { type LessonEntry, lessonFiles } from "../course/manifest.ts";

/** The path of `lesson`'s catalogue of checks in Chinese. */
export function checkTranslationsPath(lesson: LessonEntry, courseRoot = COURSE_ROOT): string {
  return join(courseRoot, lessonFiles(lesson).test.replace(/\.ts$/, ".zh.json"));
}

/**
 * `lesson`'s checks in Chinese, by English check; empty when the lesson has no catalogue.
 *
 * @example
 * ```ts
 * (await checkTranslations(lessonWithId("01_softmax")))["probabilities are positive and sum to 1"];
 * // "概率都为正，且总和为 1"
 * ```
 */
export async function checkTranslations(
  lesson: LessonEntry,
  courseRoot = COURSE_ROOT,
): Promise<Record<string, string>> {
  const text = await Deno.readTextFile(checkTranslationsPath(lesson, courseRoot)).catch(() => "{}");
  const parsed = JSON.parse(text);
  return typeof parsed === "object" && parsed !== null ? parsed : {};
}
