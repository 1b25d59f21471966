/**
 * Copying a submitted folder into the grader's private work folder under the same rules as an
 * archive: regular files and folders only (a link refuses the submission rather than being
 * followed), a capped number of entries and bytes.
 *
 * @module
 */
import { join } from "node:path";
import {
  Budget,
  DEFAULT_LIMITS,
  isClutter,
  RejectedSubmission,
  type SubmissionLimits,
} from "./limits.ts";

/**
 * Copies the folder `source` to `dest`. Throws {@linkcode RejectedSubmission} when it holds a
 * link or anything but files and folders, or is too large.
 *
 * @example
 * ```ts
 * await copySubmissionFolder("submissions/alice/exercises", "/tmp/alice/exercises");
 * ```
 */
export async function copySubmissionFolder(
  source: string,
  dest: string,
  limits: SubmissionLimits = DEFAULT_LIMITS,
): Promise<void> {
  await copyTree(source, dest, "", new Budget(limits));
}

async function copyTree(source: string, dest: string, relative: string, budget: Budget) {
  await Deno.mkdir(dest, { recursive: true });
  for await (const entry of Deno.readDir(source)) {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (isClutter(path)) continue;
    budget.addEntry();
    const from = join(source, entry.name);
    const to = join(dest, entry.name);
    const quoted = JSON.stringify(path);
    if (entry.isSymlink) {
      throw new RejectedSubmission({ en: `${quoted} is a link`, zh: `${quoted} 是一个链接` });
    }
    if (entry.isDirectory) {
      await copyTree(from, to, path, budget);
    } else if (entry.isFile) {
      budget.addBytes((await Deno.lstat(from)).size);
      await Deno.copyFile(from, to);
    } else {
      throw new RejectedSubmission({
        en: `${quoted} is neither a file nor a folder`,
        zh: `${quoted} 既不是文件也不是文件夹`,
      });
    }
  }
}
