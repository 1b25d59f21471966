/**
 * The class's numbers that `summary.md` and `summary.html` both show: per exercise, how many
 * students pass all its tests and their mean points; the totals and how they spread over tenths
 * of the maximum. Computed once here so the two summaries cannot disagree.
 *
 * @module
 */
import type { LessonListing } from "./listing.ts";
import type { StudentResult, TestOutcome } from "./score.ts";

/** One exercise across the class. */
export interface ExerciseStats {
  /** The exercise, e.g. `1.3 softmax`. */
  exercise: string;
  /** The index of its lesson in the listings (and in each student's lessons). */
  lessonIndex: number;
  /** Points it is worth. */
  points: number;
  /** Students passing every one of its tests (course and hidden). */
  passingAll: number;
  /** Mean points earned on it. */
  mean: number;
  /** Each student's outcomes on its tests, in the order of `results`. */
  outcomes: TestOutcome[][];
}

/**
 * Every exercise of `listings`, in order, with how the class did on it.
 *
 * @example
 * ```ts
 * exerciseStats(results, listings)[0]; // { exercise: "1.1 scalePixels", passingAll: 20, ... }
 * ```
 */
export function exerciseStats(
  results: StudentResult[],
  listings: LessonListing[],
): ExerciseStats[] {
  const stats: ExerciseStats[] = [];
  for (const [lessonIndex, listing] of listings.entries()) {
    for (const [exercise, tests] of Map.groupBy(listing.tests, (test) => test.exercise)) {
      const outcomes = results.map((result) =>
        result.lessons[lessonIndex].outcomes.filter((o) => o.test.exercise === exercise)
      );
      const passingAll = outcomes.filter((list) => list.every((o) => o.passed)).length;
      const mean = outcomes
        .map((list) => list.reduce((sum, o) => sum + (o.passed ? o.test.points : 0), 0))
        .reduce((sum, value) => sum + value, 0) / Math.max(1, results.length);
      const points = tests.reduce((sum, test) => sum + test.points, 0);
      stats.push({ exercise, lessonIndex, points, passingAll, mean, outcomes });
    }
  }
  return stats;
}

/**
 * How many totals fall in each tenth of `maxScore`: 11 bins, `0–9%` to `90–99%`, then `100%`.
 *
 * @example
 * ```ts
 * totalsBins([0, 5, 10], 10); // [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]
 * ```
 */
export function totalsBins(totals: number[], maxScore: number): number[] {
  const bins = Array.from({ length: 11 }, () => 0);
  for (const total of totals) bins[Math.floor((10 * total) / Math.max(maxScore, 1e-9))]++;
  return bins;
}

/**
 * The label of bin `bin` of {@linkcode totalsBins}.
 *
 * @example
 * ```ts
 * binLabel(3); // "30–39%"
 * ```
 */
export function binLabel(bin: number): string {
  return bin === 10 ? "100%" : `${bin * 10}–${bin * 10 + 9}%`;
}

/**
 * `part` of `whole` as a rounded percentage, e.g. `"42%"`.
 *
 * @example
 * ```ts
 * percent(1, 3); // "33%"
 * ```
 */
export function percent(part: number, whole: number): string {
  return `${Math.round((100 * part) / Math.max(whole, 1))}%`;
}
