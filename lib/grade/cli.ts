/**
 * `deno task grade`: the teachers' autograder.
 *
 * ```sh
 * deno task grade <submissions> [--out DIR] [--hidden DIR] [--jobs N] [--timeout S] \
 *   [--memory MB] [--lessons 1,2] [--sandbox auto|bubblewrap|permissions]
 * deno task grade --single <submission> [--out DIR] ...
 * ```
 *
 * The first form grades a folder holding one folder or archive per student and writes the
 * gradebook, a class summary and per-student results; it exits with 0 once everything is
 * graded, whatever the grades. The second grades one submission the way Gradescope and GitHub
 * Classroom run autograders, and exits with 0 only when every test passed. Bad arguments are
 * one line naming the argument and exit code 2. See `docs/grading.md`.
 *
 * @module
 */
import { isAbsolute, join, resolve, sep } from "node:path";
import { COURSE_ROOT } from "../cli/course_root.ts";
import { runCommand, UsageError } from "../cli/errors.ts";
import { parseCommandLine, parseCount, parsePositive } from "../cli/args.ts";
import { chooseLanguage } from "../cli/language.ts";
import { SANDBOX_CHOICES, type SandboxChoice } from "./choose_sandbox.ts";
import { gradeClass, type GradeOptions, gradeSingle } from "./grade.ts";
import { progressLine } from "./progress.ts";
import { STATUSES } from "./status.ts";
import { formatPoints } from "./text.ts";

const USAGE = `Usage:
  deno task grade <submissions> [options]   grade a class: one folder, .zip or .tar.gz per student
  deno task grade --single <submission> [options]   grade one submission (Gradescope, Classroom)

Options:
  --out DIR         where results go (default: out/grades)
  --hidden DIR      teacher-only tests (NN_<name>_test.ts files) to run as well
  --jobs N          submissions graded at once (default: the number of CPU cores)
  --timeout S       seconds allowed for each lesson of a submission (default: 120)
  --memory MB       memory per test process (default: 2048)
  --lessons 1,2     grade only these lessons (default: all)
  --sandbox MODE    auto (default), bubblewrap (refuse to grade without it), or permissions
  --lang en|zh      the language of summary.md and feedback.md (default: from LANG)
  -h, --help        show this help

Example: deno task grade submissions/ --out out/grades --lessons 1,2

See docs/grading.md for the outputs, the statuses and the sandbox.`;

const DEFAULT_TIMEOUT_SECONDS = 120;
const DEFAULT_MEMORY_MB = 2048;

/** The grader's flags. */
const OPTIONS = {
  out: { type: "string" },
  hidden: { type: "string" },
  jobs: { type: "string" },
  timeout: { type: "string" },
  memory: { type: "string" },
  lessons: { type: "string" },
  sandbox: { type: "string" },
  single: { type: "boolean" },
  lang: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, "see deno task grade --help");
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const single = values.single ?? false;
  const what = single ? "<submission>" : "<submissions>";
  if (positionals.length !== 1) {
    throw new UsageError(
      `grade takes one ${what} argument, got ${positionals.length}; see deno task grade --help`,
    );
  }
  const target = fromUserPath(positionals[0]);
  await expectPath(what, target, single ? "any" : "folder");
  const hiddenDir = values.hidden === undefined ? undefined : fromUserPath(values.hidden);
  if (hiddenDir) await expectPath("--hidden", hiddenDir, "folder");
  const out = values.out === undefined
    ? join(COURSE_ROOT, "out", "grades")
    : fromUserPath(values.out);
  if (!single && (out === target || out.startsWith(target + sep))) {
    throw new UsageError(`--out ${out} must not be inside <submissions> ${target}`);
  }
  const options: GradeOptions = {
    courseRoot: COURSE_ROOT,
    out,
    hiddenDir,
    lessons: parseLessonNumbers(values.lessons),
    jobs: parseCount("--jobs", values.jobs) ?? navigator.hardwareConcurrency,
    timeoutSeconds: parsePositive("--timeout", values.timeout) ?? DEFAULT_TIMEOUT_SECONDS,
    memoryMb: parseCount("--memory", values.memory, 256) ?? DEFAULT_MEMORY_MB,
    sandbox: parseSandbox(values.sandbox),
    language: chooseLanguage(values.lang),
    warn: (message) => console.error(`warning: ${message}`),
  };
  return single ? await gradeOne(target, options) : await gradeAll(target, options);
}

async function gradeAll(submissionsDir: string, options: GradeOptions): Promise<number> {
  const started = performance.now();
  const color = Deno.stdout.isTerminal() && !Deno.env.get("NO_COLOR");
  const { results, sandbox } = await gradeClass(submissionsDir, options, (result, progress) => {
    console.log(progressLine(result, progress, color));
  });
  const counts = STATUSES.map((status) => [status, results.filter((r) => r.status === status)])
    .filter(([, students]) => students.length > 0)
    .map(([status, students]) => `${students.length} ${status}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `graded ${results.length} submissions in ${seconds} s with ${options.jobs} jobs ` +
      `(sandbox: ${sandbox}): ${counts.join(", ")}`,
  );
  console.log(`results: ${join(options.out, "gradebook.csv")}, ${join(options.out, "summary.md")}`);
  return 0;
}

async function gradeOne(path: string, options: GradeOptions): Promise<number> {
  const result = await gradeSingle(path, options);
  console.log(
    `${result.id}: ${result.status}, ${formatPoints(result.score)}/${
      formatPoints(result.maxScore)
    } points; results in ${options.out}`,
  );
  return result.score === result.maxScore ? 0 : 1;
}

/** A path as the user meant it: `deno task` runs from the course root, not where they typed. */
function fromUserPath(path: string): string {
  return isAbsolute(path) ? path : resolve(Deno.env.get("INIT_CWD") ?? Deno.cwd(), path);
}

async function expectPath(argument: string, path: string, kind: "folder" | "any") {
  const info = await Deno.stat(path).catch(() => undefined);
  if (!info) throw new UsageError(`${argument} ${path} does not exist`);
  if (kind === "folder" && !info.isDirectory) {
    throw new UsageError(`${argument} ${path} is not a folder`);
  }
}

function parseLessonNumbers(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const numbers = text.split(",").map((part) => part.trim());
  if (numbers.some((part) => !/^\d+$/.test(part))) {
    throw new UsageError(`--lessons must be lesson numbers separated by commas, got "${text}"`);
  }
  return numbers.map(Number);
}

function parseSandbox(text: string | undefined): SandboxChoice {
  if (text === undefined) return "auto";
  const choice = SANDBOX_CHOICES.find((name) => name === text);
  if (!choice) {
    throw new UsageError(`--sandbox must be one of ${SANDBOX_CHOICES.join(", ")}, got "${text}"`);
  }
  return choice;
}

if (import.meta.main) await runCommand(() => main(Deno.args));
