/**
 * What every sandbox does: run a lesson's tests against one submission's files in a fresh
 * `deno test` process that may read only the course's dependencies and data, write nothing, use
 * no network, environment, subprocess or FFI, and has a capped V8 heap. The runtime writes the
 * JUnit report to a file the student's code cannot write; that report is the only result read.
 *
 * Two implementations: `bubblewrap.ts` (Linux: a mount namespace that shows only the staged
 * course and the submission) and `permissions.ts` (elsewhere: Deno permissions and a check of
 * the module graph; weaker).
 *
 * @module
 */
import type { CourseStage } from "./stage.ts";

/** One lesson of one submission to run. */
export interface SandboxRun {
  /** The staged course. */
  stage: CourseStage;
  /** The folder holding the submission's exercise files. */
  exercisesDir: string;
  /** The lesson's exercise file, e.g. `01_softmax.ts`. */
  exerciseFile: string;
  /** Test files, relative to the course (`tests/01_softmax_test.ts`, `hidden/...`). */
  testFiles: string[];
  /** A private, existing folder for this run's report and scratch files. */
  workDir: string;
  /** V8 heap limit, MB. */
  memoryMb: number;
  /**
   * Whether this is a reference run, which may fill the stage's shared Deno dir
   * (`CourseStage.cacheDir`); a student's run may at most read it.
   */
  reference?: boolean;
}

/** A process to start. */
export interface TestCommand {
  /** The executable. */
  program: string;
  /** Its arguments. */
  args: string[];
  /** Its working folder. */
  cwd: string;
  /** Its whole environment. */
  env: Record<string, string>;
}

/** A run ready to start, or refused before starting because the code cannot load. */
export type PreparedRun =
  | { command: TestCommand; reportPath: string }
  | { compileError: string };

/** A way to run tests in isolation. */
export interface Sandbox {
  /** `bubblewrap` (strong) or `permissions` (weaker). */
  readonly kind: "bubblewrap" | "permissions";
  /** Sets up `run` and returns the command that runs it. */
  prepare(run: SandboxRun): Promise<PreparedRun>;
}

/** Where a sandboxed course keeps what `deno test` needs to find. */
export interface CourseView {
  /** The course's folder as the test process sees it. */
  dir: string;
  /** The only paths the tests may read (dependencies and data). */
  readPaths: string[];
  /** Where the runtime writes the JUnit report, as the test process sees it. */
  reportPath: string;
}

/** Environment variables of every test process, besides `DENO_DIR` and `HOME`. */
export const TEST_ENV = { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" };

/**
 * The `deno test` arguments shared by every sandbox: no type check (a type error is not a
 * wrong answer), no prompts, cached modules only, read access to `readPaths` and nothing else,
 * a V8 heap cap, the hardening preload, and the JUnit report.
 *
 * @example
 * ```ts
 * denoTestArgs(
 *   { dir: "/course", readPaths: ["/course/node_modules"], reportPath: "/report/junit.xml" },
 *   { memoryMb: 2048, testFiles: ["tests/01_softmax_test.ts"] },
 * );
 * ```
 */
export function denoTestArgs(
  view: CourseView,
  run: Pick<SandboxRun, "memoryMb" | "testFiles">,
): string[] {
  return [
    "test",
    "--no-check",
    "--no-prompt",
    "--cached-only",
    "--hide-stacktraces",
    `--config=${view.dir}/deno.json`,
    `--allow-read=${view.readPaths.join(",")}`,
    `--v8-flags=--max-old-space-size=${run.memoryMb}`,
    `--preload=${view.dir}/lib/grade/preload.ts`,
    `--junit-path=${view.reportPath}`,
    ...run.testFiles,
  ];
}
