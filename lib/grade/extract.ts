/**
 * Unpacking a submitted archive into a fresh folder, safely: every entry's path is checked to
 * stay inside the folder (no zip-slip), links and devices refuse the whole archive (nothing
 * could follow them), files are created only where nothing exists yet, and the entry count and
 * unpacked size are capped while unpacking (zip bombs).
 *
 * @module
 */
import { dirname, join } from "node:path";
import type { ArchiveEntry } from "./archive_entry.ts";
import {
  Budget,
  DEFAULT_LIMITS,
  isClutter,
  RejectedSubmission,
  safeRelativePath,
  type SubmissionLimits,
} from "./limits.ts";
import { readTarGz } from "./tar.ts";
import { readZip } from "./zip.ts";

/** The archive formats the grader reads. */
export type ArchiveFormat = "zip" | "tar.gz";

/**
 * Unpacks the archive at `path` into `dest` (a new, empty folder). Throws
 * {@linkcode RejectedSubmission} with the reason when the archive breaks a rule.
 *
 * @example
 * ```ts
 * await extractArchive("submissions/alice.zip", "zip", "/tmp/alice");
 * ```
 */
export async function extractArchive(
  path: string,
  format: ArchiveFormat,
  dest: string,
  limits: SubmissionLimits = DEFAULT_LIMITS,
): Promise<void> {
  if ((await Deno.stat(path)).size > limits.maxBytes) {
    const megabytes = limits.maxBytes / 1024 / 1024;
    throw new RejectedSubmission({
      en: `the archive is larger than ${megabytes} MB`,
      zh: `压缩包大于 ${megabytes} MB`,
    });
  }
  const bytes = await Deno.readFile(path);
  const budget = new Budget(limits);
  const entries = format === "zip" ? readZip(bytes, budget) : readTarGz(bytes, budget);
  await writeEntries(entries, dest);
}

async function writeEntries(entries: ArchiveEntry[], dest: string): Promise<void> {
  await Deno.mkdir(dest, { recursive: true });
  for (const entry of entries) {
    const path = safeRelativePath(entry.name);
    if (isClutter(path)) continue;
    const quoted = JSON.stringify(entry.name);
    if (entry.kind === "link") {
      throw new RejectedSubmission({
        en: `entry ${quoted} is a link`,
        zh: `条目 ${quoted} 是一个链接`,
      });
    }
    if (entry.kind === "other") {
      throw new RejectedSubmission({
        en: `entry ${quoted} is neither a file nor a folder`,
        zh: `条目 ${quoted} 既不是文件也不是文件夹`,
      });
    }
    const target = join(dest, path);
    try {
      if (entry.kind === "directory") {
        await Deno.mkdir(target, { recursive: true });
      } else {
        await Deno.mkdir(dirname(target), { recursive: true });
        await Deno.writeFile(target, entry.data!, { createNew: true, mode: 0o644 });
      }
    } catch (error) {
      if (
        error instanceof Deno.errors.AlreadyExists || error instanceof Deno.errors.NotADirectory
      ) {
        throw new RejectedSubmission({
          en: `entry ${quoted} clashes with another entry`,
          zh: `条目 ${quoted} 与另一个条目冲突`,
        });
      }
      throw error;
    }
  }
}
