/**
 * Test helper: runs `lessons/main.ts` in a child process, as `deno task lesson` does, and
 * captures what it printed.
 */
import { assert, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/exercise/import_map.ts";
import { assertWellFormedSvg } from "../lib/charts/svg.ts";

/** What a lesson run printed and how it ended. */
export interface LessonRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `deno run -A lessons/main.ts ...args` from the course root. */
export async function runLesson(args: string[]): Promise<LessonRun> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "lessons/main.ts", ...args],
    cwd: COURSE_ROOT,
    stdin: "null",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: decode(stdout), stderr: decode(stderr) };
}

/**
 * Checks what a lesson run wrote under `out/<lessonId>/`: every chart in `charts` is a complete
 * SVG whose path the lesson printed in `stdout`. Returns the parsed `results.json`.
 */
export async function readLessonOutputs(
  out: string,
  lessonId: string,
  charts: string[],
  stdout: string,
  // deno-lint-ignore no-explicit-any
): Promise<any> {
  for (const chart of charts) {
    const svg = await Deno.readTextFile(join(out, lessonId, chart));
    assert(
      svg.startsWith("<svg") && svg.trimEnd().endsWith("</svg>"),
      `${chart} is not a complete SVG`,
    );
    assertStringIncludes(stdout, join(out, lessonId, chart));
  }
  return JSON.parse(await Deno.readTextFile(join(out, lessonId, "results.json")));
}

/** A finished lesson run on tiny settings: what it printed and its parsed `results.json`. */
export interface TinyRun extends LessonRun {
  /** The folder the run wrote into (`<out>/<lesson id>/...`); remove it when done. */
  out: string;
  /** `results.json`, parsed. */
  results: Record<string, unknown> & { history: unknown[]; charts: string[] };
}

/**
 * Runs lesson `lesson` (e.g. `"4"`) with `args` into a fresh temporary folder, asserts that
 * it exited with 0 and that each of `charts` is a well-formed SVG it announced, and returns
 * what it printed and its `results.json`.
 *
 * @example
 * ```ts
 * const run = await runTinyLesson("4", "04_optimizers", ["loss.svg"], ["--epochs", "1"]);
 * run.results.history.length; // 1
 * ```
 */
export async function runTinyLesson(
  lesson: string,
  id: string,
  charts: string[],
  args: string[],
): Promise<TinyRun> {
  const out = await Deno.makeTempDir();
  const run = await runLesson([lesson, ...args, "--out", out]);
  assertEquals(run.code, 0, `lesson ${lesson} failed:\n${run.stderr}`);
  for (const chart of charts) {
    const path = join(out, id, chart);
    assertWellFormedSvg(await Deno.readTextFile(path));
    assertStringIncludes(run.stdout, path, `lesson ${lesson} did not announce ${chart}`);
  }
  const results = JSON.parse(await Deno.readTextFile(join(out, id, "results.json")));
  assertEquals(results.lesson, id);
  assertEquals(results.charts.length, charts.length, "results.json lists every chart");
  return { ...run, out, results };
}
