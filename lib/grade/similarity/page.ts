/**
 * `similarity.html`: the most similar pairs side by side, the lines they share highlighted, for
 * a teacher to read. It presents evidence, never a verdict, and says so first. One
 * self-contained page (inline CSS, no script), so it opens offline.
 *
 * @module
 */
import { type Bilingual, type Language, speaker } from "../../cli/language.ts";
import { escapeHtml, htmlPage } from "../../report/html.ts";
import type { LineRange, PairSimilarity } from "./compare.ts";
import { formatLines, type LessonPairs, rankedPairs } from "./report.ts";

/** What the page shows. */
export interface PageOptions {
  /** Pairs at or above this score are listed and shown. */
  threshold: number;
  /** At most this many pairs are shown side by side (the CSV has them all). */
  maxShown: number;
  /** The page's language. */
  language: Language;
  /** Submissions left out, with why. */
  skipped: { student: string; reason: Bilingual }[];
}

const STYLE = `<style>
  body { max-width: 96rem; }
  .caveat { border-left: 4px solid #b35900; background: #fff7e6; padding: 0.6rem 1rem; }
  .sides { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0.8rem; }
  .sides pre { white-space: pre; font-size: 0.75rem; line-height: 1.35; max-height: 40rem;
               overflow: auto; padding: 0.4rem 0; }
  .sides pre span { display: block; padding: 0 0.5rem; }
  .sides pre span.match { background: #ffe08a; }
  .sides pre b { display: inline-block; width: 3.2em; color: #888; font-weight: normal;
                 user-select: none; }
  td.score { text-align: right; font-variant-numeric: tabular-nums; }
</style>`;

/**
 * The HTML report for `report`, given each student's files (student → file name → text).
 *
 * @example
 * ```ts
 * const html = similarityPage(report, files, { threshold: 0.5, maxShown: 40, language: "en", skipped: [] });
 * ```
 */
export function similarityPage(
  report: LessonPairs[],
  files: Map<string, Map<string, string>>,
  options: PageOptions,
): string {
  const say = speaker(options.language);
  const fileOf = new Map(report.map((lesson) => [lesson.lesson, lesson.file]));
  const flagged = rankedPairs(report).filter(({ pair }) => pair.score >= options.threshold);
  const shown = flagged.slice(0, options.maxShown);
  const threshold = options.threshold.toFixed(2);
  const submitted = report.filter((lesson) => lesson.students > 0);
  const parts = [
    STYLE,
    `<h1>${say({ en: "Similar submissions", zh: "相似的提交" })}</h1>`,
    `<p class="caveat">${
      say({
        en: "This report is evidence for a teacher to read, never a verdict. A high score says " +
          "that two files share long runs of code once names, literals, comments and layout " +
          "are set aside and the shipped stub is left out; it does not say who wrote what, or " +
          "whether sharing was allowed. Short exercises have few ways to be written, so " +
          "independent work can score high too. Read both files before drawing any conclusion.",
        zh: "本报告只是供老师阅读的证据，绝不是结论。分数高只说明：忽略命名、字面量、注释和排版，" +
          "并去掉课程提供的初始代码之后，两份文件有很长的相同代码段；它不能说明是谁写的，" +
          "也不能说明这种共享是否被允许。简短的练习写法本来就不多，独立完成的作业也可能得分很高。" +
          "下任何结论之前，请先把两份文件都读一遍。",
      })
    }</p>`,
    `<p>${
      say({
        en: `${submitted.map((l) => `${l.lesson}: ${l.students} submissions`).join("; ")}. ` +
          `Pairs scoring at least ${threshold}: ${flagged.length}` +
          (shown.length < flagged.length ? `, the first ${shown.length} shown below` : "") +
          ". Every pair is in similarity.csv.",
        zh: `${submitted.map((l) => `${l.lesson}：${l.students} 份提交`).join("；")}。` +
          `得分不低于 ${threshold} 的配对：${flagged.length} 对` +
          (shown.length < flagged.length ? `，下面列出前 ${shown.length} 对` : "") +
          "。全部配对见 similarity.csv。",
      })
    }</p>`,
  ];
  if (options.skipped.length > 0) {
    parts.push(
      `<p>${say({ en: "Not read:", zh: "未读取的提交：" })} ${
        options.skipped.map((s) => `${escapeHtml(s.student)} (${escapeHtml(say(s.reason))})`)
          .join("; ")
      }</p>`,
    );
  }
  parts.push(
    "<table>",
    `<tr><th>#</th><th>${say({ en: "lesson", zh: "课程" })}</th><th>${
      say({ en: "students", zh: "学生" })
    }</th><th>${say({ en: "score", zh: "得分" })}</th></tr>`,
    ...shown.map(({ lesson, pair }, index) =>
      `<tr><td><a href="#pair-${index + 1}">${index + 1}</a></td><td>${escapeHtml(lesson)}</td>` +
      `<td>${escapeHtml(pair.a)} – ${escapeHtml(pair.b)}</td>` +
      `<td class="score">${pair.score.toFixed(2)}</td></tr>`
    ),
    "</table>",
  );
  for (const [index, { lesson, pair }] of shown.entries()) {
    const file = fileOf.get(lesson)!;
    parts.push(pairSection(index + 1, lesson, pair, [
      files.get(pair.a)?.get(file) ?? "",
      files.get(pair.b)?.get(file) ?? "",
    ], say));
  }
  const title = say({ en: "Similar submissions", zh: "相似的提交" });
  return htmlPage(title, parts.join("\n"), options.language);
}

function pairSection(
  number: number,
  lesson: string,
  pair: PairSimilarity,
  [textA, textB]: [string, string],
  say: ReturnType<typeof speaker>,
): string {
  const side = (student: string, text: string, ranges: LineRange[]) =>
    `<div><h3>${escapeHtml(student)} <small>(${say({ en: "matching lines", zh: "相同的行" })}: ${
      formatLines(ranges) || "–"
    })</small></h3>${numberedCode(text, ranges)}</div>`;
  return [
    `<h2 id="pair-${number}">${number}. ${escapeHtml(lesson)}: ${escapeHtml(pair.a)} – ${
      escapeHtml(pair.b)
    } (${pair.score.toFixed(2)})</h2>`,
    `<div class="sides">`,
    side(pair.a, textA, pair.linesA),
    side(pair.b, textB, pair.linesB),
    "</div>",
  ].join("\n");
}

/** `text` as a `<pre>` of numbered lines, the lines inside `ranges` highlighted. */
function numberedCode(text: string, ranges: LineRange[]): string {
  const inRange = (line: number) => ranges.some(([from, to]) => line >= from && line <= to);
  const lines = text.split("\n").map((content, index) => {
    const line = index + 1;
    const cls = inRange(line) ? ` class="match"` : "";
    return `<span${cls}><b>${line}</b>${escapeHtml(content)}</span>`;
  });
  return `<pre>${lines.join("")}</pre>`;
}
