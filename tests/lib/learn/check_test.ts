import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { checkReport, compileErrorLines } from "../../../lib/learn/check.ts";
import type { ExerciseStatus } from "../../../lib/learn/exercise_status.ts";
import type { LessonResults } from "../../../lib/learn/lesson_results.ts";
import { progressReport } from "../../../lib/learn/progress_cli.ts";
import { todoLocation } from "../../../lib/learn/todo_location.ts";
import { lessonWithId } from "../../../lib/course/manifest.ts";

const ONE = lessonWithId("01_softmax");
const FOUR = lessonWithId("04_optimizers");
const SOURCE = [
  "import { todo } from 'x';",
  "export function scalePixels(pixels: number[]): number[] {",
  "  return pixels;",
  "}",
  "export function oneHot(labels: number[], classes: number): number[][] {",
  "  // TODO: one row per label.",
  '  return todo("1.2 oneHot", "rows");',
  "}",
].join("\n");
const status = (exercise: string, state: ExerciseStatus["state"], passed = 0): ExerciseStatus => ({
  exercise,
  state,
  passed,
  total: 2,
  ...(state === "done"
    ? {}
    : { firstFailure: { check: "works", message: "AssertionError: expected 1, got 0\n    at f" } }),
});

Deno.test("todoLocation finds the function's line and its TODO, and nothing past the next export", () => {
  assertEquals(todoLocation(SOURCE, "oneHot"), { line: 5, todo: "one row per label." });
  assertEquals(todoLocation(SOURCE, "scalePixels"), { line: 2 });
  assertEquals(todoLocation(SOURCE, "missing"), undefined);
});

Deno.test("checkReport explains the first failure, its TODO and the next commands", () => {
  const results: LessonResults = {
    lesson: ONE,
    statuses: [status("1.1 scalePixels", "done", 2), status("1.2 oneHot", "failing", 1)],
  };
  const text = checkReport(results, SOURCE, FOUR).join("\n");
  assertStringIncludes(text, "✓ 1.1 scalePixels  done (2/2 tests)");
  assertStringIncludes(text, "✗ 1.2 oneHot       failing (1/2 tests)");
  assertStringIncludes(text, "1/2 exercises done.");
  assertStringIncludes(text, "First problem: 1.2 oneHot › works\n  expected 1, got 0\n");
  assert(!text.includes("    at f"), "the stack trace should be left out");
  assertStringIncludes(text, "It concerns exercise 1.2 oneHot (exercises/01_softmax.ts:5).");
  assertStringIncludes(text, "  TODO: one row per label.");
  assertStringIncludes(text, "Next: fix oneHot, save, then run: deno task check 1");
  assertStringIncludes(text, "deno task hint 1.2");
  assertStringIncludes(
    checkReport(results, SOURCE, FOUR, true).join("\n"),
    "Next: fix oneHot, save, and watch checks again",
  );
});

Deno.test("checkReport sends a learner who finished a lesson to the next one", () => {
  const results = { lesson: ONE, statuses: [status("1.1 scalePixels", "done", 2)] };
  assertStringIncludes(
    checkReport(results, SOURCE, FOUR).join("\n"),
    "Next: deno task lesson 4, then deno task check 4",
  );
  assertStringIncludes(
    checkReport(results, SOURCE, FOUR).join("\n"),
    "deno task lesson 1 --mine runs the lesson with it",
  );
  assertStringIncludes(checkReport(results, SOURCE).join("\n"), "finished the course's exercises");
});

Deno.test("compileErrorLines keeps the diagnostic and drops progress, colours and backtrace", () => {
  const output = [
    "Check tests/01_softmax_test.ts",
    "\u001b[1mTS2365 [ERROR]\u001b[0m: Operator '+' cannot be applied.",
    "error: Type checking failed.",
    "  info: The program failed type-checking.",
    "Stack backtrace:",
  ].join("\n");
  assertEquals(compileErrorLines(output), [
    "TS2365 [ERROR]: Operator '+' cannot be applied.",
    "error: Type checking failed.",
  ]);
});

Deno.test("progressReport counts every lesson's exercises into one bar", () => {
  const lines = progressReport([
    {
      lesson: ONE,
      statuses: [status("1.1 scalePixels", "done", 2), status("1.2 oneHot", "failing")],
    },
    { lesson: FOUR, statuses: [status("4.1 sgdStep", "not started")] },
  ]);
  assertStringIncludes(lines.join("\n"), "Lesson 1  01_softmax: 1/2 done");
  assertStringIncludes(lines.join("\n"), "· 4.1 sgdStep  not started");
  assertEquals(lines.at(-1), `[${"#".repeat(10)}${"-".repeat(20)}] 1/3 exercises done (33%)`);
});

Deno.test("progressReport lists the exercises of a lesson whose tests cannot run", () => {
  const lines = progressReport([{ lesson: FOUR, statuses: [], error: "TS2304 [ERROR]" }]);
  assertEquals(lines.slice(0, 3), [
    "Lesson 4  04_optimizers: its tests cannot run (deno task check 4 says why)",
    "  ? 4.1 sgdStep",
    "  ? 4.2 momentumStep",
  ]);
  assertEquals(lines.at(-1), `[${"-".repeat(30)}] 0/5 exercises done (0%)`);
});
