/** Test helper: runs `deno task predict` as a learner would, capturing what it prints. */
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";

/** What one run of the predict command printed, and its exit code. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `lib/predict/cli.ts` with `args` from the course root. */
export async function predictCli(args: string[]): Promise<Run> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "lib/predict/cli.ts", ...args],
    cwd: COURSE_ROOT,
    stdin: "null",
    env: { LC_ALL: "C" }, // English whatever the machine's locale
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: decode(stdout), stderr: decode(stderr) };
}
