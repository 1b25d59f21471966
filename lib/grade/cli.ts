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
import { join, sep } from "node:path";
import { fromUserPath, parseLessonNumbers } from "./arguments.ts";
import { COURSE_ROOT } from "../cli/course_root.ts";
import { runCommand, UsageError } from "../cli/errors.ts";
import { parseCommandLine, parseCount, parsePositive } from "../cli/args.ts";
import { chooseLanguage, inLanguage, speaker } from "../cli/language.ts";
import { SANDBOX_CHOICES, type SandboxChoice } from "./choose_sandbox.ts";
import { gradeClass, type GradeOptions, gradeSingle } from "./grade.ts";
import { progressLine } from "./progress.ts";
import { STATUSES } from "./status.ts";
import { EXPORT_FORMATS, type ExportFormat } from "./exports.ts";
import { formatPoints } from "./text.ts";

const HELP = {
  usage: { en: "see deno task grade --help", zh: "参见 deno task grade --help" },
  text: {
    en: `Usage:
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
  --lang en|zh      the language of summary.md, summary.html and feedback.md (default: from LANG)
  --export LIST     also write platform imports: canvas, moodle, csv (e.g. --export canvas,moodle)
  --only ID,ID      regrade only these students into the earlier class run in --out
  -h, --help        show this help

Example: deno task grade submissions/ --out out/grades --lessons 1,2

See docs/grading.md for the outputs, the statuses and the sandbox.`,
    zh: `用法：
  deno task grade <submissions> [选项]   给全班评分：每位学生一个文件夹、.zip 或 .tar.gz
  deno task grade --single <submission> [选项]   给一份提交评分（Gradescope、Classroom）

选项：
  --out DIR         结果写到哪里（默认：out/grades）
  --hidden DIR      一并运行的教师专用测试（NN_<name>_test.ts 文件）
  --jobs N          同时评分的提交数（默认：CPU 核数）
  --timeout S       每份提交每一课允许的秒数（默认：120）
  --memory MB       每个测试进程的内存（默认：2048）
  --lessons 1,2     只评这些课（默认：全部）
  --sandbox MODE    auto（默认）、bubblewrap（没有它就拒绝评分）或 permissions
  --lang en|zh      summary.md、summary.html 和 feedback.md 的语言（默认取自 LANG）
  --export LIST     另外写出各平台的导入文件：canvas、moodle、csv（例如 --export canvas,moodle）
  --only ID,ID      只给这些学生重新评分，写进 --out 里之前那次全班评分
  -h, --help        显示本帮助

示例：deno task grade submissions/ --out out/grades --lessons 1,2

输出、状态和沙箱的说明见 docs/grading.md。`,
  },
};

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
  export: { type: "string" },
  only: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, HELP);
  const language = chooseLanguage(values.lang);
  const single = values.single ?? false;
  const what = single ? "<submission>" : "<submissions>";
  if (positionals.length !== 1) {
    const count = positionals.length;
    throw new UsageError({
      en: `grade takes one ${what} argument, got ${count}; see deno task grade --help`,
      zh: `grade 需要一个 ${what} 参数，收到的是 ${count} 个；参见 deno task grade --help`,
    });
  }
  const target = fromUserPath(positionals[0]);
  await expectPath(what, target, single ? "any" : "folder");
  const hiddenDir = values.hidden === undefined ? undefined : fromUserPath(values.hidden);
  if (hiddenDir) await expectPath("--hidden", hiddenDir, "folder");
  const out = values.out === undefined
    ? join(COURSE_ROOT, "out", "grades")
    : fromUserPath(values.out);
  if (!single && (out === target || out.startsWith(target + sep))) {
    throw new UsageError({
      en: `--out ${out} must not be inside <submissions> ${target}`,
      zh: `--out ${out} 不能位于 <submissions> ${target} 之内`,
    });
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
    language,
    exports: parseExports(values.export),
    only: parseOnly(values.only, single),
    warn: (message) =>
      console.error(
        speaker(language)({
          en: `warning: ${inLanguage(message, "en")}`,
          zh: `警告：${inLanguage(message, "zh")}`,
        }),
      ),
  };
  return single ? await gradeOne(target, options) : await gradeAll(target, options);
}

