/**
 * Grade exports for learning platforms, written next to `gradebook.csv` when the teacher asks
 * (`--export canvas,moodle,csv`): one column of points per lesson, the student's id (the
 * submission's name) where each platform matches students. See `docs/grading.md` for the
 * column mapping and the platforms' documentation.
 *
 * - `canvas.csv`: Canvas's gradebook import: `Student,ID,SIS User ID,SIS Login ID,Section`,
 *   then one column per lesson; a `Points Possible` row first. The id goes in `Student` and
 *   `SIS Login ID`.
 * - `moodle.csv`: Moodle's CSV grade import: an identifier column (`Username`, mapped on
 *   import) and one grade column per lesson.
 * - `grades-long.csv`: one row per student and lesson (`student,lesson,points,max,status`), for
 *   spreadsheets and scripts.
 *
 * @module
 */
import { csvField } from "./gradebook.ts";
import type { LessonListing } from "./listing.ts";
import type { StudentResult } from "./score.ts";
import { formatPoints } from "./text.ts";

/** The export formats `--export` accepts. */
export const EXPORT_FORMATS = ["canvas", "moodle", "csv"] as const;

/** One of {@linkcode EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file each format writes at the top of `--out`. */
export const EXPORT_FILES: Record<ExportFormat, string> = {
  canvas: "canvas.csv",
  moodle: "moodle.csv",
  csv: "grades-long.csv",
};

/** The column Canvas reads as an assignment: the lesson's id, prefixed so it is recognisable. */
function assignmentName(listing: LessonListing): string {
  return `digits ${listing.lesson.id}`;
}

/**
 * The text of `format`'s export of `results`, lessons in `listings` order.
 *
 * @example
 * ```ts
 * exportCsv("moodle", results, listings);
 * // "Username,digits 01_softmax\nalice,22\n"
 * ```
 */
export function exportCsv(
  format: ExportFormat,
  results: StudentResult[],
  listings: LessonListing[],
): string {
  const maxima = listings.map((listing) =>
    formatPoints(listing.tests.reduce((sum, test) => sum + test.points, 0))
  );
  const points = (result: StudentResult) =>
    result.lessons.map((lesson) => formatPoints(lesson.score));
  const rows: string[][] = [];
  if (format === "canvas") {
    rows.push([
      "Student",
      "ID",
      "SIS User ID",
      "SIS Login ID",
      "Section",
      ...listings.map(
        assignmentName,
      ),
    ]);
    rows.push(["Points Possible", "", "", "", "", ...maxima]);
    for (const result of results) {
      rows.push([result.id, "", "", result.id, "", ...points(result)]);
    }
  } else if (format === "moodle") {
    rows.push(["Username", ...listings.map(assignmentName)]);
    for (const result of results) rows.push([result.id, ...points(result)]);
  } else {
    rows.push(["student", "lesson", "points", "max", "status"]);
    for (const result of results) {
      for (const [index, lesson] of result.lessons.entries()) {
        rows.push([
          result.id,
          lesson.lesson.id,
          formatPoints(lesson.score),
          maxima[index],
          lesson.status,
        ]);
      }
    }
  }
  return rows.map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}
