/**
 * `gradebook.csv`: one row per student with their status, total, maximum, points per lesson and
 * a note naming each lesson that did not grade normally. No times or dates, so grading the same
 * submissions twice gives the same file.
 *
 * @module
 */
import type { LessonListing } from "./listing.ts";
import type { StudentResult } from "./score.ts";
import { inLanguage } from "../cli/language.ts";
import { formatPoints } from "./text.ts";

/**
 * The gradebook for `results`, columns in lesson order.
 *
 * @example
 * ```ts
 * gradebookCsv(results, listings);
 * // "student,status,total,max,01_softmax,notes\nalice,ok,18,18,18,\n"
 * ```
 */
export function gradebookCsv(results: StudentResult[], listings: LessonListing[]): string {
  const header = [
    "student",
    "status",
    "total",
    "max",
    ...listings.map((l) => l.lesson.id),
    "notes",
  ];
  const rows = results.map((result) => [
    result.id,
    result.status,
    formatPoints(result.score),
    formatPoints(result.maxScore),
    ...result.lessons.map((lesson) => formatPoints(lesson.score)),
    (result.reason && inLanguage(result.reason, "en")) ??
      result.lessons.filter((lesson) => lesson.status !== "ok")
        .map((lesson) => `${lesson.lesson.id}: ${lesson.status}`).join("; "),
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}

/**
 * A CSV field: quoted when it holds a comma, quote or line break, and prefixed with `'` when a
 * spreadsheet would read it as a formula: starting with `=`, `+`, `-` or `@`, also after
 * leading whitespace (spreadsheets skip it), or with a tab or carriage return.
 */
export function csvField(value: string): string {
  const safe = /^\s*[=+\-@]|^[\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
