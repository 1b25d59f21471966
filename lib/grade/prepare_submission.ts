/**
 * Turning one submission, as the teacher received it, into a private folder of exercise files
 * the sandbox can mount: archives are unpacked safely, folders copied without links, and the
 * exercise files located inside either.
 *
 * @module
 */
import { join } from "node:path";
import type { Bilingual } from "../cli/language.ts";
import { copySubmissionFolder } from "./copy_folder.ts";
import type { Submission } from "./discover.ts";
import { extractArchive } from "./extract.ts";
import { RejectedSubmission } from "./limits.ts";
import { locateExercises } from "./locate.ts";
import { sourceMapProblem } from "./source_maps.ts";

/**
 * A submission ready to grade, or the reason it was refused: unread (`rejected`), or after its
 * files were read, for holding a source map (`tampered`).
 */
export type PreparedSubmission =
  | { exercisesDir: string }
  | { rejected: Bilingual }
  | { tampered: Bilingual };

/**
 * Prepares `submission` inside `workDir` (a private folder the caller removes afterwards).
 * `exerciseFiles` are the lessons' file names, which tell where the exercises are.
 *
 * @example
 * ```ts
 * const prepared = await prepareSubmission(submission, workDir, ["01_softmax.ts"]);
 * if ("rejected" in prepared) console.log(prepared.rejected.en);
 * ```
 */
export async function prepareSubmission(
  submission: Submission,
  workDir: string,
  exerciseFiles: string[],
): Promise<PreparedSubmission> {
  try {
    if (submission.kind === "unsupported") throw new RejectedSubmission(submission.problem!);
    let exercisesDir: string;
    if (submission.kind === "folder") {
      exercisesDir = join(workDir, "exercises");
      const source = await locateExercises(submission.path, exerciseFiles);
      await copySubmissionFolder(source, exercisesDir);
    } else {
      const unpacked = join(workDir, "unpacked");
      await extractArchive(submission.path, submission.kind, unpacked);
      exercisesDir = await locateExercises(unpacked, exerciseFiles);
    }
    const sourceMap = await sourceMapProblem(exercisesDir);
    return sourceMap ? { tampered: sourceMap } : { exercisesDir };
  } catch (error) {
    if (error instanceof RejectedSubmission) return { rejected: error.text };
    throw error;
  }
}
