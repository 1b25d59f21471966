/**
 * The check behind `deno task check [N]` and `deno task watch [N]`: runs lesson N's exercise
 * tests against `exercises/` (by default the first lesson with unfinished work), shows each
 * exercise as done, failing or not started, explains the first failure and the TODO it
 * concerns, and gives the exact next command.
 *
 * @module
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { COURSE_ROOT } from "../cli/course_root.ts";
import { plainExcerpt } from "../cli/text.ts";
import { UsageError } from "../cli/errors.ts";
import { type CommandHelp, parseCommandLine } from "../cli/args.ts";
import { type Bilingual, chooseLanguage, type Language, speaker } from "../cli/language.ts";
import {
  type ExerciseEntry,
  exerciseLabel,
  type LessonEntry,
  lessonFiles,
  lessonsWithExercises,
} from "../course/manifest.ts";
import { lessonToCheck, noSuchExercise } from "./course_lessons.ts";
import { explainFailure } from "../exercise/explain_failure.ts";
import { type LessonResults, lessonResults } from "./lesson_results.ts";
import { todoLocation } from "./todo_location.ts";
import { checkTranslations } from "./check_translations.ts";

/** How each state is marked in lists. */
export const MARKS = { done: "✓", failing: "✗", "not started": "·" } as const;

/** How each state is named to the learner. */
export const STATE_NAMES: Record<keyof typeof MARKS, Bilingual> = {
  done: { en: "done", zh: "已完成" },
  failing: { en: "failing", zh: "未通过" },
  "not started": { en: "not started", zh: "未开始" },
};

/** What a check looks at: a lesson, and optionally one of its exercises to focus on. */
export interface CheckTarget {
  /** The lesson whose tests run. */
  lesson: LessonEntry;
  /** The exercise to explain (`deno task check 1.3`), if one was named. */
  exercise?: ExerciseEntry;
}

/** How a check reports. */
export interface CheckOptions {
  /** The language of the report (default English). */
  language?: Language;
  /** `watch` runs the check: saving is all it takes to check again. */
  watching?: boolean;
  /** Aborting it stops the tests (watch, on Ctrl-C). */
  signal?: AbortSignal;
  /** The lesson's checks in Chinese, by English check (see `check_translations.ts`). */
  translations?: Record<string, string>;
}

/**
 * The `--help` of `deno task check` and `deno task watch`.
 *
 * @example
 * ```ts
 * checkHelp("check").usage; // "usage: deno task check [N | N.M]"
 * ```
 */
export function checkHelp(command: "check" | "watch"): CommandHelp {
  const usage = `usage: deno task ${command} [N | N.M]`;
  const what = command === "check"
    ? {
      en: "Runs the exercise tests against exercises/ and says what to do next.",
      zh: "用 exercises/ 里的代码运行练习测试，并告诉你下一步做什么。",
    }
    : {
      en: "Checks like deno task check, then again every time a file in exercises/ is saved.",
      zh: "像 deno task check 一样检查，之后 exercises/ 里的文件每保存一次就再检查一次。",
    };
  return {
    usage,
    text: {
      en: [
        usage,
        "",
        what.en,
        "",
        "  N         a lesson number: check its exercises",
        "  N.M       one exercise: check its lesson, explain that exercise",
        "  (none)    the first lesson with unfinished exercises",
        "  --lang en|zh  the report's language (default: from LANG)",
        "  -h, --help  show this help",
        "",
        `Example: deno task ${command} 1   (or deno task ${command} 1.3)`,
      ].join("\n"),
      zh: [
        `用法：deno task ${command} [N | N.M]`,
        "",
        what.zh,
        "",
        "  N         课号：检查这一课的练习",
        "  N.M       一个练习：检查它所在的课，并解释这个练习",
        "  （不写）  第一个还有未完成练习的课",
        "  --lang en|zh  报告的语言（默认取自 LANG）",
        "  -h, --help  显示本帮助",
        "",
        `示例：deno task ${command} 1   （或 deno task ${command} 1.3）`,
      ].join("\n"),
    },
  };
}

