/**
 * Progressive hints for the exercises, in English and Chinese from one source. Each lesson
 * keeps its hints in one JSON file beside its exercise file, `exercises/<lesson id>.hints.json`,
 * keyed by the exercise's id in the course manifest, gentlest hint first, each hint written
 * next to its translation:
 *
 * ```json
 * {
 *   "1.1": [
 *     {
 *       "en": "Pixels run from 0 to 255; scaled pixels run from 0 to 1.",
 *       "zh": "像素值在 0 到 255 之间，缩放后在 0 到 1 之间。"
 *     },
 *     { "en": "`pixels.map((p) => p / 255)`", "zh": "`pixels.map((p) => p / 255)`" }
 *   ]
 * }
 * ```
 *
 * @module
 */
import { join } from "node:path";
import { COURSE_ROOT } from "../cli/course_root.ts";
import { UsageError } from "../cli/errors.ts";
import { type Bilingual, LANGUAGES } from "../cli/language.ts";
import { type LessonEntry, lessonFiles } from "../course/manifest.ts";

/** Hints by exercise id (`"1.1"`), each list gentlest first, each hint in both languages. */
export type LessonHints = Record<string, Bilingual[]>;

/**
 * The path of `lesson`'s hints file.
 *
 * @example
 * ```ts
 * hintsPath(lessonWithId("01_softmax")); // ".../exercises/01_softmax.hints.json"
 * ```
 */
export function hintsPath(lesson: LessonEntry, courseRoot = COURSE_ROOT): string {
  return join(courseRoot, lessonFiles(lesson).hints);
}

/**
 * Reads and checks `lesson`'s hints: an object whose keys are exactly the lesson's exercise
 * ids and whose values are non-empty lists of hints, each an object with a non-empty `en` and
 * `zh`. Anything else is a {@linkcode UsageError} naming the file, the entry and, for a hint
 * without one of its languages, which hint and which language.
 *
 * @example
 * ```ts
 * const hints = await loadHints(lessonWithId("01_softmax"));
 * hints["1.1"][0].zh; // the first hint, in Chinese
 * ```
 */
export async function loadHints(
  lesson: LessonEntry,
  courseRoot = COURSE_ROOT,
): Promise<LessonHints> {
  const path = hintsPath(lesson, courseRoot);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await Deno.readTextFile(path));
  } catch (error) {
    const why = (error as Error).message;
    throw new UsageError({
      en: `${path}: cannot read the hints (${why})`,
      zh: `${path}：无法读取提示（${why}）`,
    });
  }
  if (!isObject(parsed)) {
    throw new UsageError({
      en: `${path}: expected an object of exercise ids to lists of hints`,
      zh: `${path}：应当是一个对象，把练习编号对应到提示列表`,
    });
  }
  const ids = lesson.exercises.map((exercise) => exercise.id);
  for (const [exercise, hints] of Object.entries(parsed)) {
    if (!ids.includes(exercise)) {
      throw new UsageError({
        en: `${path}: "${exercise}" is not an exercise of lesson ${lesson.number} (${
          ids.join(", ")
        })`,
        zh: `${path}："${exercise}" 不是第 ${lesson.number} 课的练习（${ids.join(", ")}）`,
      });
    }
    if (!Array.isArray(hints) || hints.length === 0) {
      throw new UsageError({
        en: `${path}: "${exercise}" should be a non-empty list of hints`,
        zh: `${path}："${exercise}" 应当是一个非空的提示列表`,
      });
    }
    hints.forEach((hint, i) =>
      checkHint(hint, {
        en: `${path}: "${exercise}" hint ${i + 1}`,
        zh: `${path}："${exercise}" 的第 ${i + 1} 条提示`,
      })
    );
  }
  const missing = ids.filter((id) => !(id in parsed));
  if (missing.length > 0) {
    throw new UsageError({
      en: `${path}: no hints for ${missing.join(", ")}`,
      zh: `${path}：${missing.join(", ")} 没有提示`,
    });
  }
  return parsed as LessonHints;
}

/** Throws a {@linkcode UsageError} starting with `where` unless `hint` is a full Bilingual. */
function checkHint(hint: unknown, where: Bilingual): void {
  const shape = `{ "en": "...", "zh": "..." }`;
  if (!isObject(hint)) {
    throw new UsageError({
      en: `${where.en} should be an object ${shape}`,
      zh: `${where.zh}应当是对象 ${shape}`,
    });
  }
  for (const language of LANGUAGES) {
    const text = hint[language];
    if (typeof text !== "string" || text.trim() === "") {
      throw new UsageError({
        en: `${where.en} has no "${language}" text (expected ${shape})`,
        zh: `${where.zh}没有 "${language}" 文本（应当是 ${shape}）`,
      });
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
