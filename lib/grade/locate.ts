/**
 * Finding a submission's exercise files wherever the student put them: in an `exercises/`
 * folder, directly at the top, or inside the single folder an archive tool wrapped them in
 * (`alice/exercises/...`, `digits-main/exercises/...`). Links are never followed.
 *
 * @module
 */
import { join } from "node:path";
import { isClutter } from "./limits.ts";

const MAX_WRAPPING_FOLDERS = 4;

/**
 * The folder of `root` that holds the exercise files: the first `exercises/` folder or folder
 * holding one of `exerciseFiles`, descending through lone wrapping folders; `root` itself when
 * neither is found (every lesson is then missing).
 *
 * @example
 * ```ts
 * await locateExercises("/tmp/alice", ["01_softmax.ts"]); // "/tmp/alice/digits-main/exercises"
 * ```
 */
export async function locateExercises(root: string, exerciseFiles: string[]): Promise<string> {
  let dir = root;
  for (let depth = 0; depth <= MAX_WRAPPING_FOLDERS; depth++) {
    const entries = await Array.fromAsync(Deno.readDir(dir));
    if (entries.some((entry) => entry.isDirectory && entry.name === "exercises")) {
      return join(dir, "exercises");
    }
    if (entries.some((entry) => entry.isFile && exerciseFiles.includes(entry.name))) return dir;
    const folders = entries.filter((entry) =>
      entry.isDirectory && !entry.name.startsWith(".") && !isClutter(entry.name)
    );
    if (folders.length !== 1) return dir;
    dir = join(dir, folders[0].name);
  }
  return dir;
}
