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
import {
  type ExerciseEntry,
  exerciseLabel,
  type LessonEntry,
  lessonFiles,
  lessonsWithExercises,
} from "../course/manifest.ts";
import { lessonToCheck } from "./course_lessons.ts";
import { explainFailure } from "../exercise/explain_failure.ts";
import { type LessonResults, lessonResults } from "./lesson_results.ts";
import { todoLocation } from "./todo_location.ts";

/** How each state is marked in lists. */
export const MARKS = { done: "✓", failing: "✗", "not started": "·" } as const;

/** What a check looks at: a lesson, and optionally one of its exercises to focus on. */
export interface CheckTarget {
  /** The lesson whose tests run. */
  lesson: LessonEntry;
  /** The exercise to explain (`deno task check 1.3`), if one was named. */
  exercise?: ExerciseEntry;
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
    ? "Runs the exercise tests against exercises/ and says what to do next."
    : "Checks like deno task check, then again every time a file in exercises/ is saved.";
  return {
    usage,
    text: [
      usage,
      "",
      what,
      "",
      "  N         a lesson number: check its exercises",
      "  N.M       one exercise: check its lesson, explain that exercise",
      "  (none)    the first lesson with unfinished exercises",
      "  -h, --help  show this help",
      "",
      `Example: deno task ${command} 1   (or deno task ${command} 1.3)`,
    ].join("\n"),
  };
}

/**
 * Reads `[N | N.M]` from a learner command's arguments: the lesson (and exercise) to check, or
 * `undefined` for "the first lesson with unfinished work". Anything else is a
 * {@linkcode UsageError}.
 *
 * @example
 * ```ts
 * checkTarget("check", ["1"]); // { lesson: the lesson numbered 1 }
 * checkTarget("check", ["1.3"]); // { lesson: ..., exercise: 1.3 softmax }
 * checkTarget("check", []); // undefined
 * ```
 */
export function checkTarget(command: "check" | "watch", argv: string[]): CheckTarget | undefined {
  const { positionals } = parseCommandLine(argv, {}, checkHelp(command));
  if (positionals.length > 1) {
    throw new UsageError(
      `${command} takes at most one lesson or exercise number, got ${positionals.join(" ")}`,
    );
  }
  const [given] = positionals;
  if (given === undefined) return undefined;
  const exercise = /^(\d+)\.(\d+)$/.exec(given);
  if (!exercise) {
    if (!/^\d+$/.test(given)) {
      throw new UsageError(
        `"${given}" is not a lesson or exercise number; give N (e.g. 1) or N.M (e.g. 1.3)`,
      );
    }
    return { lesson: lessonToCheck(Number(given)) };
  }
  const lesson = lessonToCheck(Number(exercise[1]));
  const id = `${Number(exercise[1])}.${Number(exercise[2])}`;
  const entry = lesson.exercises.find((candidate) => candidate.id === id);
  if (!entry) {
    const ids = lesson.exercises.map((candidate) => candidate.id).join(", ");
    throw new UsageError(`lesson ${lesson.number} has no exercise ${id}; its exercises are ${ids}`);
  }
  return { lesson, exercise: entry };
}

/**
 * Checks `target` (or the first lesson with unfinished work), prints the report and returns the
 * exit code: 0 only when every exercise checked (or the one exercise named) passes.
 *
 * @example
 * ```ts
 * Deno.exit(await runCheck(checkTarget("check", Deno.args)));
 * await runCheck(target, { signal, watching: true }); // as `watch` runs it
 * ```
 */