async function gradeAll(submissionsDir: string, options: GradeOptions): Promise<number> {
  const language = options.language ?? "en";
  const say = speaker(language);
  const started = performance.now();
  const color = Deno.stdout.isTerminal() && !Deno.env.get("NO_COLOR");
  const { results, sandbox } = await gradeClass(submissionsDir, options, (result, progress) => {
    console.log(progressLine(result, progress, color, language));
  });
  const counts = STATUSES.map((status) => [status, results.filter((r) => r.status === status)])
    .filter(([, students]) => students.length > 0)
    .map(([status, students]) => `${students.length} ${status}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const { jobs } = options;
  const graded = results.length;
  const verb = options.only ? { en: "regraded", zh: "重新评了" } : { en: "graded", zh: "评了" };
  console.log(say({
    en: `${verb.en} ${graded} submissions in ${seconds} s with ${jobs} jobs ` +
      `(sandbox: ${sandbox}): ${counts.join(", ")}`,
    zh: `${verb.zh} ${graded} 份提交，用时 ${seconds} 秒，${jobs} 个并行任务` +
      `（沙箱：${sandbox}）：${counts.join("，")}`,
  }));
  const files = ["gradebook.csv", "summary.md", "summary.html"].map((name) =>
    join(options.out, name)
  );
  console.log(say({ en: `results: ${files.join(", ")}`, zh: `结果：${files.join("、")}` }));
  return 0;
}

async function gradeOne(path: string, options: GradeOptions): Promise<number> {
  const result = await gradeSingle(path, options);
  const { id, status } = result;
  const out = options.out;
  const points = `${formatPoints(result.score)}/${formatPoints(result.maxScore)}`;
  console.log(
    speaker(options.language ?? "en")({
      en: `${id}: ${status}, ${points} points; results in ${out}`,
      zh: `${id}：${status}，${points} 分；结果在 ${out}`,
    }),
  );
  return result.score === result.maxScore ? 0 : 1;
}

async function expectPath(argument: string, path: string, kind: "folder" | "any") {
  const info = await Deno.stat(path).catch(() => undefined);
  if (!info) {
    throw new UsageError({
      en: `${argument} ${path} does not exist`,
      zh: `${argument} ${path} 不存在`,
    });
  }
  if (kind === "folder" && !info.isDirectory) {
    throw new UsageError({
      en: `${argument} ${path} is not a folder`,
      zh: `${argument} ${path} 不是文件夹`,
    });
  }
}

function parseExports(text: string | undefined): ExportFormat[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(",").map((part) => part.trim());
  const unknown = names.find((name) => !EXPORT_FORMATS.some((format) => format === name));
  if (unknown !== undefined) {
    const formats = EXPORT_FORMATS.join(", ");
    throw new UsageError({
      en: `--export must be formats separated by commas, each one of ${formats}; got "${text}"`,
      zh: `--export 必须是用逗号分隔的格式名，每个都是 ${formats} 之一；收到的是 "${text}"`,
    });
  }
  return EXPORT_FORMATS.filter((format) => names.includes(format));
}

function parseOnly(text: string | undefined, single: boolean): string[] | undefined {
  if (text === undefined) return undefined;
  if (single) {
    throw new UsageError({
      en: "--only regrades students of a class; it does not go with --single",
      zh: "--only 是给全班中的部分学生重新评分的，不能与 --single 一起用",
    });
  }
  const ids = text.split(",").map((part) => part.trim());
  if (ids.some((id) => id === "")) {
    throw new UsageError({
      en: `--only must be student ids separated by commas, got "${text}"`,
      zh: `--only 必须是用逗号分隔的学生 id，收到的是 "${text}"`,
    });
  }
  return ids;
}

function parseSandbox(text: string | undefined): SandboxChoice {
  if (text === undefined) return "auto";
  const choice = SANDBOX_CHOICES.find((name) => name === text);
  if (!choice) {
    const choices = SANDBOX_CHOICES.join(", ");
    throw new UsageError({
      en: `--sandbox must be one of ${choices}, got "${text}"`,
      zh: `--sandbox 只能是 ${choices} 之一，收到的是 "${text}"`,
    });
  }
  return choice;
}

if (import.meta.main) await runCommand(() => main(Deno.args));
