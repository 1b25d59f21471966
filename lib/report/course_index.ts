/**
 * `out/index.html`: every lesson of the course manifest, in order; a lesson run so far links
 * its report with its headline result, a lesson not run yet shows the command that runs it.
 * It is rebuilt from the `results.json` files under `out/` after each lesson run, so it always
 * matches what is on disk.
 *
 * @module
 */
import type { Bilingual, Language } from "../cli/language.ts";
import { join } from "node:path";
import { type LessonEntry, LESSONS } from "../course/manifest.ts";
import { escapeHtml, htmlPage } from "./html.ts";
import { describeHeadline, REPORT_FILE, type ReportHeadline } from "./lesson_report.ts";

/**
 * The headline of the latest run of `lesson` under `outRoot` (its `results.json`), or
 * `undefined` when it has not run there.
 *
 * @example
 * ```ts
 * (await readHeadline("out", lessonWithId("01_softmax")))?.testAccuracy; // 0.9226
 * ```
 */
export async function readHeadline(
  outRoot: string,
  lesson: LessonEntry,
): Promise<ReportHeadline | undefined> {
  const record = await Deno.readTextFile(join(outRoot, lesson.id, "results.json"))
    .then((text) => JSON.parse(text))
    .catch(() => undefined);
  if (record?.lesson !== lesson.id) return undefined;
  return {
    lesson: record.lesson,
    title: record.title,
    mode: record.config?.mode ?? "quick",
    testAccuracy: record.test?.accuracy,
    wallSeconds: record.wallSeconds,
  };
}

/**
 * Writes `<outRoot>/index.html`, in `language`, listing every lesson of the course, linked to
 * its report when it has run under `outRoot`; returns its path.
 *
 * @example
 * ```ts
 * await writeCourseIndex("out"); // "out/index.html"
 * ```
 */
export async function writeCourseIndex(
  outRoot: string,
  language: Language = "en",
): Promise<string> {
  const say = (text: Bilingual) => text[language];
  const rows: string[] = [];
  for (const lesson of LESSONS) {
    const headline = await readHeadline(outRoot, lesson);
    const title = escapeHtml(language === "zh" ? lesson.zhTitle : lesson.title);
    const name = headline
      ? `<a href="${escapeHtml(lesson.id)}/${REPORT_FILE}">${title}</a>`
      : title;
    const command = `<code>deno task lesson ${lesson.number}</code>`;
    const run = headline
      ? escapeHtml(describeHeadline(headline, language))
      : say({ en: `not run yet: ${command}`, zh: `尚未运行：${command}` });
    rows.push(`<tr><td>${name}</td><td>${run}</td></tr>`);
  }
  const heading = say({ en: "digits: your lesson reports", zh: "digits：你的课程报告" });
  const body = `<h1>${heading}</h1>
<table><tr><th>${say({ en: "lesson", zh: "课程" })}</th><th>${
    say({ en: "latest run", zh: "最近一次运行" })
  }</th></tr>
${rows.join("\n")}
</table>`;
  const path = join(outRoot, "index.html");
  await Deno.writeTextFile(
    path,
    htmlPage(say({ en: "digits: lesson reports", zh: "digits：课程报告" }), body, language),
  );
  return path;
}