export async function runCheck(
  target?: CheckTarget,
  options: { signal?: AbortSignal; watching?: boolean } = {},
): Promise<number> {
  const lessons = lessonsWithExercises();
  for (const candidate of target ? [target.lesson] : lessons) {
    const results = await lessonResults(candidate, { signal: options.signal });
    const finished = !results.error && results.statuses.every((s) => s.state === "done");
    if (!target && finished && candidate.number !== lessons.at(-1)!.number) {
      console.log(`Lesson ${candidate.number}: all ${results.statuses.length} exercises done.`);
      continue;
    }
    const next = lessons.find((later) => later.number > candidate.number);
    const source = await Deno.readTextFile(join(COURSE_ROOT, lessonFiles(candidate).exercise))
      .catch(() => "");
    console.log(
      checkReport(results, source, next, options.watching, target?.exercise).join("\n"),
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
  watching = false,
  focus?: ExerciseEntry,
): string[] {
  const { lesson, statuses } = results;
  const file = lessonFiles(lesson).exercise;
  const then = watching
    ? "save, and watch checks again"
    : `save, then run: deno task check ${focus?.id ?? lesson.number}`;
  const lines = [`Lesson ${lesson.number}: ${file}`];
  if (results.error !== undefined) {
    lines.push(
      `  ${file} (or a file it imports) does not compile, so no test could run:`,
      "",
      ...compileErrorLines(results.error).map((line) => line ? `    ${line}` : ""),
      "",
      `Next: fix what is shown above, ${then}`,
    );
    return lines;
  }
  const width = Math.max(...statuses.map((s) => s.exercise.length));
  for (const status of statuses) {
    const counts = status.state === "not started"
      ? ""
      : ` (${status.passed}/${status.total} tests)`;
    lines.push(
      `  ${MARKS[status.state]} ${status.exercise.padEnd(width)}  ${status.state}${counts}`,
    );
  }
  const done = statuses.filter((s) => s.state === "done").length;
  lines.push("", `${done}/${statuses.length} exercises done.`, "");
  const focused = focus && statuses.find((s) => s.exercise === exerciseLabel(focus));
  if (focused?.state === "done") {
    const rest = statuses.find((s) => s.state !== "done");
    lines.push(`${focused.exercise} passes all ${focused.total} of its tests.`);
    if (rest) {
      lines.push(`Next: deno task check ${rest.exercise.split(" ")[0]}`);
      return lines;
    }
  }
  const todo = focused?.state === "done" ? undefined : focused ??
    statuses.find((s) => s.state === "failing") ??
    statuses.find((s) => s.state !== "done");
  if (!todo) {
    lines.push(`All of lesson ${lesson.number}'s exercises pass. Well done!`);
    lines.push(
      `See your code train: deno task lesson ${lesson.number} --mine runs the lesson with it.`,
    );
    lines.push(
      next
        ? `Next: deno task lesson ${next.number}, then deno task check ${next.number}`
        : "That was the last lesson with exercises: you have finished the course's exercises.",
    );
    return lines;
  }
  const [id, name] = todo.exercise.split(" ");
  const where = todoLocation(source, name);
  const at = where ? `${file}:${where.line}` : file;
  if (todo.state === "failing") {
    lines.push(`First problem: ${todo.exercise} › ${todo.firstFailure!.check}`);
    lines.push(...explainFailure(todo.firstFailure!.message).split("\n").map((l) => `  ${l}`));
    lines.push("", `It concerns exercise ${todo.exercise} (${at}).`);
  } else {
    lines.push(`Next exercise: ${todo.exercise} (${at}).`);
  }
  if (where?.todo) lines.push(`  TODO: ${where.todo}`);
  lines.push(
    todo.state === "failing"
      ? `Next: fix ${name}, ${then}`
      : `Next: replace its todo(...) call with your code, ${then}`,
    `Stuck? deno task hint ${id} shows a hint, one at a time.`,
  );
  return lines;
}

/** How many compiler diagnostics the check shows; it counts the rest. */
export const SHOWN_DIAGNOSTICS = 5;

/**
 * The part of a failed test run's output a learner needs: every compiler diagnostic (up to
 * {@linkcode SHOWN_DIAGNOSTICS}, then a count of the rest) with its code frame and its
 * `file:line:column`, relative to the course, without colours, progress lines, the runner's
 * hints or its backtrace.
 *
 * @example
 * ```ts
 * compileErrorLines("Check tests/x.ts\nTS2322 [ERROR]: ...\n    at file:///course/exercises/x.ts:3:1");
 * // ["exercises/x.ts:3:1", "TS2322 [ERROR]: ..."]
 * ```
 */
export function compileErrorLines(output: string, root = COURSE_ROOT): string[] {
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
    shown.push(`... and ${hidden} more error${hidden === 1 ? "" : "s"} (fix these first).`, "");
  }
  if (summary && diagnostics.length > 1) shown.push(summary);
  while (shown.at(-1) === "") shown.pop();
  return shown.length > 0 ? shown : [plainExcerpt(output, 15, 2000)];
}
