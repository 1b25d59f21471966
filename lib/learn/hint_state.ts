/**
 * How many hints the learner has seen for each exercise, kept in `out/learn/hints.json` (the
 * repository's ignored output folder), e.g. `{ "1.1 scalePixels": 2 }`.
 *
 * @module
 */
import { join } from "node:path";
import { COURSE_ROOT } from "../cli/course_root.ts";
import { learnDir } from "./lesson_results.ts";

/** Hints revealed so far, by exercise (`1.1 scalePixels`). */
export type RevealedHints = Record<string, number>;

/** The file the reveal state lives in. */
export function hintStatePath(courseRoot = COURSE_ROOT): string {
  return join(learnDir(courseRoot), "hints.json");
}

/**
 * The reveal state; a missing or unreadable file means no hint has been seen yet.
 *
 * @example
 * ```ts
 * (await readRevealed())["1.1 scalePixels"] ?? 0; // hints seen for exercise 1.1
 * ```
 */
export async function readRevealed(courseRoot = COURSE_ROOT): Promise<RevealedHints> {
  try {
    const parsed = JSON.parse(await Deno.readTextFile(hintStatePath(courseRoot)));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** Records that `count` hints of `exercise` have been seen. */
export async function writeRevealed(
  exercise: string,
  count: number,
  courseRoot = COURSE_ROOT,
): Promise<void> {
  const revealed = { ...(await readRevealed(courseRoot)), [exercise]: count };
  await Deno.mkdir(learnDir(courseRoot), { recursive: true });
  await Deno.writeTextFile(hintStatePath(courseRoot), JSON.stringify(revealed, null, 2) + "\n");
}
