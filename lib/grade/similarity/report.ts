/**
 * The similarity report's data and its CSV: every pair of students that shares code beyond the
 * stub, per exercise file, with its score and the lines that match on each side.
 *
 * @module
 */
import { csvField } from "../gradebook.ts";
import { comparePairs, type LineRange, type PairSimilarity } from "./compare.ts";

/** Pairs of one exercise file. */
export interface LessonPairs {
  /** The lesson's id, e.g. `01_softmax`. */
  lesson: string;
  /** Its exercise file, e.g. `01_softmax.ts`. */
  file: string;
  /** How many students submitted it. */
  students: number;
  /** Every pair sharing code beyond the stub, most similar first. */
  pairs: PairSimilarity[];
}

/** What the report needs about one lesson: its id, file name and stub text. */
export interface LessonSource {
  /** The lesson's id, e.g. `01_softmax`. */
  lesson: string;
  /** Its exercise file name. */
  file: string;
  /** The shipped stub's text ("" when there is none). */
  base: string;
}

/**
 * Compares every pair of students on each lesson of `lessons`, given each student's files.
 *
 * @example
 * ```ts
 * const report = compareClass(files, [{ lesson: "01_softmax", file: "01_softmax.ts", base: stub }]);
 * ```
 */
export function compareClass(
  files: Map<string, Map<string, string>>,
  lessons: LessonSource[],
): LessonPairs[] {
  return lessons.map(({ lesson, file, base }) => {
    const sources = [...files].flatMap(([student, texts]) => {
      const text = texts.get(file);
      return text === undefined ? [] : [{ student, text }];
    });
    return { lesson, file, students: sources.length, pairs: comparePairs(sources, base) };
  });
}

/**
 * `similarity.csv`: one row per pair and lesson, highest score first across the class:
 * `student_a,student_b,lesson,score,above_threshold,lines_a,lines_b`, lines as `3-9 14-20`.
 *
 * @example
 * ```ts
 * similarityCsv(report, 0.5);
 * // "student_a,student_b,lesson,score,above_threshold,lines_a,lines_b\nann,bo,01_softmax,0.93,yes,3-40,3-40\n"
 * ```
 */
export function similarityCsv(report: LessonPairs[], threshold: number): string {
  const header = "student_a,student_b,lesson,score,above_threshold,lines_a,lines_b";
  const rows = rankedPairs(report).map(({ lesson, pair }) =>
    [
      pair.a,
      pair.b,
      lesson,
      pair.score.toFixed(3),
      pair.score >= threshold ? "yes" : "no",
      formatLines(pair.linesA),
      formatLines(pair.linesB),
    ].map(csvField).join(",")
  );
  return [header, ...rows].join("\n") + "\n";
}

/**
 * Every pair of every lesson, highest score first (ties by lesson, then ids), for the CSV and
 * the HTML report.
 */
export function rankedPairs(report: LessonPairs[]): { lesson: string; pair: PairSimilarity }[] {
  return report.flatMap(({ lesson, pairs }) => pairs.map((pair) => ({ lesson, pair })))
    .sort((p, q) => q.pair.score - p.pair.score); // stable: ties stay in lesson, then id order
}

/**
 * Line ranges as people write them: `3-9 14 20-22`.
 *
 * @example
 * ```ts
 * formatLines([[3, 9], [14, 14]]); // "3-9 14"
 * ```
 */
export function formatLines(ranges: LineRange[]): string {
  return ranges.map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(" ");
}
