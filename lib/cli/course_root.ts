/**
 * Where the course lives, found from this file's own location, so every task works from any
 * working folder.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The course's root folder (where `deno.json` lives).
 *
 * @example
 * ```ts
 * join(COURSE_ROOT, "exercises", "01_softmax.ts");
 * ```
 */
export const COURSE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
