/**
 * Progressive hints for the exercises. Each lesson keeps its hints in one JSON file beside its
 * exercise file, `exercises/<lesson id>.hints.json`, keyed by the exercise's id in the course
 * manifest, gentlest hint first:
 *
 * ```json
 * {
 *   "1.1": [
 *     "Pixels run from 0 to 255; scaled pixels run from 0 to 1.",
 *     "pixels.map((p) => p / 255)"
 *   ]
 * }
 * ```
 *
 * @module
 */
import { join } from "node:path";
import { COURSE_ROOT } from "../cli/course_root.ts";
import { UsageError } from "../cli/errors.ts";
import { type LessonEntry, lessonFiles } from "../course/manifest.ts";

/** Hints by exercise id (`"1.1"`), each list gentlest first. */
export type LessonHints = Record<string, string[]>;

/** The path of `lesson`'s hints file. */
export function hintsPath(lesson: LessonEntry, courseRoot = COURSE_ROOT): string {
  return join(courseRoot, lessonFiles(lesson).hints);
}

/**
 * Reads and checks `lesson`'s hints: an object whose keys are exactly the lesson's exercise
 * ids and whose values are non-empty lists of non-empty strings. Anything else is a
 * {@linkcode UsageError} naming the file and the entry.
 *
 * @example
 * ```ts
 * const hints = await loadHints(lessonWithId("01_softmax"));
 * hints["1.1"][0]; // the first hint
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
    throw new UsageError(`${path}: cannot read the hints (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${path}: expected an object of exercise ids to lists of hints`);
  }
  const ids = lesson.exercises.map((exercise) => exercise.id);
  for (const [exercise, hints] of Object.entries(parsed)) {
    if (!ids.includes(exercise)) {
      throw new UsageError(
        `${path}: "${exercise}" is not an exercise of lesson ${lesson.number} (${ids.join(", ")})`,
      );
    }
    const valid = Array.isArray(hints) && hints.length > 0 &&
      hints.every((hint) => typeof hint === "string" && hint.trim() !== "");
    if (!valid) throw new UsageError(`${path}: "${exercise}" should be a list of non-empty hints`);
  }
  const missing = ids.filter((id) => !(id in parsed));
  if (missing.length > 0) throw new UsageError(`${path}: no hints for ${missing.join(", ")}`);
  return parsed as LessonHints;
}
