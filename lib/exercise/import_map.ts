/**
 * Pointing the exercise tests at any folder. The tests import the code under test as
 * `@exercises/<file>`; `deno.json` maps that prefix to `exercises/`. An import map with the
 * same entries but another target for `@exercises/` runs the very same tests against
 * `solutions/` or a student's submission (`deno test --import-map <file>`).
 *
 * @module
 */
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { COURSE_ROOT } from "../cli/course_root.ts";

/**
 * The course's import map with `@exercises/` pointing at `exercisesDir`; local entries become
 * absolute `file:` URLs so the map works from wherever it is written.
 *
 * @example
 * ```ts
 * const map = await importMapFor("solutions");
 * map.imports["@exercises/"]; // "file:///.../solutions/"
 * ```
 */
export async function importMapFor(
  exercisesDir: string,
  courseRoot = COURSE_ROOT,
): Promise<{ imports: Record<string, string> }> {
  const config = JSON.parse(await Deno.readTextFile(join(courseRoot, "deno.json")));
  const imports: Record<string, string> = {};
  for (const [name, target] of Object.entries(config.imports as Record<string, string>)) {
    imports[name] = target.startsWith("./")
      ? fileUrl(resolve(courseRoot, target), target.endsWith("/"))
      : target;
  }
  return { imports: withExercisesAt(imports, fileUrl(resolve(exercisesDir), true)) };
}

/**
 * `imports` with the exercise tests' `@exercises/` prefix pointing at `target` (a folder URL
 * or a path relative to the config, ending in `/`): the one place the prefix is remapped.
 *
 * @example
 * ```ts
 * withExercisesAt({ "@lib/": "./lib/" }, "./exercises/");
 * // { "@lib/": "./lib/", "@exercises/": "./exercises/" }
 * ```
 */
export function withExercisesAt(
  imports: Record<string, string>,
  target: string,
): Record<string, string> {
  return { ...imports, "@exercises/": target };
}

function fileUrl(path: string, folder: boolean): string {
  return pathToFileURL(path).href + (folder ? "/" : "");
}

/** Writes {@linkcode importMapFor}'s map to `path` and returns `path`. */
export async function writeImportMap(
  exercisesDir: string,
  path: string,
  courseRoot = COURSE_ROOT,
): Promise<string> {
  await Deno.writeTextFile(
    path,
    JSON.stringify(await importMapFor(exercisesDir, courseRoot), null, 2),
  );
  return path;
}
