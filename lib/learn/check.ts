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
import { parseCommandLine, parseCount } from "../cli/args.ts";
import { type LessonEntry, lessonFiles, lessonsWithExercises } from "../course/manifest.ts";
import { lessonToCheck } from "./course_lessons.ts";
import { explainFailure } from "../exercise/explain_failure.ts";
import { type LessonResults, lessonResults } from "./lesson_results.ts";
import { todoLocation } from "./todo_location.ts";

/** How each state is marked in lists. */
export const MARKS = { done: "✓", failing: "✗", "not started": "·" } as const;

/**
 * Reads `[N]` from a learner command's arguments: the lesson number, or `undefined` for "the
 * first lesson with unfinished work". Anything else is a {@linkcode UsageError}.
 *
 * @example
 * ```ts
 * lessonArgument("check", ["1"]); // the lesson numbered 1
 * lessonArgument("check", []); // undefined
 * ```
 */
export function lessonArgument(command: string, argv: string[]): LessonEntry | undefined {
  const { positionals } = parseCommandLine(argv, {}, `usage: deno task ${command} [N]`);
  if (positionals.length > 1) {
    throw new UsageError(
      `${command} takes at most one lesson number, got ${positionals.join(" ")}`,
    );
  }
  const number = parseCount("the lesson number", positionals[0]);
  return number === undefined ? undefined : lessonToCheck(number);
}

/**
 * Checks `lesson` (or the first lesson with unfinished work), prints the report and returns the
 * exit code: 0 only when every exercise of the lesson checked passes.
 *
 * @example
 * ```ts
 * Deno.exit(await runCheck(lessonArgument("check", Deno.args)));
 * await runCheck(lesson, { signal, watching: true }); // as `watch` runs it
 * ```
 */
export async function runCheck(
  lesson?: LessonEntry,
  options: { signal?: AbortSignal; watching?: boolean } = {},
): Promise<number> {
  const lessons = lessonsWithExercises();
  for (const candidate of lesson ? [lesson] : lessons) {
    const results = await lessonResults(candidate, { signal: options.signal });
    const finished = !results.error && results.statuses.every((s) => s.state === "done");
    if (!lesson && finished && candidate.number !== lessons.at(-1)!.number) {
      console.log(`Lesson ${candidate.number}: all ${results.statuses.length} exercises done.`);
      continue;
    }
    const next = lessons.find((later) => later.number > candidate.number);
    const source = await Deno.readTextFile(join(COURSE_ROOT, lessonFiles(candidate).exercise))
      .catch(() => "");
    console.log(checkReport(results, source, next, options.watching).join("\n"));
    return finished ? 0 : 1;
  }
  return 0;
}

/**
 * The report's lines for one lesson's results. `source` is the learner's exercise file (to
 * point at the TODO), `next` the lesson after this one, if any; `watching` when `watch` runs
 * the check, so saving is all it takes to check again.
 */
export function checkReport(
  results: LessonResults,
  source: string,
  next?: LessonEntry,
  watching = false,
): string[] {
  const { lesson, statuses } = results;
  const file = lessonFiles(lesson).exercise;
  const then = watching
    ? "save, and watch checks again"
    : `save, then run: deno task check ${lesson.number}`;
  const lines = [`Lesson ${lesson.number}: ${file}`];
  if (results.error !== undefined) {
    lines.push(
      `  ${file} (or a file it imports) does not compile, so no test could run:`,
      "",
      ...compileErrorLines(results.error).map((line) => `    ${line}`),
      "",
      `Next: fix the error above, ${then}`,
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
  const todo = statuses.find((s) => s.state !== "done");
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

/**
 * The part of a failed test run's output a learner needs: the compiler's diagnostics, without
 * colours, progress lines or the runner's own hints and backtrace, with paths relative to the
 * course.
 *
 * @example
 * ```ts
 * compileErrorLines("Check tests/x.ts\nTS2365 [ERROR]: ...\nerror: Type checking failed.\n...");
 * // ["TS2365 [ERROR]: ...", "error: Type checking failed."]
 * ```
 */
export function compileErrorLines(output: string): string[] {
  const root = pathToFileURL(COURSE_ROOT).href + "/";
  const kept: string[] = [];
  for (const line of plainExcerpt(output, 40, 4000).split("\n")) {
    if (/^(Check|Download) /.test(line)) continue;
    kept.push(line.replaceAll(root, "").trimEnd());
    if (line.startsWith("error:")) break;
  }
  return kept;
}
