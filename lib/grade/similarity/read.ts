/**
 * Reading a class's submissions as text for the similarity report: each folder or archive goes
 * through the grader's own careful preparation (archives unpacked under its limits, folders
 * copied without links) into a private folder, and each lesson's exercise file is read as a
 * string. Nothing a student wrote is imported or run.
 *
 * @module
 */
import { join } from "node:path";
import type { Bilingual } from "../../cli/language.ts";
import { findSubmissions } from "../discover.ts";
import { prepareSubmission } from "../prepare_submission.ts";

/** The class as text: each student's exercise files, and the submissions that could not be read. */
export interface ClassTexts {
  /** Student id → exercise file name (e.g. `01_softmax.ts`) → its text. */
  files: Map<string, Map<string, string>>;
  /** Submissions left out, with why (refused archives, source maps). */
  skipped: { student: string; reason: Bilingual }[];
}

/** Exercise files larger than this are read only this far (no exercise comes close). */
const MAX_FILE_CHARS = 512 * 1024;

/**
 * Reads the exercise files named in `exerciseFiles` from every submission in `submissionsDir`,
 * using `workDir` (a private folder, emptied afterwards) to unpack archives.
 *
 * @example
 * ```ts
 * const { files } = await readClassTexts("submissions", ["01_softmax.ts"], "/tmp/work");
 * files.get("alice")?.get("01_softmax.ts"); // "export function scalePixels..."
 * ```
 */
export async function readClassTexts(
  submissionsDir: string,
  exerciseFiles: string[],
  workDir: string,
): Promise<ClassTexts> {
  const files = new Map<string, Map<string, string>>();
  const skipped: ClassTexts["skipped"] = [];
  for (const [index, submission] of (await findSubmissions(submissionsDir)).entries()) {
    const dir = join(workDir, String(index));
    try {
      const prepared = await prepareSubmission(submission, dir, exerciseFiles);
      if (!("exercisesDir" in prepared)) {
        skipped.push({
          student: submission.id,
          reason: "rejected" in prepared ? prepared.rejected : prepared.tampered,
        });
        continue;
      }
      const texts = new Map<string, string>();
      for (const name of exerciseFiles) {
        const text = await Deno.readTextFile(join(prepared.exercisesDir, name)).catch(() => null);
        if (text !== null) texts.set(name, text.slice(0, MAX_FILE_CHARS));
      }
      files.set(submission.id, texts);
    } finally {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  }
  return { files, skipped };
}
