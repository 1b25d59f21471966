/**
 * What a submission may hold before it is refused unread: how many files, how many bytes once
 * unpacked, and which names. Archives and folders go through the same rules, so a zip bomb, a
 * `../` path or a link is refused the same way wherever it comes from.
 *
 * @module
 */
import type { Bilingual } from "../cli/language.ts";

/** Size limits on one submission. */
export interface SubmissionLimits {
  /** Most files and folders a submission may hold. */
  maxEntries: number;
  /** Most bytes its files may add up to, unpacked. */
  maxBytes: number;
}

/** Limits generous for a course's exercise files, far below what a bomb unpacks to. */
export const DEFAULT_LIMITS: SubmissionLimits = { maxEntries: 1000, maxBytes: 32 * 1024 * 1024 };

/**
 * A submission refused unread; `text` says why in both languages, for the student's feedback
 * (the `message` is the English).
 */
export class RejectedSubmission extends Error {
  /** Creates the refusal with a one-line reason. */
  constructor(readonly text: Bilingual) {
    super(text.en);
    this.name = "RejectedSubmission";
  }
}

/**
 * The refusal of a submission that unpacks to more than `limits` allow.
 *
 * @example
 * ```ts
 * tooLarge(DEFAULT_LIMITS).message; // "it unpacks to more than 32 MB"
 * ```
 */
export function tooLarge(limits: SubmissionLimits): RejectedSubmission {
  const megabytes = limits.maxBytes / 1024 / 1024;
  return new RejectedSubmission({
    en: `it unpacks to more than ${megabytes} MB`,
    zh: `解压后超过 ${megabytes} MB`,
  });
}

/**
 * Counts what a submission unpacks to and refuses it as soon as it passes a limit, so a bomb is
 * stopped while it is being unpacked rather than after.
 *
 * @example
 * ```ts
 * const budget = new Budget(DEFAULT_LIMITS);
 * budget.addEntry();
 * budget.addBytes(1024);
 * ```
 */
export class Budget {
  #entries = 0;
  #bytes = 0;

  /** Creates an empty budget for `limits`. */
  constructor(readonly limits: SubmissionLimits) {}

  /** Counts one more file or folder. */
  addEntry(): void {
    if (++this.#entries > this.limits.maxEntries) {
      const most = this.limits.maxEntries;
      throw new RejectedSubmission({
        en: `it holds more than ${most} files`,
        zh: `里面的文件多于 ${most} 个`,
      });
    }
  }

  /** Counts `count` more unpacked bytes. */
  addBytes(count: number): void {
    this.#bytes += count;
    if (this.#bytes > this.limits.maxBytes) throw tooLarge(this.limits);
  }
}

/** Longest file or folder name most file systems accept, in bytes. */
const MAX_NAME_BYTES = 255;
/** Deepest nesting an entry may have. */
const MAX_DEPTH = 32;

/**
 * The relative path an archive entry may be written to, with `\` read as `/` and `.` segments
 * dropped; refuses absolute paths, drive letters, `..` segments, control characters, and names
 * too long or too deep for a file system.
 *
 * @example
 * ```ts
 * safeRelativePath("exercises\\01_softmax.ts"); // "exercises/01_softmax.ts"
 * safeRelativePath("../../etc/passwd"); // throws RejectedSubmission
 * ```
 */
export function safeRelativePath(name: string): string {
  const slashed = name.replaceAll("\\", "/");
  const control = Array.from(slashed).some((character) => character.charCodeAt(0) < 0x20);
  if (control || slashed.startsWith("/") || /^[a-zA-Z]:/.test(slashed)) {
    throw new RejectedSubmission({
      en: `entry ${JSON.stringify(name)} has an absolute or invalid path`,
      zh: `条目 ${JSON.stringify(name)} 的路径是绝对路径或无效路径`,
    });
  }
  const segments = slashed.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) {
    throw new RejectedSubmission({
      en: `entry ${JSON.stringify(name)} points outside its folder`,
      zh: `条目 ${JSON.stringify(name)} 指向了所在文件夹之外`,
    });
  }
  if (segments.length === 0) {
    throw new RejectedSubmission({
      en: `entry ${JSON.stringify(name)} has an empty path`,
      zh: `条目 ${JSON.stringify(name)} 的路径是空的`,
    });
  }
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  if (segments.length > MAX_DEPTH || segments.some((segment) => bytes(segment) > MAX_NAME_BYTES)) {
    const start = JSON.stringify(name.slice(0, 80));
    throw new RejectedSubmission({
      en: `entry ${start} has too long a path`,
      zh: `条目 ${start} 的路径太长`,
    });
  }
  return segments.join("/");
}

/** Whether an entry is operating-system clutter to skip: `__MACOSX/` folders, `.DS_Store`. */
export function isClutter(path: string): boolean {
  const segments = path.split("/");
  return segments[0] === "__MACOSX" || segments.at(-1) === ".DS_Store";
}
