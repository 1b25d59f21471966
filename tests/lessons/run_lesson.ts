/**
 * Test helper: runs `lessons/main.ts` in a child process, as `deno task lesson` does, and
 * captures what it printed.
 */
import { COURSE_ROOT } from "../../lib/exercise/import_map.ts";

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
