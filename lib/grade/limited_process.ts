/**
 * Running a child process within limits: a wall-clock timeout, a resident-memory cap (checked
 * every 100 ms through `/proc` where available), and at most `outputBytes` kept of each of
 * stdout and stderr (the rest is read and dropped, so a flood neither blocks the child nor fills
 * the grader's memory). A process past a limit is killed with SIGKILL.
 *
 * @module
 */
import { residentBytes } from "./resident_memory.ts";
import type { TestCommand } from "./sandbox.ts";

/** The limits of one run. */
export interface ProcessLimits {
  /** Wall-clock limit, milliseconds. */
  timeoutMs: number;
  /** Resident-memory limit of the process tree, MB. */
  memoryMb: number;
  /** Bytes kept of each output stream. */
  outputBytes: number;
}

/** How a limited run ended. */
export interface ProcessResult {
  /** Exit code (128 + signal number when killed by a signal). */
  code: number;
  /** The signal that ended it, if the runtime reports one. */
  signal: Deno.Signal | null;
  /** Set when the grader killed it for passing a limit. */
  stopped?: "timeout" | "memory";
  /** The start of its stdout. */
  stdout: string;
  /** The start of its stderr. */
  stderr: string;
  /** Wall-clock time, milliseconds. */
  durationMs: number;
}

const MEMORY_CHECK_MS = 100;

/**
 * Runs `command` with an empty environment plus `command.env`, within `limits`.
 *
 * @example
 * ```ts
 * const result = await runWithinLimits(
 *   { program: "deno", args: ["--version"], cwd: ".", env: {} },
 *   { timeoutMs: 10_000, memoryMb: 512, outputBytes: 65536 },
 * );
 * result.code; // 0
 * ```
 */
export async function runWithinLimits(
  command: TestCommand,
  limits: ProcessLimits,
): Promise<ProcessResult> {
  const started = performance.now();
  const child = new Deno.Command(command.program, {
    args: command.args,
    cwd: command.cwd,
    env: command.env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let stopped: ProcessResult["stopped"];
  const stop = (reason: "timeout" | "memory") => {
    if (stopped) return;
    stopped = reason;
    try {
      child.kill("SIGKILL");
    } catch {
      // It has just exited by itself.
    }
  };
  const timer = setTimeout(() => stop("timeout"), limits.timeoutMs);
  const memoryWatch = setInterval(() => {
    const bytes = residentBytes(child.pid);
    if (bytes !== undefined && bytes > limits.memoryMb * 1024 * 1024) stop("memory");
  }, MEMORY_CHECK_MS);
  try {
    const [stdout, stderr, status] = await Promise.all([
      readStart(child.stdout, limits.outputBytes),
      readStart(child.stderr, limits.outputBytes),
      child.status,
    ]);
    const durationMs = performance.now() - started;
    return { code: status.code, signal: status.signal, stopped, stdout, stderr, durationMs };
  } finally {
    clearTimeout(timer);
    clearInterval(memoryWatch);
  }
}

/** The first `limit` bytes of `stream` as text, reading (and dropping) the rest. */
async function readStart(stream: ReadableStream<Uint8Array>, limit: number): Promise<string> {
  const kept = new Uint8Array(limit);
  let length = 0;
  let dropped = false;
  for await (const chunk of stream) {
    const room = limit - length;
    kept.set(chunk.subarray(0, room), length);
    length += Math.min(room, chunk.length);
    dropped ||= chunk.length > room;
  }
  const text = new TextDecoder().decode(kept.subarray(0, length));
  return dropped ? `${text}\n[output cut at ${limit} bytes]` : text;
}
