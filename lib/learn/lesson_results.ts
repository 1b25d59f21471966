/**
 * Where each exercise of a lesson stands, found by actually running the lesson's tests against
 * `exercises/`, and remembered under `out/learn/results/` keyed on the contents of every file
 * the result depends on (the lesson's exercise and test files, `lib/`, `deno.json`, the Deno
 * version). Saving any of them makes the next look run the tests again; asking twice without a
 * change answers at once. A run that is stopped (its signal aborted) is not remembered.
 *
 * @module
 */
import { join, relative } from "node:path";
import { COURSE_ROOT } from "../cli/course_root.ts";
import { runExerciseTests, TestRunError } from "../exercise/run_tests.ts";
import { type LessonEntry, lessonFiles } from "../course/manifest.ts";
import { type ExerciseStatus, exerciseStatuses } from "./exercise_status.ts";

/** A lesson's exercises as its tests found them. */
export interface LessonResults {
  /** The lesson. */
  lesson: LessonEntry;
  /** Every exercise the tests name, in order; empty when the tests could not run. */
  statuses: ExerciseStatus[];
  /** Why the tests could not run (the runner's error lines), e.g. a compile error. */
  error?: string;
}

/** Where the results and every other file of the learner's tools live: `out/learn/`. */
export function learnDir(courseRoot = COURSE_ROOT): string {
  return join(courseRoot, "out", "learn");
}

/**
 * Runs `lesson`'s tests against `exercises/` unless a result for the very same files is
 * remembered, and remembers what it found, compile errors included.
 *
 * @example
 * ```ts
 * const { statuses } = await lessonResults(lesson);
 * statuses[0]; // { exercise: "1.1 scalePixels", state: "not started", passed: 0, total: 2, ... }
 * ```
 */
export async function lessonResults(
  lesson: LessonEntry,
  options: { signal?: AbortSignal; courseRoot?: string } = {},
): Promise<LessonResults> {
  const courseRoot = options.courseRoot ?? COURSE_ROOT;
  const key = await contentKey(lesson, courseRoot);
  const cacheFile = join(learnDir(courseRoot), "results", `${lesson.id}.json`);
  const cached = await Deno.readTextFile(cacheFile).then(JSON.parse).catch(() => undefined);
  if (cached?.key === key) return { lesson, statuses: cached.statuses, error: cached.error };
  let results: LessonResults;
  try {
    const cases = await runExerciseTests({
      exercisesDir: join(courseRoot, "exercises"),
      testFiles: [lessonFiles(lesson).test],
      signal: options.signal,
    });
    results = { lesson, statuses: exerciseStatuses(cases) };
  } catch (error) {
    if (!(error instanceof TestRunError)) throw error;
    results = { lesson, statuses: [], error: error.output };
  }
  options.signal?.throwIfAborted();
  await Deno.mkdir(join(learnDir(courseRoot), "results"), { recursive: true });
  await Deno.writeTextFile(
    cacheFile,
    JSON.stringify({ key, statuses: results.statuses, error: results.error }),
  );
  return results;
}

/** SHA-256 over the names and contents of the files a lesson's results depend on. */
async function contentKey(lesson: LessonEntry, courseRoot: string): Promise<string> {
  const { exercise, test } = lessonFiles(lesson);
  const files = [
    join(courseRoot, exercise),
    join(courseRoot, test),
    join(courseRoot, "deno.json"),
    ...(await sourceFiles(join(courseRoot, "lib"))),
  ];
  const parts = [Deno.version.deno];
  for (const file of files) {
    const text = await Deno.readTextFile(file).catch(() => "(missing)");
    parts.push(relative(courseRoot, file), text);
  }
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(parts.join("\0")),
  );
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) files.push(...(await sourceFiles(path)));
    else if (entry.name.endsWith(".ts")) files.push(path);
  }
  return files.sort();
}
