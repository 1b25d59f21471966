/**
 * How much memory a process tree really uses, read from Linux's `/proc`. The V8 heap cap does
 * not cover array buffers or WebAssembly memory, so the grader also watches the resident size
 * of each test process (with bubblewrap, the tree under `bwrap`).
 *
 * @module
 */

/**
 * Resident bytes of process `pid` and all its descendants, or `undefined` where `/proc` cannot
 * tell (not Linux, or the process has gone).
 *
 * @example
 * ```ts
 * residentBytes(Deno.pid); // e.g. 61_440_000
 * ```
 */
export function residentBytes(pid: number): number | undefined {
  try {
    let total = 0;
    const pending = [pid];
    while (pending.length > 0) {
      const current = pending.pop()!;
      const status = Deno.readTextFileSync(`/proc/${current}/status`);
      total += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
      for (const task of Deno.readDirSync(`/proc/${current}/task`)) {
        const children = Deno.readTextFileSync(`/proc/${current}/task/${task.name}/children`);
        pending.push(...children.split(" ").filter(Boolean).map(Number));
      }
    }
    return total;
  } catch {
    return undefined;
  }
}
