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
import { feedbackMarkdown } from "./feedback.ts";
import { gradebookCsv } from "./gradebook.ts";
import { gradescopeResults } from "./gradescope.ts";
import type { LessonListing } from "./listing.ts";
import type { StudentResult } from "./score.ts";
import { summaryMarkdown } from "./summary.ts";

/** Name prefix of the grader's private work folder inside `--out`, removed after each run. */
export const WORK_PREFIX = ".work-";

/** The files a class run writes at the top of `--out`; the first marks an earlier run. */
const CLASS_FILES = ["gradebook.csv", "summary.md", "students"];
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
    throw new UsageError(`--out ${out}: ${error.message}`);
  });
  const names = (await Array.fromAsync(Deno.readDir(out))).map((entry) => entry.name);
  const foreign = names.filter((name) => !owned(name));
  if (foreign.length > 0 && !names.includes(files[0])) {
    throw new UsageError(
      `--out ${out} already holds files the grader did not write (${foreign[0]}); ` +
        "choose an empty or new folder",
    );
  }
  for (const name of names.filter(owned)) {
    await Deno.remove(join(out, name), { recursive: true });
  }
}

/**
 * Writes a class run's files: `gradebook.csv`, `summary.md`, and `students/<id>/` with
 * `results.json` (Gradescope's format) and `feedback.md` for each student. summary.md and
 * feedback.md are in `language`; the CSV and JSON stay machine-readable English.
 */
export async function writeClassOutputs(
  out: string,
  results: StudentResult[],
  listings: LessonListing[],
  sandbox: string,
  language: Language = "en",
): Promise<void> {
  for (const result of results) {
    await writeStudentFiles(join(out, "students", result.id), result, language);
  }
  await Deno.writeTextFile(join(out, "gradebook.csv"), gradebookCsv(results, listings));
  await Deno.writeTextFile(
    join(out, "summary.md"),
    summaryMarkdown(results, listings, sandbox, language),
  );
}

/**
 * Writes a single submission's files into `out`: `results.json` (Gradescope), `feedback.md` and
 * `github-classroom.json` (GitHub Classroom's reporter payload).
 */
export async function writeSingleOutputs(
  out: string,
  result: StudentResult,
  language: Language = "en",
): Promise<void> {
  await writeStudentFiles(out, result, language);
  await Deno.writeTextFile(
    join(out, "github-classroom.json"),
    JSON.stringify(classroomResults(result), null, 2) + "\n",
  );
}

async function writeStudentFiles(
  dir: string,
  result: StudentResult,
  language: Language,
): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(
    join(dir, "results.json"),
    JSON.stringify(gradescopeResults(result), null, 2) + "\n",
  );
  await Deno.writeTextFile(join(dir, "feedback.md"), feedbackMarkdown(result, language));
}