/**
 * Reads `[N | N.M] [--lang en|zh]` from a learner command's arguments: the lesson (and
 * exercise) to check, none for "the first lesson with unfinished work", and the report's
 * language (`env` stands in for the environment in tests). Anything else is a
 * {@linkcode UsageError}.
 *
 * @example
 * ```ts
 * checkTarget("check", ["1"]); // { target: { lesson: lesson 1 }, language: "en" }
 * checkTarget("check", ["1.3", "--lang", "zh"]); // { target: { lesson, exercise: 1.3 }, language: "zh" }
 * checkTarget("check", []); // { language: "en" }: the first lesson with unfinished work
 * ```
 */
export function checkTarget(
  command: "check" | "watch",
  argv: string[],
  env?: Record<string, string | undefined>,
): { target?: CheckTarget; language: Language } {
  const { values, positionals } = parseCommandLine(
    argv,
    { lang: { type: "string" } },
    checkHelp(command),
  );
  const language = chooseLanguage(values.lang, env);
  if (positionals.length > 1) {
    const got = positionals.join(" ");
    throw new UsageError({
      en: `${command} takes at most one lesson or exercise number, got ${got}`,
      zh: `${command} 最多接受一个课号或练习编号，收到的是 ${got}`,
    });
  }
  const [given] = positionals;
  if (given === undefined) return { language };
  const exercise = /^(\d+)\.(\d+)$/.exec(given);
  if (!exercise) {
    if (!/^\d+$/.test(given)) {
      throw new UsageError({
        en: `"${given}" is not a lesson or exercise number; give N (e.g. 1) or N.M (e.g. 1.3)`,
        zh: `"${given}" 不是课号或练习编号；请写 N（例如 1）或 N.M（例如 1.3）`,
      });
    }
    return { target: { lesson: lessonToCheck(Number(given)) }, language };
  }
  const lesson = lessonToCheck(Number(exercise[1]));
  const id = `${Number(exercise[1])}.${Number(exercise[2])}`;
  const entry = lesson.exercises.find((candidate) => candidate.id === id);
  if (!entry) {
    const ids = lesson.exercises.map((candidate) => candidate.id).join(", ");
    throw new UsageError(noSuchExercise(lesson.number, id, ids));
  }
  return { target: { lesson, exercise: entry }, language };
}

/**
 * Checks `target` (or the first lesson with unfinished work), prints the report and returns the
 * exit code: 0 only when every exercise checked (or the one exercise named) passes.
 *
 * @example
 * ```ts
 * const { target, language } = checkTarget("check", Deno.args);
 * Deno.exit(await runCheck(target, { language }));
 * await runCheck(target, { language, signal, watching: true }); // as `watch` runs it
 * ```
 */
export async function runCheck(
  target: CheckTarget | undefined,
  options: CheckOptions = {},
): Promise<number> {
  const say = speaker(options.language ?? "en");
  const lessons = lessonsWithExercises();
  for (const candidate of target ? [target.lesson] : lessons) {
    const results = await lessonResults(candidate, { signal: options.signal });
    const finished = !results.error && results.statuses.every((s) => s.state === "done");
    if (!target && finished && candidate.number !== lessons.at(-1)!.number) {
      const count = results.statuses.length;
      console.log(say({
        en: `Lesson ${candidate.number}: all ${count} exercises done.`,
        zh: `第 ${candidate.number} 课：${count} 个练习全部完成。`,
      }));
      continue;
    }
    const next = lessons.find((later) => later.number > candidate.number);
    const source = await Deno.readTextFile(join(COURSE_ROOT, lessonFiles(candidate).exercise))
      .catch(() => "");
    const translations = options.language === "zh" ? await checkTranslations(candidate) : {};
    console.log(
      checkReport(results, source, next, { ...options, focus: target?.exercise, translations })
        .join("\n"),
    );
    if (target?.exercise) {
      const label = exerciseLabel(target.exercise);
      return results.statuses.find((s) => s.exercise === label)?.state === "done" ? 0 : 1;
    }
    return finished ? 0 : 1;
  }
  return 0;
}

/**
 * The report's lines for one lesson's results. `source` is the learner's exercise file (to
 * point at the TODO), `next` the lesson after this one, if any; `watching` when `watch` runs
 * the check, so saving is all it takes to check again. The exercise explained is `focus` when
 * given, otherwise the first failing one, otherwise the first not started.
 */
