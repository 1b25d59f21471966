/**
 * The Linux sandbox: each lesson run happens inside bubblewrap (`bwrap`), in new user, mount,
 * PID, network, IPC, UTS and cgroup namespaces, as an unprivileged user with no capabilities
 * and an empty environment. Its file system shows the system's `/usr` (read-only), the Deno
 * binary, and a course assembled from read-only mounts:
 *
 * ```
 * /course/deno.json      staged config          /course/lib           the course's lib/
 * /course/tests/         this run's lessons     /course/node_modules  dependencies
 * /course/hidden/        hidden tests (if any)  /course/data          data (if any)
 * /course/exercises/     the submission         /report               writable: the JUnit report
 * ```
 *
 * Nothing else exists in there: not `solutions/`, not the teacher's checkout, not other
 * students' files, so not even a static `import` (which Deno lets past `--allow-read`) can
 * reach them. `/tmp` is a private in-memory folder of at most 8 MB, discarded with the sandbox.
 * `DENO_DIR` is the stage's shared Deno dir: the reference runs fill it with Deno's caches of the
 * course's own modules, and it is mounted read-only for every student, so the Cache API and web
 * storage, which write there without any permission, cannot store anything (and every run
 * starts from warm caches).
 *
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Bilingual } from "../cli/language.ts";
import {
  denoTestArgs,
  type PreparedRun,
  type Sandbox,
  type SandboxRun,
  TEST_ENV,
} from "./sandbox.ts";

const COURSE = "/course";
const DENO = "/opt/deno/deno";
const REPORT_DIR = "/report";
const DENO_DIR = "/deno-dir";
const NOBODY = "65534";
/** Size of the sandbox's `/tmp`, bytes: the test process cannot write files, so little. */
const TMP_BYTES = 8 * 1024 * 1024;

/** Runs lesson tests inside bubblewrap (see the module documentation). */
export class BubblewrapSandbox implements Sandbox {
  /** Always `bubblewrap`. */
  readonly kind = "bubblewrap";

  /** Sets up `run`'s report folder and returns the `bwrap` command that runs it. */
  async prepare(run: SandboxRun): Promise<PreparedRun> {
    const reportDir = join(run.workDir, "report");
    await Deno.mkdir(reportDir);
    const view = {
      dir: COURSE,
      readPaths: [`${COURSE}/node_modules`, `${COURSE}/data`],
      reportPath: `${REPORT_DIR}/junit.xml`,
    };
    return {
      reportPath: join(reportDir, "junit.xml"),
      command: {
        program: "bwrap",
        args: [...bubblewrapArgs(run, reportDir), DENO, ...denoTestArgs(view, run)],
        cwd: run.workDir,
        env: {},
      },
    };
  }
}

/**
 * The `bwrap` arguments that build `run`'s sandbox, with `reportDir` as its only writable
 * folder; the command to run inside follows them.
 */
export function bubblewrapArgs(run: SandboxRun, reportDir: string): string[] {
  const { courseRoot, dir: stageDir, hasHidden } = run.stage;
  const data = join(courseRoot, "data");
  return [
    ...isolationArgs(),
    ...["--ro-bind", join(stageDir, "deno.json"), `${COURSE}/deno.json`],
    ...["--ro-bind", join(stageDir, "tests"), `${COURSE}/tests`],
    ...(hasHidden ? ["--ro-bind", join(stageDir, "hidden"), `${COURSE}/hidden`] : []),
    ...["--ro-bind", join(courseRoot, "lib"), `${COURSE}/lib`],
    ...["--ro-bind", join(courseRoot, "node_modules"), `${COURSE}/node_modules`],
    ...(existsSync(data) ? ["--ro-bind", data, `${COURSE}/data`] : []),
    ...["--ro-bind", run.exercisesDir, `${COURSE}/exercises`],
    ...[run.reference ? "--bind" : "--ro-bind", run.stage.cacheDir, DENO_DIR],
    ...["--bind", reportDir, REPORT_DIR],
    ...["--chdir", COURSE],
  ];
}

/** Namespaces, identity, environment and the system files every sandbox gets. */
function isolationArgs(): string[] {
  return [
    "--unshare-all",
    "--die-with-parent",
    "--new-session",
    "--cap-drop",
    "ALL",
    ...["--uid", NOBODY, "--gid", NOBODY],
    "--clearenv",
    ...Object.entries({ ...TEST_ENV, DENO_DIR, HOME: "/tmp" })
      .flatMap(([name, value]) => ["--setenv", name, value]),
    ...systemMounts(),
    ...["--proc", "/proc", "--dev", "/dev", "--size", String(TMP_BYTES), "--tmpfs", "/tmp"],
    ...["--ro-bind", Deno.execPath(), DENO],
  ];
}

/** `/usr` read-only, and the top-level folders that link into it (or are real folders). */
function systemMounts(): string[] {
  const args = ["--ro-bind", "/usr", "/usr"];
  for (const path of ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]) {
    const info = lstatOrUndefined(path);
    if (info?.isSymlink) args.push("--symlink", Deno.readLinkSync(path), path);
    else if (info?.isDirectory) args.push("--ro-bind", path, path);
  }
  return args;
}

function lstatOrUndefined(path: string): Deno.FileInfo | undefined {
  try {
    return Deno.lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Why bubblewrap cannot sandbox on this machine (`bwrap` missing, or namespaces not allowed),
 * or `undefined` when it can: runs `deno --version` in the same isolation as the tests.
 */
export async function bubblewrapProblem(): Promise<Bilingual | undefined> {
  const os = Deno.build.os;
  if (os !== "linux") {
    return {
      en: `bubblewrap needs Linux; this is ${os}`,
      zh: `bubblewrap 需要 Linux；这台机器是 ${os}`,
    };
  }
  try {
    const { success, stderr } = await new Deno.Command("bwrap", {
      args: [...isolationArgs(), DENO, "--version"],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).output();
    if (success) return undefined;
    const said = new TextDecoder().decode(stderr).trim();
    return { en: `bwrap could not start a sandbox: ${said}`, zh: `bwrap 无法启动沙箱：${said}` };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return { en: "bwrap is not installed", zh: "没有安装 bwrap" };
    }
    throw error;
  }
}
