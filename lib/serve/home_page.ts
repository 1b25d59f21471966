/**
 * The course home the server shows at `/`: every lesson of the course manifest with its latest
 * run's headline result linked to its report under `--out`, or the command that runs it, and
 * the way to the playground with the number of saved models it can use.
 *
 * @module
 */
import type { Bilingual, Language } from "../cli/language.ts";
import { LESSONS } from "../course/manifest.ts";
import { readHeadline } from "../report/course_index.ts";
import { escapeHtml, htmlPage } from "../report/html.ts";
import { describeHeadline, REPORT_FILE } from "../report/lesson_report.ts";
import { savedModels } from "../predict/find_model.ts";
import { navigation } from "./navigation.ts";

/**
 * The home page in `language` for the runs under `outRoot` (served at `/out/`).
 *
 * @example
 * ```ts
 * await homePage("out", "en"); // "<!doctype html>..."
 * ```
 */
export async function homePage(outRoot: string, language: Language): Promise<string> {
  const say = (text: Bilingual) => text[language];
  const rows: string[] = [];
  for (const lesson of LESSONS) {
    const headline = await readHeadline(outRoot, lesson);
    const title = escapeHtml(language === "zh" ? lesson.zhTitle ?? lesson.title : lesson.title);
    const command = `<code>deno task lesson ${lesson.number}</code>`;
    rows.push(
      headline
        ? `<tr><td>${lesson.number}</td><td><a href="/out/${
          encodeURIComponent(lesson.id)
        }/${REPORT_FILE}">${title}</a></td><td>${
          escapeHtml(describeHeadline(headline, language))
        }</td></tr>`
        : `<tr><td>${lesson.number}</td><td>${title}</td><td>${
          say({ en: `not run yet: ${command}`, zh: `尚未运行：${command}` })
        }</td></tr>`,
    );
  }
  const models = (await savedModels(outRoot)).length;
  const body = `${navigation(language)}
<h1>${say({ en: "digits: the course", zh: "digits：课程" })}</h1>
<p class="headline"><a href="/playground">${
    say({
      en: "Playground: draw a digit and watch it being read",
      zh: "试验场：写一个数字，看模型怎样识别它",
    })
  }</a> (${
    say({
      en: `${models} saved model${models === 1 ? "" : "s"}`,
      zh: `已保存 ${models} 个模型`,
    })
  })</p>
<table><tr><th>#</th><th>${say({ en: "lesson", zh: "课程" })}</th><th>${
    say({ en: "latest run", zh: "最近一次运行" })
  }</th></tr>
${rows.join("\n")}
</table>`;
  return htmlPage(say({ en: "digits: the course", zh: "digits：课程" }), body, language);
}
