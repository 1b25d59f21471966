/**
 * The fallback sandbox, for machines without bubblewrap (macOS, Windows, containers that
 * forbid namespaces). Each run gets its own copy of the staged course and the submission, and
 * `deno test` runs there with Deno permissions alone: read access to dependencies and data
 * only, no write, network, environment, subprocess or FFI. Deno checks `--allow-read` for
 * computed `import()`s, workers and `require`, but not for static imports and `import()`s of
 * literal strings, so those are checked first, from the module graph (`module_graph.ts`).
 * The Deno dir is a path that cannot exist (below a file), so the Cache API and web storage
 * (which need no permission) store nothing on the teacher's disk; Deno keeps its own caches in
 * memory. (Bubblewrap can mount a warm cache read-only instead; without it, a process running as
 * root could write to any folder.)
 * Everything then rests on Deno's permission checks alone, without the private file system,
 * network and process namespaces of bubblewrap; the grader warns that this sandbox is weaker.
 *
 * @module
 */
import { cp } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { graphProblems, npmPackageName, readModuleGraph } from "./module_graph.ts";
import {
  denoTestArgs,
  type PreparedRun,
  type Sandbox,
  type SandboxRun,
  TEST_ENV,
} from "./sandbox.ts";

/** Runs lesson tests with Deno permissions only (see the module documentation). */
export class PermissionsSandbox implements Sandbox {
  /** Always `permissions`. */
  readonly kind = "permissions";

  /** Copies the course view for `run`, checks the module graph, and returns the command. */
  async prepare(run: SandboxRun): Promise<PreparedRun> {
    const dir = join(run.workDir, "course");
    const { courseRoot, dir: stageDir } = run.stage;
    await cp(stageDir, dir, { recursive: true });
    await cp(join(courseRoot, "lib"), join(dir, "lib"), { recursive: true });
    await cp(run.exercisesDir, join(dir, "exercises"), { recursive: true });
    const readPaths: string[] = [];
    for (const shared of ["node_modules", "data"]) {
      const target = join(courseRoot, shared);
      if (!existsSync(target)) continue;
      await Deno.symlink(target, join(dir, shared));
      readPaths.push(join(dir, shared), await Deno.realPath(target));
    }
    // A Deno dir below a file can never be made, not even by root: nothing is stored on disk.
    const blocker = join(run.workDir, "no-deno-dir");
    await Deno.writeTextFile(blocker, "");
    const env = { ...TEST_ENV, DENO_DIR: join(blocker, "deno-dir"), HOME: run.workDir };
    const config = JSON.parse(await Deno.readTextFile(join(dir, "deno.json")));
    const graph = await readModuleGraph(
      join(dir, "exercises", run.exerciseFile),
      join(dir, "deno.json"),
      env,
    );
    const problems = graphProblems(graph, {
      folders: [join(dir, "exercises"), join(dir, "lib"), ...readPaths],
      packages: new Set(
        Object.values(config.imports as Record<string, string>)
          .filter((target) => target.startsWith("npm:"))
          .map(npmPackageName),
      ),
    });
    if (problems.length > 0) return { compileError: problems.join("\n") };
    const reportPath = join(run.workDir, "junit.xml");
    return {
      reportPath,
      command: {
        program: Deno.execPath(),
        args: denoTestArgs({ dir, readPaths, reportPath }, run),
        cwd: dir,
        env,
      },
    };
  }
}
