/**
 * Sharing the machine's CPUs between the submissions graded at once. A student's code may start
 * Web Workers (they need no permission) and keep every core busy; pinned to its job slot's
 * CPUs with `taskset`, it slows down only itself, not the students graded beside it. Linux only;
 * elsewhere, or without `taskset`, runs are not pinned.
 *
 * @module
 */
import type { TestCommand } from "./sandbox.ts";

/**
 * For each of `jobs` job slots, the CPUs its runs are pinned to: the CPUs this process may use,
 * dealt out in turn (slot k of 2 on CPUs 0-3 gets k and k + 2). `undefined` when CPUs cannot be
 * pinned here.
 *
 * @example
 * ```ts
 * await cpuSlots(2); // [[0, 2], [1, 3]] on a 4-core Linux machine
 * ```
 */
export async function cpuSlots(jobs: number): Promise<number[][] | undefined> {
  const cpus = allowedCpus();
  if (!cpus || !(await tasksetWorks(cpus))) return undefined;
  return Array.from(
    { length: jobs },
    (_, slot) =>
      jobs >= cpus.length ? [cpus[slot % cpus.length]] : cpus.filter((_, i) => i % jobs === slot),
  );
}

/** `command`, run on `cpus` only. */
export function pinned(command: TestCommand, cpus: number[]): TestCommand {
  return {
    ...command,
    program: "taskset",
    args: ["--cpu-list", cpus.join(","), command.program, ...command.args],
  };
}

/** The CPUs this process may run on, from `/proc/self/status` (`Cpus_allowed_list: 0-3,8`). */
function allowedCpus(): number[] | undefined {
  try {
    const status = Deno.readTextFileSync("/proc/self/status");
    const list = /^Cpus_allowed_list:\s*(\S+)$/m.exec(status)?.[1];
    return list?.split(",").flatMap((range) => {
      const [first, last = first] = range.split("-").map(Number);
      return Array.from({ length: last - first + 1 }, (_, i) => first + i);
    });
  } catch {
    return undefined;
  }
}

async function tasksetWorks(cpus: number[]): Promise<boolean> {
  try {
    const { success } = await new Deno.Command("taskset", {
      args: ["--cpu-list", cpus.join(","), "true"],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).output();
    return success;
  } catch {
    return false;
  }
}
