/**
 * The grader's progress: one line per graded student, coloured by status on a terminal and
 * plain otherwise (a log file or CI).
 *
 * @module
 */
import { type Language, speaker } from "../cli/language.ts";
import type { StudentResult } from "./score.ts";
import type { GradeStatus } from "./status.ts";
import { formatPoints } from "./text.ts";

const COLORS: Record<GradeStatus, number> = {
  ok: 32,
  "compile-error": 33,
  timeout: 33,
  memory: 33,
  storage: 31,
  crashed: 31,
  tampered: 31,
  missing: 90,
  "rejected-archive": 31,
};

/**
 * The line announcing `result`, the `done`-th of `total` to finish, graded in `durationMs`, in
 * `language` (the status keeps its name: it is the gradebook's).
 *
 * @example
 * ```ts
 * progressLine(result, { done: 3, total: 25, durationMs: 2140 }, false);
 * // "[ 3/25] alice: ok, 18/18 points (2.1 s)"
 * ```
 */
export function progressLine(
  result: StudentResult,
  { done, total, durationMs }: { done: number; total: number; durationMs: number },
  color: boolean,
  language: Language = "en",
): string {
  const counter = `[${String(done).padStart(String(total).length)}/${total}]`;
  const status = color ? `\x1b[${COLORS[result.status]}m${result.status}\x1b[0m` : result.status;
  const points = `${formatPoints(result.score)}/${formatPoints(result.maxScore)}`;
  const seconds = (durationMs / 1000).toFixed(1);
  return speaker(language)({
    en: `${counter} ${result.id}: ${status}, ${points} points (${seconds} s)`,
    zh: `${counter} ${result.id}：${status}，${points} 分（${seconds} 秒）`,
  });
}