export function checkReport(
  results: LessonResults,
  source: string,
  next?: LessonEntry,
  options: CheckOptions & { focus?: ExerciseEntry } = {},
): string[] {
  const { lesson, statuses } = results;
  const { focus, watching } = options;
  const say = speaker(options.language ?? "en");
  const file = lessonFiles(lesson).exercise;
  const command = `deno task check ${focus?.id ?? lesson.number}`;
  const then = watching
    ? say({ en: "save, and watch checks again", zh: "保存后 watch 会自动重新检查" })
    : say({ en: `save, then run: ${command}`, zh: `保存后运行：${command}` });
  const lines = [
    say({ en: `Lesson ${lesson.number}: ${file}`, zh: `第 ${lesson.number} 课：${file}` }),
  ];
  if (results.error !== undefined) {
    lines.push(
      say({
        en: `  ${file} (or a file it imports) does not compile, so no test could run:`,
        zh: `  ${file}（或它导入的文件）无法编译，所以一个测试也没能运行：`,
      }),
      "",
      ...compileErrorLines(results.error, COURSE_ROOT, options.language).map((line) =>
        line ? `    ${line}` : ""
      ),
      "",
      say({
        en: `Next: fix what is shown above, ${then}`,
        zh: `下一步：改正上面列出的错误，${then}`,
      }),
    );
    return lines;
  }
  const width = Math.max(...statuses.map((s) => s.exercise.length));
  for (const status of statuses) {
    const counts = status.state === "not started" ? "" : say({
      en: ` (${status.passed}/${status.total} tests)`,
      zh: `（通过 ${status.passed}/${status.total} 个测试）`,
    });
    lines.push(
      `  ${MARKS[status.state]} ${status.exercise.padEnd(width)}  ${
        say(STATE_NAMES[status.state])
      }${counts}`,
    );
  }
  const done = statuses.filter((s) => s.state === "done").length;
  lines.push(
    "",
    say({
      en: `${done}/${statuses.length} exercises done.`,
      zh: `已完成 ${done}/${statuses.length} 个练习。`,
    }),
    "",
  );
  const focused = focus && statuses.find((s) => s.exercise === exerciseLabel(focus));
  if (focused?.state === "done") {
    const rest = statuses.find((s) => s.state !== "done");
    lines.push(say({
      en: `${focused.exercise} passes all ${focused.total} of its tests.`,
      zh: `${focused.exercise} 的 ${focused.total} 个测试全部通过。`,
    }));
    if (rest) {
      const nextCommand = `deno task check ${rest.exercise.split(" ")[0]}`;
      lines.push(say({ en: `Next: ${nextCommand}`, zh: `下一步：${nextCommand}` }));
      return lines;
    }
  }
  const todo = focused?.state === "done" ? undefined : focused ??
    statuses.find((s) => s.state === "failing") ??
    statuses.find((s) => s.state !== "done");
  if (!todo) {
    const mine = `deno task lesson ${lesson.number} --mine`;
    lines.push(
      say({
        en: `All of lesson ${lesson.number}'s exercises pass. Well done!`,
        zh: `第 ${lesson.number} 课的练习全部通过，做得好！`,
      }),
      say({
        en: `See your code train: ${mine} runs the lesson with it.`,
        zh: `看看你的代码训练模型：${mine} 会用你的代码运行这一课。`,
      }),
      next
        ? say({
          en: `Next: deno task lesson ${next.number}, then deno task check ${next.number}`,
          zh: `下一步：deno task lesson ${next.number}，然后 deno task check ${next.number}`,
        })
        : say({
          en: "That was the last lesson with exercises: you have finished the course's exercises.",
          zh: "这是最后一课练习：课程的练习你已经全部完成了。",
        }),
    );
    return lines;
  }
  const [id, name] = todo.exercise.split(" ");
  const where = todoLocation(source, name);
  const at = where ? `${file}:${where.line}` : file;
  if (todo.state === "failing") {
    const check = todo.firstFailure!.check;
    const checkZh = options.translations?.[check] ?? check;
    lines.push(say({
      en: `First problem: ${todo.exercise} › ${check}`,
      zh: `第一个问题：${todo.exercise} › ${checkZh}`,
    }));
    lines.push(
      ...explainFailure(todo.firstFailure!.message, options.language).split("\n").map((l) =>
        `  ${l}`
      ),
    );
    lines.push(
      "",
      say({
        en: `It concerns exercise ${todo.exercise} (${at}).`,
        zh: `问题出在练习 ${todo.exercise}（${at}）。`,
      }),
    );
  } else {
    lines.push(say({
      en: `Next exercise: ${todo.exercise} (${at}).`,
      zh: `下一个练习：${todo.exercise}（${at}）。`,
    }));
  }
  if (where?.todo) {
    lines.push(say({ en: `  TODO: ${where.todo}`, zh: `  待办：${where.zh ?? where.todo}` }));
  }
  lines.push(
    todo.state === "failing"
      ? say({ en: `Next: fix ${name}, ${then}`, zh: `下一步：改正 ${name}，${then}` })
      : say({
        en: `Next: replace its todo(...) call with your code, ${then}`,
        zh: `下一步：把其中的 todo(...) 调用换成你的代码，${then}`,
      }),
    say({
      en: `Stuck? deno task hint ${id} shows a hint, one at a time.`,
      zh: `卡住了？deno task hint ${id} 每次给出一条提示。`,
    }),
  );
  return lines;
}

