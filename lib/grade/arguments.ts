/**
 * Command-line arguments the teacher's tools (`grade`, `similarity`) share: paths as the user
 * typed them and the `--lessons` list.
 *
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import { UsageError } from "../cli/errors.ts";

/**
 * A path as the user meant it: `deno task` runs from the course root, not where they typed, and
 * sets `INIT_CWD` to the latter.
 *
 * @example
 * ```ts
 * fromUserPath("submissions"); // "/home/teacher/class/submissions"
 * ```
 */
export function fromUserPath(path: string): string {
  return isAbsolute(path) ? path : resolve(Deno.env.get("INIT_CWD") ?? Deno.cwd(), path);
}

/**
 * The lesson numbers of `--lessons 1,2` (undefined when the option is absent); anything else is
 * a {@linkcode UsageError} naming `--lessons`.
 *
 * @example
 * ```ts
 * parseLessonNumbers("1, 3"); // [1, 3]
 * ```
 */
export function parseLessonNumbers(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const numbers = text.split(",").map((part) => part.trim());
  if (numbers.some((part) => !/^\d+$/.test(part))) {
    throw new UsageError({
      en: `--lessons must be lesson numbers separated by commas, got "${text}"`,
      zh: `--lessons 必须是用逗号分隔的课号，收到的是 "${text}"`,
    });
  }
  return numbers.map(Number);
}
