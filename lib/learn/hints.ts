/**
 * Progressive hints for the exercises. Each lesson keeps its hints in one JSON file beside its
 * exercise file, `exercises/<lesson id>.hints.json`, keyed by the exercise's id as its tests
 * name it, gentlest hint first:
 *
 * ```json
 * {
 *   "1.1 scalePixels": [
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

/** Hints by exercise id (`"1.1 scalePixels"`), each list gentlest first. */
export type LessonHints = Record<string, string[]>;

/** The path of lesson `lessonId`'s hints file. */
export function hintsPath(lessonId: string, courseRoot = COURSE_ROOT): string {
  return join(courseRoot, "exercises", `${lessonId}.hints.json`);
}

/**
 * Reads and checks lesson `lessonId`'s hints: an object whose keys are exercise ids and whose
 * values are non-empty lists of non-empty strings. Anything else is a {@linkcode UsageError}
 * naming the file and the entry.
 *
 * @example
 * ```ts
 * const hints = await loadHints("01_softmax");
 * hints["1.1 scalePixels"][0]; // the first hint
 * ```
 */
export async function loadHints(lessonId: string, courseRoot = COURSE_ROOT): Promise<LessonHints> {
  const path = hintsPath(lessonId, courseRoot);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await Deno.readTextFile(path));
  } catch (error) {
    throw new UsageError(`${path}: cannot read the hints (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${path}: expected an object of exercise ids to lists of hints`);
  }
  for (const [exercise, hints] of Object.entries(parsed)) {
    const valid = Array.isArray(hints) && hints.length > 0 &&
      hints.every((hint) => typeof hint === "string" && hint.trim() !== "");
    if (!valid) throw new UsageError(`${path}: "${exercise}" should be a list of non-empty hints`);
  }
  return parsed as LessonHints;
}

/**
 * The exercise ids an exercise file declares, in order, read from its `todo("<id>", ...)`
 * calls.
 *
 * @example
 * ```ts
 * exerciseIds(`return todo("1.1 scalePixels", "divide by 255");`); // ["1.1 scalePixels"]
 * ```
 */
export function exerciseIds(exerciseSource: string): string[] {
  return [...exerciseSource.matchAll(/todo\(\s*"(\d+\.\d+ \w+)"/g)].map((match) => match[1]);
}
