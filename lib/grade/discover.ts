/**
 * The submissions in a teacher's folder: one entry per student, a folder or a `.zip` /
 * `.tar.gz` / `.tgz` archive, named after the student. Anything else is listed too, as a
 * submission to refuse, so no student silently disappears from the gradebook.
 *
 * @module
 */
import { basename, join } from "node:path";
import { UsageError } from "../cli/errors.ts";
import type { ArchiveFormat } from "./extract.ts";

/** One student's submission. */
export interface Submission {
  /** The student's id: the entry's name without its archive extension. */
  id: string;
  /** Where it is. */
  path: string;
  /** What it is; `unsupported` comes with the reason. */
  kind: "folder" | ArchiveFormat | "unsupported";
  /** Why an `unsupported` submission cannot be graded. */
  problem?: string;
}

const ARCHIVE_EXTENSIONS: [string, ArchiveFormat][] = [
  [".tar.gz", "tar.gz"],
  [".tgz", "tar.gz"],
  [".zip", "zip"],
];

/**
 * Describes the submission at `path` (a folder or an archive), without following links.
 *
 * @example
 * ```ts
 * await describeSubmission("submissions/alice.zip"); // { id: "alice", kind: "zip", ... }
 * ```
 */
export async function describeSubmission(path: string): Promise<Submission> {
  const name = basename(path);
  const info = await Deno.lstat(path);
  if (info.isSymlink) {
    return { id: name, path, kind: "unsupported", problem: "it is a link, not a folder" };
  }
  if (info.isDirectory) return { id: name, path, kind: "folder" };
  const archive = ARCHIVE_EXTENSIONS.find(([extension]) => name.toLowerCase().endsWith(extension));
  if (info.isFile && archive) {
    return { id: name.slice(0, -archive[0].length), path, kind: archive[1] };
  }
  return {
    id: name,
    path,
    kind: "unsupported",
    problem: "it is neither a folder nor a .zip, .tar.gz or .tgz archive",
  };
}

/**
 * Every submission in `dir`, sorted by id; names starting with `.` are skipped. Two entries
 * for one student (`alice/` and `alice.zip`) are a {@linkcode UsageError}.
 */
export async function findSubmissions(dir: string): Promise<Submission[]> {
  const submissions: Submission[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.name.startsWith(".")) {
      submissions.push(await describeSubmission(join(dir, entry.name)));
    }
  }
  submissions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  submissions.forEach((submission, index) => {
    const previous = submissions[index - 1];
    if (previous?.id === submission.id) {
      throw new UsageError(
        `${dir} holds two submissions for ${submission.id}: ${basename(previous.path)} and ${
          basename(submission.path)
        }; keep one`,
      );
    }
  });
  return submissions;
}
