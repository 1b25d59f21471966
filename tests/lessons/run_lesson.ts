/**
 * Test helper: runs `lessons/main.ts` in a child process, as `deno task lesson` does, and
 * captures what it printed.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";

/** What a lesson run printed and how it ended. */
export interface LessonRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `deno run -A <script> ...args` from the course root (any course command). */
export async function runScript(script: string, args: string[]): Promise<LessonRun> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, ...args],
    cwd: COURSE_ROOT,
    stdin: "null",
    env: { LC_ALL: "C" }, // English whatever the machine's locale
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: decode(stdout), stderr: decode(stderr) };
}

/** Runs `deno run -A lessons/main.ts ...args` from the course root. */
export function runLesson(args: string[]): Promise<LessonRun> {
  return runScript("lessons/main.ts", args);
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

/**
 * Runs lesson `number` with `args` into a fresh temporary `--out` folder, asserts it succeeded,
 * checks its outputs with {@linkcode readLessonOutputs}, removes the folder and returns the
 * run with its parsed `results.json`.
 */
export async function runTinyLesson(
  number: number,
  lessonId: string,
  args: string[],
  charts: string[],
  // deno-lint-ignore no-explicit-any
): Promise<LessonRun & { results: any }> {
  const out = await Deno.makeTempDir();
  const run = await runLesson([String(number), ...args, "--out", out]);
  assertEquals(run.code, 0, `lesson ${number} failed:\n${run.stderr}`);
  const results = await readLessonOutputs(out, lessonId, charts, run.stdout);
  await Deno.remove(out, { recursive: true });
  return { ...run, results };
}

/**
 * `value` (for example a `results.json`) without its wall-clock times (`seconds`,
 * `wallSeconds`), which differ from run to run, for checking that a seed repeats a run.
 */
export function withoutTimes(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(
      value,
      (key, field) => ["seconds", "wallSeconds"].includes(key) ? undefined : field,
    ),
  );
}
