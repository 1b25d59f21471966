/**
 * Running one lesson's tests against one submission in a sandbox, and collecting what the
 * runtime reported. The JUnit report, written by `deno test` itself to a file the student's code
 * cannot write, is the only source of results; the process's output is kept only to explain a
 * failure to load or a crash.
 *
 * @module
 */
import { parseJunit, type TestCaseResult } from "../exercise/junit.ts";
import { pinned } from "./cpus.ts";
import { runWithinLimits } from "./limited_process.ts";
import type { Sandbox, SandboxRun } from "./sandbox.ts";

/** What came of one lesson run. */
export interface LessonRun {
  /** How it ended: by itself, stopped at a limit, or refused before starting. */
  end: "exited" | "timeout" | "memory" | "refused";
  /** The report's test cases; `undefined` when there is no readable report. */
  cases?: TestCaseResult[];
  /** Whether it ended abnormally: killed by a signal (not the grader's), or an unusable report. */
  abnormal: boolean;
  /** What to tell the student: why it was refused or stopped, or what it printed. */
  output: string;
  /** Wall-clock time, milliseconds. */
  durationMs: number;
}

const OUTPUT_BYTES = 64 * 1024;
const MAX_REPORT_BYTES = 16 * 1024 * 1024;
/** Signals V8 and Rust end a process with when memory runs out. */
const OUT_OF_MEMORY_SIGNALS = new Map<Deno.Signal, number>([["SIGTRAP", 5], ["SIGABRT", 6]]);

/** Where and how long a lesson may run. */
export interface RunLimits {
  /** Wall-clock limit, milliseconds. */
  timeoutMs: number;
  /** CPUs to pin the run to (all when undefined). */
  cpus?: number[];
}

/**
 * Runs `run` in `sandbox`, stopping it after `limits.timeoutMs` or past `run.memoryMb` resident.
 *
 * @example
 * ```ts
 * const result = await runLesson(sandbox, run, { timeoutMs: 120_000 });
 * result.cases?.filter((c) => c.status === "passed").length;
 * ```
 */
export async function runLesson(
  sandbox: Sandbox,
  run: SandboxRun,
  limits: RunLimits,
): Promise<LessonRun> {
  const { timeoutMs, cpus } = limits;
  const prepared = await sandbox.prepare(run);
  if ("compileError" in prepared) {
    return { end: "refused", abnormal: false, output: prepared.compileError, durationMs: 0 };
  }
  const command = cpus ? pinned(prepared.command, cpus) : prepared.command;
  const result = await runWithinLimits(command, {
    timeoutMs,
    memoryMb: run.memoryMb,
    outputBytes: OUTPUT_BYTES,
  });
  const report = await readReport(prepared.reportPath);
  const outOfMemory = result.stopped === "memory" ||
    [...OUT_OF_MEMORY_SIGNALS].some(([name, number]) =>
      result.signal === name || result.code === 128 + number
    );
  const end = result.stopped === "timeout" ? "timeout" : outOfMemory ? "memory" : "exited";
  const printed = [result.stderr, result.stdout].filter((text) => text.trim()).join("\n");
  return {
    end,
    cases: Array.isArray(report) ? report : undefined,
    abnormal: result.signal !== null || result.code > 128 || report === "unusable",
    output: {
      timeout: `The tests were stopped after ${timeoutMs / 1000} s.`,
      memory: `The tests were stopped for using more than ${run.memoryMb} MB of memory.`,
      exited: report === "unusable"
        ? `The test report was larger than ${MAX_REPORT_BYTES / 1024 / 1024} MB.`
        : printed,
    }[end],
    durationMs: result.durationMs,
  };
}

/** The report's test cases, `missing` when there is none, `unusable` when it is too large. */
async function readReport(path: string): Promise<TestCaseResult[] | "missing" | "unusable"> {
  const info = await Deno.lstat(path).catch(() => undefined);
  if (!info) return "missing";
  if (!info.isFile || info.size > MAX_REPORT_BYTES) return "unusable";
  return parseJunit(await Deno.readTextFile(path));
}
