/**
 * Writing the grader's files into the `--out` folder, and making sure that folder is one the
 * grader may write: new, empty, or holding an earlier run's files (which are replaced).
 *
 * @module
 */
import type { Language } from "../cli/language.ts";
import { join } from "node:path";
import { UsageError } from "../cli/errors.ts";
import { classroomResults } from "./classroom.ts";
import type { CheckNames } from "./check_names.ts";
import { feedbackMarkdown } from "./feedback.ts";
import { gradebookCsv } from "./gradebook.ts";
import { gradescopeResults } from "./gradescope.ts";
import type { LessonListing } from "./listing.ts";
import type { StudentResult } from "./score.ts";
import { summaryMarkdown } from "./summary.ts";
import { summaryHtml } from "./dashboard.ts";
import { classRecordJson, RECORD_FILE } from "./class_record.ts";
import { EXPORT_FILES, exportCsv, type ExportFormat } from "./exports.ts";

/** Name prefix of the grader's private work folder inside `--out`, removed after each run. */
export const WORK_PREFIX = ".work-";

/** The files a class run writes at the top of `--out`; the first marks an earlier run. */
const CLASS_FILES = [
  "gradebook.csv",
  "summary.md",
  "summary.html",
  RECORD_FILE,
  "students",
  ...Object.values(EXPORT_FILES),
];
/** The files a single-submission run writes; the first marks an earlier run. */
const SINGLE_FILES = ["results.json", "feedback.md", "github-classroom.json"];

/**
 * Makes `out` ready for a `mode` run: creates it, or clears an earlier run's files from it. A
 * folder holding anything else is a {@linkcode UsageError} naming `--out`.
 */
export async function prepareOutFolder(out: string, mode: "class" | "single"): Promise<void> {
  const files = mode === "class" ? CLASS_FILES : SINGLE_FILES;
  const owned = (name: string) => files.includes(name) || name.startsWith(WORK_PREFIX);
  await Deno.mkdir(out, { recursive: true }).catch((error) => {
    throw new UsageError({
      en: `--out ${out}: ${error.message}`,
      zh: `--out ${out}：无法创建（${error.message}）`,
    });
  });
  const names = (await Array.fromAsync(Deno.readDir(out))).map((entry) => entry.name);
  const foreign = names.filter((name) => !owned(name));
  if (foreign.length > 0 && !names.includes(files[0])) {
    throw new UsageError({
      en: `--out ${out} already holds files the grader did not write (${foreign[0]}); ` +
        "choose an empty or new folder",
      zh: `--out ${out} 里已有不是评分器写的文件（${foreign[0]}）；请换一个空文件夹或新文件夹`,
    });
  }
  for (const name of names.filter(owned)) {
    await Deno.remove(join(out, name), { recursive: true });
  }
}

/** What a class run writes besides the gradebook, summaries and record. */
export interface ClassOutputOptions {
  /** The language of summary.md, summary.html and feedback.md (default English). */
  language?: Language;
  /** Platform exports to write as well. */
  exports?: readonly ExportFormat[];
  /** Write `students/<id>/` only for these students (a regrade); all when undefined. */
  students?: ReadonlySet<string>;
  /** The course tests' checks in Chinese, for Chinese feedback. */
  checks?: CheckNames;
}

/**
 * Writes a class run's files: `gradebook.csv`, `summary.md`, `summary.html`, `grades.json` (the
 * record a later `--only` regrades into), the asked-for exports, and `students/<id>/` with
 * `results.json` (Gradescope's format) and `feedback.md` for each student (or only for
 * `options.students`). The summaries and feedback are in `options.language`; the CSV and JSON
 * stay machine-readable English.
 */
export async function writeClassOutputs(
  out: string,
  results: StudentResult[],
  listings: LessonListing[],
  sandbox: string,
  options: ClassOutputOptions = {},
): Promise<void> {
  const { language = "en", exports = [], students, checks = {} } = options;
  for (const result of results) {
    if (students && !students.has(result.id)) continue;
    await writeStudentFiles(join(out, "students", result.id), result, language, checks);
  }
  await Deno.writeTextFile(join(out, "gradebook.csv"), gradebookCsv(results, listings));
  await Deno.writeTextFile(
    join(out, "summary.md"),
    summaryMarkdown(results, listings, sandbox, language),
  );
  await Deno.writeTextFile(
    join(out, "summary.html"),
    await summaryHtml(results, listings, sandbox, language),
  );
  await Deno.writeTextFile(join(out, RECORD_FILE), classRecordJson({ listings, results }));
  for (const format of exports) {
    await Deno.writeTextFile(join(out, EXPORT_FILES[format]), exportCsv(format, results, listings));
  }
}

/**
 * Writes a single submission's files into `out`: `results.json` (Gradescope), `feedback.md` and
 * `github-classroom.json` (GitHub Classroom's reporter payload). Feedback is in `language`, with
 * the tests' checks in Chinese from `checks`.
 */
export async function writeSingleOutputs(
  out: string,
  result: StudentResult,
  language: Language = "en",
  checks: CheckNames = {},
): Promise<void> {
  await writeStudentFiles(out, result, language, checks);
  await Deno.writeTextFile(
    join(out, "github-classroom.json"),
    JSON.stringify(classroomResults(result), null, 2) + "\n",
  );
}

async function writeStudentFiles(
  dir: string,
  result: StudentResult,
  language: Language,
  checks: CheckNames,
): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(
    join(dir, "results.json"),
    JSON.stringify(gradescopeResults(result), null, 2) + "\n",
  );
  await Deno.writeTextFile(join(dir, "feedback.md"), feedbackMarkdown(result, language, checks));
}
