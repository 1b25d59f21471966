/**
 * `summary.html`: the class dashboard next to `summary.md`. The share of students passing each
 * exercise as a bar chart, the distribution of totals, and, per exercise, the most common
 * reasons tests failed (the sentences the students read in their feedback, grouped when they
 * differ only in numbers), each with links to the students concerned. Charts are inline SVG and
 * the page has no script, so it opens offline.
 *
 * @module
 */
import { type Bilingual, type Language, speaker } from "../cli/language.ts";
import { barChartSpec } from "../charts/bars.ts";
import { renderSvg } from "../charts/render.ts";
import type { TopLevelSpec } from "vega-lite";
import { escapeHtml, htmlPage } from "../report/html.ts";
import { binLabel, type ExerciseStats, exerciseStats, percent, totalsBins } from "./class_stats.ts";
import { explainOutcome } from "./explain.ts";
import type { LessonListing } from "./listing.ts";
import type { StudentResult } from "./score.ts";
import { STATUSES } from "./status.ts";
import { formatPoints } from "./text.ts";

/** Failure groups shown per exercise; the rest are counted. */
const GROUPS_SHOWN = 5;
/** Students linked in the open under a failure; the rest fold away. */
const LINKS_SHOWN = 30;

const STYLE = `<style>
  body { max-width: 72rem; }
  figure svg { max-width: 100%; height: auto; }
  .failure pre { margin: 0.8rem 0 0.2rem; }
  .failure p { margin: 0 0 0.6rem; }
  .students a { margin-right: 0.5rem; white-space: nowrap; }
</style>`;

/**
 * The dashboard for `results`, graded against `listings` in a `sandbox` of that kind, in
 * `language`.
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("summary.html", await summaryHtml(results, listings, "bubblewrap"));
 * ```
 */
export async function summaryHtml(
  results: StudentResult[],
  listings: LessonListing[],
  sandbox: string,
  language: Language = "en",
): Promise<string> {
  const say = speaker(language);
  const stats = exerciseStats(results, listings);
  const maxScore = listings.flatMap((l) => l.tests).reduce((sum, test) => sum + test.points, 0);
  const count = results.length;
  const passChart = await renderSvg(barChartSpec(
    stats.map((s) => ({ name: s.exercise, value: (100 * s.passingAll) / Math.max(count, 1) })),
    {
      title: say({
        en: "Students passing all tests of each exercise (%)",
        zh: "每个练习全部测试通过的学生（%）",
      }),
      xTitle: say({ en: "exercise", zh: "练习" }),
      yTitle: say({ en: "% of students", zh: "学生百分比" }),
      format: ".0f",
    },
  ));
  const totals = results.map((result) => result.score);
  const totalsChart = await renderSvg(wholeTicks(barChartSpec(
    totalsBins(totals, maxScore).map((value, bin) => ({ name: binLabel(bin), value })),
    {
      title: say({
        en: `Totals (out of ${formatPoints(maxScore)})`,
        zh: `总分分布（满分 ${formatPoints(maxScore)}）`,
      }),
      xTitle: say({ en: "share of the points", zh: "得分比例" }),
      yTitle: say({ en: "students", zh: "学生数" }),
      format: ".0f",
    },
  )));
  const statuses = STATUSES.map((status) => [status, results.filter((r) => r.status === status)])
    .filter(([, students]) => students.length > 0)
    .map(([status, students]) => `${status}: ${students.length}`).join(", ");
  const body = [
    STYLE,
    `<h1>${say({ en: "Class summary", zh: "全班概况" })}</h1>`,
    `<p>${
      escapeHtml(say({
        en: `${count} submissions, ${listings.map((l) => l.lesson.id).join(", ")}; ` +
          `sandbox: ${sandbox}. Statuses: ${statuses}.`,
        zh: `共 ${count} 份提交，课程：${listings.map((l) => l.lesson.id).join("、")}；` +
          `沙箱：${sandbox}。状态：${statuses}。`,
      }))
    }</p>`,
    `<figure>${passChart}</figure>`,
    `<figure>${totalsChart}</figure>`,
    `<h2>${say({ en: "Why tests failed, per exercise", zh: "各练习测试失败的原因" })}</h2>`,
    `<p>${
      say({
        en: "The messages students read in their feedback, grouped when they differ only in " +
          "numbers, most common first. Each name links to that student's feedback.",
        zh:
          "学生在反馈中读到的信息；只有数字不同的归为一组，最常见的排在前面。点击名字可打开该学生的反馈。",
      })
    }</p>`,
    ...stats.map((s) => failureSection(s, results, say, language)),
  ].join("\n");
  return htmlPage(say({ en: "Class summary", zh: "全班概况" }), body, language);
}

/** `spec` with its y-axis ticked at whole numbers only (counts of students). */
function wholeTicks(spec: TopLevelSpec): TopLevelSpec {
  const { encoding } = spec as { encoding: { y: { axis?: object } } };
  encoding.y.axis = { ...encoding.y.axis, tickMinStep: 1 };
  return spec;
}

function failureSection(
  stats: ExerciseStats,
  results: StudentResult[],
  say: (text: Bilingual) => string,
  language: Language,
): string {
  const groups = new Map<string, { message: string; students: string[] }>();
  for (const [index, outcomes] of stats.outcomes.entries()) {
    const result = results[index];
    const lesson = result.lessons[stats.lessonIndex];
    const messages = new Set(
      outcomes.filter((o) => !o.passed).map((o) => explainOutcome(o, lesson, language)),
    );
    for (const message of messages) {
      const key = message.replace(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi, "#");
      const group = groups.get(key) ?? { message, students: [] };
      if (!group.students.includes(result.id)) group.students.push(result.id);
      groups.set(key, group);
    }
  }
  const sorted = [...groups.values()].sort((a, b) => b.students.length - a.students.length);
  const heading = `<h3>${escapeHtml(stats.exercise)}: ${
    say({
      en: `${stats.passingAll} of ${results.length} pass all tests (${
        percent(stats.passingAll, results.length)
      })`,
      zh: `${results.length} 人中 ${stats.passingAll} 人全部通过（${
        percent(stats.passingAll, results.length)
      }）`,
    })
  }</h3>`;
  if (sorted.length === 0) return heading;
  const shown = sorted.slice(0, GROUPS_SHOWN).map((group) => {
    const links = group.students.map((id) =>
      `<a href="students/${encodeURIComponent(id)}/feedback.md">${escapeHtml(id)}</a>`
    );
    const who = links.length <= LINKS_SHOWN
      ? links.join(" ")
      : `${links.slice(0, LINKS_SHOWN).join(" ")} <details><summary>${
        say({
          en: `${links.length - LINKS_SHOWN} more`,
          zh: `另外 ${links.length - LINKS_SHOWN} 名`,
        })
      }</summary>${links.slice(LINKS_SHOWN).join(" ")}</details>`;
    const count = group.students.length;
    return `<div class="failure"><pre>${escapeHtml(group.message)}</pre><p class="students"><b>${
      say({ en: count === 1 ? "1 student" : `${count} students`, zh: `${count} 名学生` })
    }:</b> ${who}</p></div>`;
  });
  const rest = sorted.length - GROUPS_SHOWN;
  if (rest > 0) {
    shown.push(
      `<p>${
        say({ en: `… and ${rest} rarer messages.`, zh: `……另有 ${rest} 种较少见的信息。` })
      }</p>`,
    );
  }
  return [heading, ...shown].join("\n");
}