/** How many compiler diagnostics the check shows; it counts the rest. */
export const SHOWN_DIAGNOSTICS = 5;

/**
 * The part of a failed test run's output a learner needs: every compiler diagnostic (up to
 * {@linkcode SHOWN_DIAGNOSTICS}, then a count of the rest) with its code frame and its
 * `file:line:column`, relative to the course, without colours, progress lines, the runner's
 * hints or its backtrace; the count of the rest in `language` (default English).
 *
 * @example
 * ```ts
 * compileErrorLines("Check tests/x.ts\nTS2322 [ERROR]: ...\n    at file:///course/exercises/x.ts:3:1");
 * // ["exercises/x.ts:3:1", "TS2322 [ERROR]: ..."]
 * ```
 */
export function compileErrorLines(
  output: string,
  root = COURSE_ROOT,
  language: Language = "en",
): string[] {
  const prefix = pathToFileURL(root).href + "/";
  const diagnostics: string[][] = [];
  let summary: string | undefined;
  for (const raw of plainExcerpt(output, 1000, 100_000).split("\n")) {
    const line = raw.replaceAll(prefix, "").trimEnd();
    if (line.startsWith("Stack backtrace:")) break;
    if (/^(Check|Download) /.test(line) || /^\s*(info|hint):/.test(line)) continue;
    if (/^Found \d+ errors?\.$/.test(line)) summary = line;
    else if (line === "error: Type checking failed.") continue;
    else if (/^(TS\d+ \[ERROR\]|error:)/.test(line)) diagnostics.push([line]);
    else if (diagnostics.length > 0) diagnostics.at(-1)!.push(line);
  }
  const shown = diagnostics.slice(0, SHOWN_DIAGNOSTICS).flatMap((diagnostic) => {
    const lines = diagnostic.filter((line, i) => i === 0 || line.trim() !== "");
    const at = lines.findLastIndex((line) => /^\s+at \S+:\d+:\d+$/.test(line));
    if (at < 0) return [...lines, ""];
    const where = lines[at].trim().slice("at ".length);
    return [where, ...lines.filter((_, i) => i !== at), ""];
  });
  const hidden = diagnostics.length - SHOWN_DIAGNOSTICS;
  if (hidden > 0) {
    shown.push(
      speaker(language)({
        en: `... and ${hidden} more error${hidden === 1 ? "" : "s"} (fix these first).`,
        zh: `……还有 ${hidden} 个错误（先改正上面这些）。`,
      }),
      "",
    );
  }
  if (summary && diagnostics.length > 1) shown.push(summary);
  while (shown.at(-1) === "") shown.pop();
  return shown.length > 0 ? shown : [plainExcerpt(output, 15, 2000)];
}
