/**
 * A lesson's report, `out/<lesson-id>/index.html`: the lesson's narrative as it was printed,
 * its metrics and its charts, readable offline in any browser. Charts are linked by their file
 * names, so the folder can be moved or zipped as a whole.
 *
 * @module
 */
import { basename, join } from "node:path";
import { escapeHtml, htmlPage } from "./html.ts";
import { highlightTypeScript } from "./highlight.ts";
import { inLanguage, type Language } from "../cli/language.ts";

/** The headline of a run, shown at the top of its report and in the course index. */
export interface ReportHeadline {
  /** Lesson id, e.g. `01_softmax`. */
  lesson: string;
  /** Lesson title. */
  title: string;
  /** `quick`, `full`, or `subset` (a run on a `--subset` of MNIST, with either settings). */
  mode: string;
  /** Final test accuracy in [0, 1], when the lesson measured one. */
  testAccuracy?: number;
  /** Wall time of the run in seconds. */
  wallSeconds: number;
  /** The language the run spoke (default English). */
  language?: Language;
}

/** The file name of a lesson's report inside its output folder. */
export const REPORT_FILE = "index.html";

/** One thing a lesson said, as its notebook recorded it and its report shows it. */
export type NotebookEntry =
  | { kind: "heading"; text: string }
  | { kind: "text"; text: string }
  | { kind: "output"; text: string }
  | { kind: "chart"; path: string; caption: string }
  | { kind: "code"; title: string; text: string; file: string; line: number };

/**
 * The report's HTML for a run with `headline` whose notebook said `entries`.
 *
 * @example
 * ```ts
 * lessonReportHtml(headline, context.notebook.entries);
 * ```
 */
export function lessonReportHtml(headline: ReportHeadline, entries: NotebookEntry[]): string {
  const parts = [`<h1>${escapeHtml(headline.title)}</h1>`];
  parts.push(`<p class="headline">${escapeHtml(describeHeadline(headline))}</p>`);
  for (const entry of entries) {
    switch (entry.kind) {
      case "heading":
        // The lesson's first heading is its title, already the page's <h1>.
        if (entry.text !== headline.title) parts.push(`<h2>${escapeHtml(entry.text)}</h2>`);
        break;
      case "text":
        parts.push(`<p>${escapeHtml(entry.text)}</p>`);
        break;
      case "output":
        parts.push(`<pre>${escapeHtml(entry.text)}</pre>`);
        break;
      case "chart":
        parts.push(
          `<figure><img src="${escapeHtml(basename(entry.path))}" alt="${
            escapeHtml(entry.caption)
          }">` +
            `<figcaption>${escapeHtml(entry.caption)}</figcaption></figure>`,
        );
        break;
      case "code":
        parts.push(
          `<figure class="code"><pre>${highlightTypeScript(entry.text)}</pre>` +
            `<figcaption>${escapeHtml(`${entry.file}:${entry.line}`)}</figcaption></figure>`,
        );
        break;
    }
  }
  return htmlPage(headline.title, parts.join("\n"), headline.language);
}

/**
 * One line summing up a run, e.g. `01_softmax (quick run): test accuracy 92.26%, 24 s`.
 *
 * @example
 * ```ts
 * describeHeadline({ lesson: "01_softmax", title: "Softmax", mode: "quick", testAccuracy: 0.9226, wallSeconds: 23.8 });
 * ```
 */
export function describeHeadline(headline: ReportHeadline, language = headline.language): string {
  const percent = headline.testAccuracy === undefined
    ? undefined
    : `${(headline.testAccuracy * 100).toFixed(2)}%`;
  const seconds = Math.round(headline.wallSeconds);
  const modes: Record<string, string> = { quick: "快速", full: "完整", subset: "子集" };
  const mode = { en: headline.mode, zh: modes[headline.mode] ?? headline.mode };
  return inLanguage({
    en: `${headline.lesson} (${mode.en} run)${
      percent ? `: test accuracy ${percent}` : ""
    }, ${seconds} s`,
    zh: `${headline.lesson}（${mode.zh}运行）${
      percent ? `：测试准确率 ${percent}` : ""
    }，${seconds} 秒`,
  }, language ?? "en");
}

/**
 * Writes the report into `outDir` and returns its path.
 *
 * @example
 * ```ts
 * await writeLessonReport(context.outDir, headline, context.notebook.entries);
 * ```
 */
export async function writeLessonReport(
  outDir: string,
  headline: ReportHeadline,
  entries: NotebookEntry[],
): Promise<string> {
  const path = join(outDir, REPORT_FILE);
  await Deno.writeTextFile(path, lessonReportHtml(headline, entries));
  return path;
}
