/**
 * A learner's copy of the course for the learner-loop tests: its own `exercises/` (copied, so
 * a test can edit them) and `out/`, with links to everything else (`lib/`, `lessons/`,
 * `bench/`, `tools/`, `tests/`, `node_modules/`, `data/`), and the course's `deno.json`. Commands run in it exactly as
 * `deno task <name>` would, but straight from the task's definition, so a test can signal the
 * process itself.
 *
 * @module
 */
import { cp } from "node:fs/promises";
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";

/** Makes a fresh learner's copy and returns its folder; remove it with `Deno.remove`. */
export async function copyCourse(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "digits-learner-" });
  await cp(join(COURSE_ROOT, "exercises"), join(dir, "exercises"), { recursive: true });
  for (const name of ["deno.json", "deno.lock"]) {
    await Deno.copyFile(join(COURSE_ROOT, name), join(dir, name));
  }
  for (const name of ["lib", "lessons", "bench", "tools", "tests", "node_modules", "data"]) {
    await Deno.symlink(join(COURSE_ROOT, name), join(dir, name));
  }
  return dir;
}

/** The `deno` command of task `task` in `dir`'s `deno.json`, with `args` appended. */
export async function taskCommand(
  dir: string,
  task: string,
  args: string[],
  options: Deno.CommandOptions = {},
): Promise<Deno.Command> {
  const tasks = JSON.parse(await Deno.readTextFile(join(dir, "deno.json"))).tasks;
  const [deno, ...taskArgs] = (tasks[task] as string).split(/\s+/);
  if (deno !== "deno") throw new Error(`task ${task} does not start with deno: ${tasks[task]}`);
  return new Deno.Command(Deno.execPath(), {
    args: [...taskArgs, ...args],
    cwd: dir,
    stdin: "null",
    // English whatever the machine's locale: the tests read the English texts.
    env: { NO_COLOR: "1", LC_ALL: "C" },
    ...options,
  });
}

/** Runs task `task` with `args` in `dir` to the end: its exit code, stdout and stderr. */
export async function runTask(
  dir: string,
  task: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await (await taskCommand(dir, task, args)).output();
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}

/**
 * Replaces exported function `name` in the copy's `exercises/<file>` with the reference one
 * from `solutions/<file>` (up to the next line that closes a top-level block).
 */
export async function solveExercise(dir: string, file: string, name: string): Promise<void> {
  const solution = functionSource(
    await Deno.readTextFile(join(COURSE_ROOT, "solutions", file)),
    name,
  );
  const path = join(dir, "exercises", file);
  const exercise = await Deno.readTextFile(path);
  await Deno.writeTextFile(path, exercise.replace(functionSource(exercise, name), solution));
}

function functionSource(source: string, name: string): string {
  const match = new RegExp(`^export (?:async )?function ${name}\\b[\\s\\S]*?^\\}$`, "m").exec(
    source,
  );
  if (!match) throw new Error(`no top-level function ${name} found`);
  return match[0];
}
