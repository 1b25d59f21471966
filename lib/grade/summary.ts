/**
 * `summary.md`: the class at a glance, for the teacher. How many submissions ended in each
 * status, how many students pass each exercise completely (course and hidden tests together)
 * and their mean points on it, and how totals are distributed.
 *
 * @module
 */
import type { LessonListing } from "./listing.ts";
import type { StudentResult } from "./score.ts";
import { STATUSES } from "./status.ts";
import { formatPoints } from "./text.ts";

/**
 * The class summary of `results`, graded against `listings` in a `sandbox` of that kind.
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("summary.md", summaryMarkdown(results, listings, "bubblewrap"));
 * ```
 */
export function summaryMarkdown(
  results: StudentResult[],
  listings: LessonListing[],
  sandbox: string,
): string {
  const tests = listings.flatMap((listing) => listing.tests);
  const points = (list: typeof tests) => list.reduce((sum, test) => sum + test.points, 0);
  const hidden = tests.filter((test) => test.hidden);
  const maxScore = points(tests);
  return [
    "# Class summary",
    `${results.length} submissions graded on ${
      listings.map((listing) => listing.lesson.id).join(", ")
    }: ${formatPoints(maxScore)} points in all, ${formatPoints(points(hidden))} of them from ` +
    `hidden tests. Sandbox: ${sandbox}.`,
    statusTable(results),
    exerciseTable(results, listings),
    totalsSection(results, maxScore),
  ].join("\n\n") + "\n";
}

function statusTable(results: StudentResult[]): string {
  const rows = STATUSES.map((status) => [status, results.filter((r) => r.status === status)])
    .filter(([, students]) => students.length > 0)
    .map(([status, students]) => `| ${status} | ${students.length} |`);
  return ["## Statuses", "", "| status | students |", "| --- | --- |", ...rows].join("\n");
}

function exerciseTable(results: StudentResult[], listings: LessonListing[]): string {
  const lines = [
    "## Exercises",
    "",
    "| exercise | points | students passing all its tests | mean points |",
    "| --- | --- | --- | --- |",
  ];
  for (const [index, listing] of listings.entries()) {
    for (const [exercise, tests] of Map.groupBy(listing.tests, (test) => test.exercise)) {
      const earned = results.map((result) =>
        result.lessons[index].outcomes.filter((o) => o.test.exercise === exercise)
      );
      const passingAll = earned.filter((outcomes) => outcomes.every((o) => o.passed)).length;
      const mean = earned
        .map((outcomes) => outcomes.reduce((sum, o) => sum + (o.passed ? o.test.points : 0), 0))
        .reduce((sum, value) => sum + value, 0) / Math.max(1, results.length);
      lines.push(
        `| ${exercise} | ${formatPoints(tests.reduce((sum, t) => sum + t.points, 0))} | ` +
          `${passingAll} / ${results.length} (${percent(passingAll, results.length)}) | ` +
          `${formatPoints(mean)} |`,
      );
    }
  }
  return lines.join("\n");
}

function totalsSection(results: StudentResult[], maxScore: number): string {
  const totals = results.map((result) => result.score).sort((a, b) => a - b);
  const middle = Math.floor(totals.length / 2);
  const median = totals.length % 2 ? totals[middle] : (totals[middle - 1] + totals[middle]) / 2;
  const mean = totals.reduce((sum, value) => sum + value, 0) / totals.length;
  const bins = Array.from({ length: 11 }, () => 0);
  for (const total of totals) bins[Math.floor((10 * total) / Math.max(maxScore, 1e-9))]++;
  const rows = bins.map((count, bin) => {
    const range = bin === 10 ? "100%" : `${bin * 10}–${bin * 10 + 9}%`;
    return `| ${range} | ${count} | ${"█".repeat(count)} |`;
  });
  return [
    "## Totals",
    "",
    `Mean ${formatPoints(mean)}, median ${formatPoints(median)}, lowest ${
      formatPoints(totals[0])
    }, highest ${formatPoints(totals.at(-1)!)}, out of ${formatPoints(maxScore)}.`,
    "",
    "| share of the points | students | |",
    "| --- | --- | --- |",
    ...rows,
  ].join("\n");
}

function percent(part: number, whole: number): string {
  return `${Math.round((100 * part) / Math.max(whole, 1))}%`;
}
