/**
 * Writing a file whole: the text goes to a temporary file beside it, which then replaces the
 * target in one rename. A reader never sees half a file, and an interrupted write leaves the
 * previous file as it was. A file-system failure is one line naming the file and the reason.
 *
 * @module
 */
import { dirname } from "node:path";
import { DataError } from "./errors.ts";

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
    throw new DataError(path, `cannot be written (${describeFileError(error)})`);
  }
}

/**
 * A file-system error in a few words, e.g. `permission denied`, `a file is in the way`.
 *
 * @example
 * ```ts
 * describeFileError(new Deno.errors.PermissionDenied("...")); // "permission denied"
 * ```
 */
export function describeFileError(error: unknown): string {
  if (error instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (error instanceof Deno.errors.NotADirectory || error instanceof Deno.errors.AlreadyExists) {
    return "a file is in the way of its folder";
  }
  if (error instanceof Deno.errors.NotFound) return "its folder cannot be created there";
  return error instanceof Error ? error.message.replace(/\s*\(os error \d+\)/, "") : String(error);
}
