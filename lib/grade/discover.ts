/**
 * The submissions in a teacher's folder: one entry per student, a folder or a `.zip` /
 * `.tar.gz` / `.tgz` archive, named after the student. Anything else is listed too, as a
 * submission to refuse, so no student silently disappears from the gradebook.
 *
 * @module
 */
import { basename, join } from "node:path";
import { UsageError } from "../cli/errors.ts";
import type { Bilingual } from "../cli/language.ts";
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
  problem?: Bilingual;
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
    return {
      id: name,
      path,
      kind: "unsupported",
      problem: { en: "it is a link, not a folder", zh: "它是一个链接，不是文件夹" },
    };
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
    problem: {
      en: "it is neither a folder nor a .zip, .tar.gz or .tgz archive",
      zh: "它既不是文件夹，也不是 .zip、.tar.gz 或 .tgz 压缩包",
    },
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
      const [first, second] = [basename(previous.path), basename(submission.path)];
      throw new UsageError({
        en: `${dir} holds two submissions for ${submission.id}: ${first} and ${second}; keep one`,
        zh: `${dir} 里 ${submission.id} 有两份提交：${first} 和 ${second}；请只保留一份`,
      });
    }
  });
  return submissions;
}
