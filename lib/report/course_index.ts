/**
 * `out/index.html`: every lesson run so far, with its headline result and a link to its report.
 * It is rebuilt from the `results.json` files under `out/` after each lesson run, so it always
 * matches what is on disk.
 *
 * @module
 */
import { join } from "node:path";
import { escapeHtml, htmlPage } from "./html.ts";
import { describeHeadline, REPORT_FILE, type ReportHeadline } from "./lesson_report.ts";

/** Reads the headline of every lesson run under `outRoot`, in lesson order. */
export async function readHeadlines(outRoot: string): Promise<ReportHeadline[]> {
  const headlines: ReportHeadline[] = [];
  for await (const entry of Deno.readDir(outRoot)) {
    if (!entry.isDirectory || !/^\d\d_/.test(entry.name)) continue;
    const record = await Deno.readTextFile(join(outRoot, entry.name, "results.json"))
      .then((text) => JSON.parse(text))
      .catch(() => undefined);
    if (record?.lesson !== entry.name) continue;
    headlines.push({
      lesson: record.lesson,
      title: record.title,
      mode: record.config?.mode ?? "quick",
      testAccuracy: record.test?.accuracy,
      wallSeconds: record.wallSeconds,
    });
  }
  return headlines.sort((a, b) => a.lesson.localeCompare(b.lesson));
}

/**
 * Writes `<outRoot>/index.html` linking every lesson run found there; returns its path.
 *
 * @example
 * ```ts
 * await writeCourseIndex("out"); // "out/index.html"
 * ```
 */
export async function writeCourseIndex(outRoot: string): Promise<string> {
  const rows = (await readHeadlines(outRoot)).map((headline) =>
    `<tr><td><a href="${escapeHtml(headline.lesson)}/${REPORT_FILE}">${
      escapeHtml(headline.title)
    }</a></td><td>${escapeHtml(describeHeadline(headline))}</td></tr>`
  );
  const body = `<h1>digits: your lesson reports</h1>
<table><tr><th>lesson</th><th>latest run</th></tr>
${rows.join("\n")}
</table>`;
  const path = join(outRoot, "index.html");
  await Deno.writeTextFile(path, htmlPage("digits: lesson reports", body));
  return path;
}
