/**
 * Running exercise tests against a folder of exercise files, in a child `deno test` process,
 * and reading the outcome from its JUnit report.
 *
 * @module
 */
import { join } from "node:path";
import { COURSE_ROOT } from "../cli/course_root.ts";
import { writeImportMap } from "./import_map.ts";
import { parseJunit, type TestCaseResult } from "./junit.ts";

/** What to run. */
export interface ExerciseRun {
  /** Folder whose files `@exercises/` should resolve to. */
  exercisesDir: string;
  /** Test files to run, relative to the course root (e.g. `tests/01_softmax_test.ts`). */
  testFiles: string[];
  /** Extra `deno test` flags (e.g. `--filter`). */
  flags?: string[];
  /** Aborting it kills the child test process (the run then rejects). */
  signal?: AbortSignal;
}

/** The tests could not run at all, typically because a file does not compile. */
export class TestRunError extends Error {
  /** Creates the error from the runner's exit code and the last lines of its error output. */
  constructor(readonly code: number, readonly output: string) {
    super(`deno test exited with code ${code} before writing its report:\n${output}`);
    this.name = "TestRunError";
  }
}

/**
 * Runs the tests and returns every test case's result. The child's own output is discarded;
 * everything needed is in the report. A run that writes no report (a file that does not
 * compile) is a {@linkcode TestRunError} carrying the runner's last error lines.
 *
 * @example
 * ```ts
 * const results = await runExerciseTests({
 *   exercisesDir: "solutions",
 *   testFiles: ["tests/01_softmax_test.ts"],
 * });
 * results.every((r) => r.status === "passed"); // true
 * ```
 */
export async function runExerciseTests(run: ExerciseRun): Promise<TestCaseResult[]> {
  const workDir = await Deno.makeTempDir({ prefix: "digits-tests-" });
  try {
    const importMap = await writeImportMap(run.exercisesDir, join(workDir, "import_map.json"));
    const report = join(workDir, "report.xml");
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: [
        "test",
        "--allow-read",
        "--allow-env",
        `--import-map=${importMap}`,
        `--junit-path=${report}`,
        ...(run.flags ?? []),
        ...run.testFiles,
      ],
      cwd: COURSE_ROOT,
      stdout: "null",
      stderr: "piped",
      stdin: "null",
      env: { NO_COLOR: "1" },
      signal: run.signal,
    }).output();
    const xml = await Deno.readTextFile(report).catch(() => undefined);
    if (xml === undefined) {
      // Every diagnostic is kept (the check shows the first few and counts the rest).
      const reason = new TextDecoder().decode(stderr).trim().split("\n").slice(-400).join("\n");
      throw new TestRunError(code, reason);
    }
    return parseJunit(xml);
  } finally {
    await Deno.remove(workDir, { recursive: true });
  }
}
