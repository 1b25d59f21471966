/**
 * Writing a file whole: the text goes to a temporary file beside it, which then replaces the
 * target in one rename. A reader never sees half a file, and an interrupted write leaves the
 * previous file as it was. A file-system failure is one line naming the file and the reason.
 *
 * @module
 */
import { dirname } from "node:path";
import { DataError } from "./errors.ts";
import type { Bilingual } from "./locale.ts";

/**
 * Writes `text` to `path` whole (creating its folder), as described above.
 *
 * @example
 * ```ts
 * await writeWhole("data/cache/kaggle/test.csv", csv);
 * ```
 */
export async function writeWhole(path: string, text: string): Promise<void> {
  const partial = `${path}.partial-${Deno.pid}`;
  try {
    await Deno.mkdir(dirname(path), { recursive: true });
    await Deno.writeTextFile(partial, text);
    await Deno.rename(partial, path);
  } catch (error) {
    await Deno.remove(partial).catch(() => {});
    const why = describeFileError(error);
    throw new DataError(path, { en: `cannot be written (${why.en})`, zh: `无法写入（${why.zh}）` });
  }
}

/**
 * A file-system error in a few words, e.g. `permission denied`, `a file is in the way`.
 *
 * @example
 * ```ts
 * describeFileError(new Deno.errors.PermissionDenied("...")); // { en: "permission denied", zh: "没有权限" }
 * ```
 */
export function describeFileError(error: unknown): Bilingual {
  if (error instanceof Deno.errors.PermissionDenied) {
    return { en: "permission denied", zh: "没有权限" };
  }
  if (error instanceof Deno.errors.NotADirectory || error instanceof Deno.errors.AlreadyExists) {
    return { en: "a file is in the way of its folder", zh: "有一个文件挡在它的文件夹所在的位置" };
  }
  if (error instanceof Deno.errors.NotFound) {
    return { en: "its folder cannot be created there", zh: "无法在那里创建它的文件夹" };
  }
  const why = error instanceof Error
    ? error.message.replace(/\s*\(os error \d+\)/, "")
    : String(error);
  return { en: why, zh: why };
}
