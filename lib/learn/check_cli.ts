/**
 * `deno task check [N]`: the learner's loop. Runs lesson N's exercise tests against
 * `exercises/` (by default the first lesson with unfinished work), shows each exercise as
 * done, failing or not started, explains the first failure, and says what to do next.
 * Exit code 0 only when every exercise of the lesson passes.
 *
 * @module
 */
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { COURSE_ROOT } from "../exercise/import_map.ts";
import { exerciseTestFiles, runExerciseTests } from "../exercise/run_tests.ts";
import { parseCount } from "../lesson/options.ts";
import { runCommand, UsageError } from "../lesson/errors.ts";
import { type ExerciseStatus, exerciseStatuses, explainFailure } from "./exercise_status.ts";

const MARKS = { done: "✓", failing: "✗", "not started": "·" } as const;

async function checkLesson(testFile: string): Promise<ExerciseStatus[]> {
  return exerciseStatuses(
    await runExerciseTests({ exercisesDir: join(COURSE_ROOT, "exercises"), testFiles: [testFile] }),
  );
}

function report(lesson: number, exerciseFile: string, statuses: ExerciseStatus[]): boolean {
  console.log(`Lesson ${lesson}: ${exerciseFile}`);
  const width = Math.max(...statuses.map((s) => s.exercise.length));
  for (const status of statuses) {
    const counts = status.state === "not started"
      ? ""
      : ` (${status.passed}/${status.total} tests)`;
    console.log(
      `  ${MARKS[status.state]} ${status.exercise.padEnd(width)}  ${status.state}${counts}`,
    );
  }
  const done = statuses.filter((s) => s.state === "done").length;
  console.log(`\n${done}/${statuses.length} exercises done.`);
  const next = statuses.find((s) => s.state !== "done");
  if (!next) {
    console.log(`\nAll of lesson ${lesson}'s exercises pass. Well done!`);
    console.log(`Next: deno task lesson ${lesson + 1}, then deno task check ${lesson + 1}`);
    return true;
  }
  const fn = next.exercise.split(" ")[1];
  if (next.state === "failing") {
    console.log(`\nFirst problem: ${next.exercise} › ${next.firstFailure!.check}`);
    console.log(explainFailure(next.firstFailure!.message).replace(/^/gm, "  "));
    console.log(`\nNext: fix ${fn} in ${exerciseFile}, then run: deno task check ${lesson}`);
  } else {
    console.log(`\nNext: exercise ${next.exercise}. Write ${fn} in ${exerciseFile}`);
    console.log(`(replace its todo(...) call), then run: deno task check ${lesson}`);
  }
  return false;
}

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length > 1) {
    throw new UsageError(`check takes at most one lesson number, got ${positionals.join(" ")}`);
  }
  const files = await exerciseTestFiles();
  const lessonOf = (file: string) => Number(basename(file).slice(0, 2));
  const requested = parseCount("lesson number", positionals[0]);
  if (requested !== undefined && !files.some((file) => lessonOf(file) === requested)) {
    throw new UsageError(
      `lesson ${requested} has no exercises; lessons with exercises: ${
        files.map(lessonOf).join(", ")
      }`,
    );
  }
  for (const file of files) {
    const lesson = lessonOf(file);
    if (requested !== undefined && lesson !== requested) continue;
    const statuses = await checkLesson(file);
    const finished = statuses.every((s) => s.state === "done");
    if (requested === undefined && finished && file !== files.at(-1)) continue;
    const exerciseFile = `exercises/${basename(file).replace("_test.ts", ".ts")}`;
    return report(lesson, exerciseFile, statuses) ? 0 : 1;
  }
  return 0;
}

if (import.meta.main) await runCommand(() => main(Deno.args));
