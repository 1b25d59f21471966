/**
 * `summary.md`: the class at a glance, for the teacher. How many submissions ended in each
 * status, how many students pass each exercise completely (course and hidden tests together)
 * and their mean points on it, and how totals are distributed.
 *
 * @module
 */
import { type Bilingual, type Language, speaker } from "../cli/language.ts";
import type { LessonListing } from "./listing.ts";
import type { StudentResult } from "./score.ts";
import { STATUSES } from "./status.ts";
import { formatPoints } from "./text.ts";
import { binLabel, exerciseStats, percent, totalsBins } from "./class_stats.ts";

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
  language: Language = "en",
): string {
  const say = speaker(language);
  const tests = listings.flatMap((listing) => listing.tests);
  const points = (list: typeof tests) => list.reduce((sum, test) => sum + test.points, 0);
  const hidden = tests.filter((test) => test.hidden);
  const maxScore = points(tests);
  const lessons = listings.map((listing) => listing.lesson.id).join(", ");
  const [all, fromHidden] = [formatPoints(maxScore), formatPoints(points(hidden))];
  return [
    say({ en: "# Class summary", zh: "# 全班概况" }),
    say({
      en: `${results.length} submissions graded on ${lessons}: ${all} points in all, ` +
        `${fromHidden} of them from hidden tests. Sandbox: ${sandbox}.`,
      zh:
        `共评了 ${results.length} 份提交，课程：${lessons}；满分 ${all} 分，其中 ${fromHidden} 分来自隐藏测试。` +
        `沙箱：${sandbox}。`,
    }),
    statusTable(results, say),
    exerciseTable(results, listings, say),
    totalsSection(results, maxScore, say),
  ].join("\n\n") + "\n";
}

function statusTable(results: StudentResult[], say: (text: Bilingual) => string): string {
  const rows = STATUSES.map((status) => [status, results.filter((r) => r.status === status)])
    .filter(([, students]) => students.length > 0)
    .map(([status, students]) => `| ${status} | ${students.length} |`);
  return [
    say({ en: "## Statuses", zh: "## 状态" }),
    "",
    say({ en: "| status | students |", zh: "| 状态 | 学生数 |" }),
    "| --- | --- |",
    ...rows,
  ].join("\n");
}

function exerciseTable(
  results: StudentResult[],
  listings: LessonListing[],
  say: (text: Bilingual) => string,
): string {
  const lines = [
    say({ en: "## Exercises", zh: "## 练习" }),
    "",
    say({
      en: "| exercise | points | students passing all its tests | mean points |",
      zh: "| 练习 | 分值 | 全部测试通过的学生 | 平均得分 |",
    }),
    "| --- | --- | --- | --- |",
  ];
  for (const { exercise, points, passingAll, mean } of exerciseStats(results, listings)) {
    lines.push(
      `| ${exercise} | ${formatPoints(points)} | ` +
        `${passingAll} / ${results.length} (${percent(passingAll, results.length)}) | ` +
        `${formatPoints(mean)} |`,
    );
  }
  return lines.join("\n");
}

function totalsSection(
  results: StudentResult[],
  maxScore: number,
  say: (text: Bilingual) => string,
): string {
  const totals = results.map((result) => result.score).sort((a, b) => a - b);
  const middle = Math.floor(totals.length / 2);
  const median = totals.length % 2 ? totals[middle] : (totals[middle - 1] + totals[middle]) / 2;
  const mean = totals.reduce((sum, value) => sum + value, 0) / totals.length;
  const rows = totalsBins(totals, maxScore).map((count, bin) =>
    `| ${binLabel(bin)} | ${count} | ${"█".repeat(count)} |`
  );
  const [average, middling, lowest, highest, max] = [
    mean,
    median,
    totals[0],
    totals.at(-1)!,
    maxScore,
  ]
    .map(formatPoints);
  return [
    say({ en: "## Totals", zh: "## 总分" }),
    "",
    say({
      en:
        `Mean ${average}, median ${middling}, lowest ${lowest}, highest ${highest}, out of ${max}.`,
      zh: `平均 ${average}，中位数 ${middling}，最低 ${lowest}，最高 ${highest}，满分 ${max}。`,
    }),
    "",
    say({ en: "| share of the points | students | |", zh: "| 得分比例 | 学生数 | |" }),
    "| --- | --- | --- |",
    ...rows,
  ].join("\n");
}
