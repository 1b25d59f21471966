import { assert, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import {
  checkReport,
  checkTarget,
  compileErrorLines,
  SHOWN_DIAGNOSTICS,
} from "../../../lib/learn/check.ts";
import { HelpRequested, UsageError } from "../../../lib/cli/errors.ts";
import { explainFailure } from "../../../lib/exercise/explain_failure.ts";
import { inBothLanguages } from "../../../lib/cli/two_languages.ts";
import type { ExerciseStatus } from "../../../lib/learn/exercise_status.ts";
import type { LessonResults } from "../../../lib/learn/lesson_results.ts";
import { progressReport } from "../../../lib/learn/progress_cli.ts";
import { todoLocation } from "../../../lib/learn/todo_location.ts";
import { join } from "node:path";
import { COURSE_ROOT } from "../../../lib/cli/course_root.ts";
import { lessonFiles, lessonsWithExercises, lessonWithId } from "../../../lib/course/manifest.ts";

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
    checkReport(results, SOURCE, FOUR, { watching: true }).join("\n"),
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

Deno.test("compileErrorLines shows every type error with its file:line:column and code frame", () => {
  const root = "/course";
  const output = [
    "\u001b[32mCheck\u001b[0m tests/01_softmax_test.ts",
    "\u001b[1mTS2322 [ERROR]\u001b[0m: Type 'string[]' is not assignable to type 'number[]'.",
    '  return pixels.map((p) => p + "x");',
    "  ~~~~~~",
    "    at file:///course/exercises/01_softmax.ts:24:3",
    "",
    "TS2322 [ERROR]: Type 'number' is not assignable to type 'number[]'.",
    "  return logits.length;",
    "  ~~~~~~",
    "    at file:///course/exercises/01_softmax.ts:53:3",
    "",
    "Found 2 errors.",
    "",
    "error: Type checking failed.",
    "  info: The program failed type-checking, but it still might work correctly.",
    "  hint: Re-run with --no-check to skip type-checking.",
    "Stack backtrace:",
    "   0: <unknown>",
  ].join("\n");
  assertEquals(compileErrorLines(output, root), [
    "exercises/01_softmax.ts:24:3",
    "TS2322 [ERROR]: Type 'string[]' is not assignable to type 'number[]'.",
    '  return pixels.map((p) => p + "x");',
    "  ~~~~~~",
    "",
    "exercises/01_softmax.ts:53:3",
    "TS2322 [ERROR]: Type 'number' is not assignable to type 'number[]'.",
    "  return logits.length;",
    "  ~~~~~~",
    "",
    "Found 2 errors.",
  ]);
});

Deno.test("compileErrorLines shows a syntax error's place and caret", () => {
  const output = [
    "error: SyntaxError: Expected ',', got ';'",
    "   |",
    "24 |   return pixels.map((p) => p / 255;",
    "   |                                   ~",
    "    at file:///course/exercises/01_softmax.ts:24:35",
    "",
    "Stack backtrace:",
  ].join("\n");
  assertEquals(compileErrorLines(output, "/course"), [
    "exercises/01_softmax.ts:24:35",
    "error: SyntaxError: Expected ',', got ';'",
    "   |",
    "24 |   return pixels.map((p) => p / 255;",
    "   |                                   ~",
  ]);
});

Deno.test("compileErrorLines shows the first few errors and counts the rest", () => {
  const one = (line: number) => [
    `TS2304 [ERROR]: Cannot find name 'x${line}'.`,
    `    at file:///course/exercises/01_softmax.ts:${line}:1`,
    "",
  ];
  const output = [...Array.from({ length: 8 }, (_, i) => one(i + 1)).flat(), "Found 8 errors."]
    .join("\n");
  const lines = compileErrorLines(output, "/course");
  assertEquals(lines.filter((line) => line.startsWith("TS2304")).length, SHOWN_DIAGNOSTICS);
  assertStringIncludes(lines.join("\n"), `... and ${8 - SHOWN_DIAGNOSTICS} more errors`);
  assertEquals(lines.at(-1), "Found 8 errors.");
  assertStringIncludes(
    compileErrorLines(output, "/course", "zh").join("\n"),
    `……还有 ${8 - SHOWN_DIAGNOSTICS} 个错误（先改正上面这些）。`,
  );
});

Deno.test("checkReport explains a failing exercise before unstarted ones", () => {
  const results: LessonResults = {
    lesson: ONE,
    statuses: [
      status("1.1 scalePixels", "not started"),
      status("1.2 oneHot", "not started"),
      status("1.3 softmax", "failing", 1),
    ],
  };
  const text = checkReport(results, SOURCE).join("\n");
  assertStringIncludes(text, "First problem: 1.3 softmax › works");
  assert(!text.includes("Next exercise: 1.1"), text);
});

Deno.test("checkReport with a focus explains that exercise, or says it passes and what is next", () => {
  const results: LessonResults = {
    lesson: ONE,
    statuses: [status("1.1 scalePixels", "done", 2), status("1.2 oneHot", "failing", 1)],
  };
  const [scale, hot] = ONE.exercises;
  const onScale = checkReport(results, SOURCE, FOUR, { focus: scale }).join("\n");
  assertStringIncludes(onScale, "1.1 scalePixels passes all 2 of its tests.");
  assertStringIncludes(onScale, "Next: deno task check 1.2");
  const onHot = checkReport(results, SOURCE, FOUR, { focus: hot }).join("\n");
  assertStringIncludes(onHot, "First problem: 1.2 oneHot › works");
  assertStringIncludes(onHot, "Next: fix oneHot, save, then run: deno task check 1.2");
});

Deno.test("checkTarget reads a lesson, one exercise, or nothing; anything else is one line", () => {
  const en = { LANG: "C" };
  assertEquals(checkTarget("check", [], en), { language: "en" });
  assertEquals(checkTarget("check", ["1"], en), { target: { lesson: ONE }, language: "en" });
  assertEquals(checkTarget("check", ["1.3", "--lang", "zh"], en), {
    target: { lesson: ONE, exercise: ONE.exercises[2] },
    language: "zh",
  });
  assertEquals(checkTarget("check", ["1"], { LANG: "zh_CN.UTF-8" }).language, "zh");
  assertThrows(() => checkTarget("check", ["1.9"]), UsageError, "lesson 1 has no exercise 1.9");
  assertThrows(
    () => checkTarget("check", ["x"]),
    UsageError,
    '"x" is not a lesson or exercise number',
  );
  assertThrows(() => checkTarget("check", ["1", "2"]), UsageError, "at most one");
  assertThrows(
    () => checkTarget("check", ["1", "--lang", "fr"]),
    UsageError,
    '--lang must be en or zh, got "fr"',
  );
  assertThrows(() => checkTarget("watch", ["--help"]), HelpRequested);
});

Deno.test("checkReport and progressReport speak Chinese with --lang zh, with the glossary's terms", () => {
  const results: LessonResults = {
    lesson: ONE,
    statuses: [status("1.1 scalePixels", "done", 2), status("1.2 oneHot", "failing", 1)],
  };
  const text = checkReport(results, SOURCE, FOUR, { language: "zh" }).join("\n");
  assertStringIncludes(text, "第 1 课：exercises/01_softmax.ts");
  assertStringIncludes(text, "✓ 1.1 scalePixels  已完成（通过 2/2 个测试）");
  assertStringIncludes(text, "✗ 1.2 oneHot       未通过（通过 1/2 个测试）");
  assertStringIncludes(text, "下一步：改正 oneHot，保存后运行：deno task check 1");
  assert(!/Lesson|Next|exercises done/.test(text), text);
  const progress = progressReport([results], "zh").join("\n");
  assertStringIncludes(progress, "已完成 1/2 个练习（50%）");
});

Deno.test("explainFailure leaves out the source line the runner quotes with a caret", () => {
  const message = [
    "AssertionError: softmax should sum to 1",
    "  if (!condition) throw new AssertionError(message);",
    "                        ^",
    "    at assert (file:///course/lib/assert/mod.ts:20:9)",
  ].join("\n");
  assertEquals(explainFailure(message), "softmax should sum to 1");
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

Deno.test("the TODO's Chinese line is shown with --lang zh, the English otherwise", () => {
  const source = [
    "export function oneHot(labels: number[], classes: number): number[][] {",
    "  // TODO: one row per label.",
    "  // 待办：每个标签一行。",
    '  return todo("1.2", "rows");',
    "}",
  ].join("\n");
  assertEquals(todoLocation(source, "oneHot"), {
    line: 1,
    todo: "one row per label.",
    zh: "每个标签一行。",
  });
  const results: LessonResults = { lesson: ONE, statuses: [status("1.2 oneHot", "not started")] };
  assertStringIncludes(
    checkReport(results, source, FOUR, { language: "zh" }).join("\n"),
    "  待办：每个标签一行。",
  );
  assertStringIncludes(checkReport(results, source, FOUR).join("\n"), "  TODO: one row per label.");
});

Deno.test("every exercise's TODO has its Chinese line", async () => {
  for (const lesson of lessonsWithExercises()) {
    const source = await Deno.readTextFile(join(COURSE_ROOT, lessonFiles(lesson).exercise));
    for (const exercise of lesson.exercises) {
      const where = todoLocation(source, exercise.name);
      assert(
        where?.todo && where.zh,
        `${exercise.id} ${exercise.name} has no TODO with its 待办 line`,
      );
    }
  }
});

Deno.test("with --lang zh the first problem's check is shown in Chinese when the lesson has it", () => {
  const results: LessonResults = { lesson: ONE, statuses: [status("1.2 oneHot", "failing", 1)] };
  const text = checkReport(results, SOURCE, FOUR, {
    language: "zh",
    translations: { works: "能用" },
  }).join("\n");
  assertStringIncludes(text, "第一个问题：1.2 oneHot › 能用");
});

Deno.test("the first problem's explanation is in the report's language when the test wrote both", () => {
  const failing = status("1.2 oneHot", "failing", 1);
  failing.firstFailure!.message = [
    `AssertionError: ${
      inBothLanguages({ en: "row 0 should have 3 entries", zh: "第 0 行应当有 3 个数" })
    }`,
    "    at f",
  ].join("\n");
  const results: LessonResults = { lesson: ONE, statuses: [failing] };
  const zh = checkReport(results, SOURCE, FOUR, { language: "zh" }).join("\n");
  assertStringIncludes(zh, "  第 0 行应当有 3 个数");
  assert(!zh.includes("row 0 should"), zh);
  const en = checkReport(results, SOURCE, FOUR).join("\n");
  assertStringIncludes(en, "  row 0 should have 3 entries");
  assert(!/\p{Script=Han}/u.test(en), en);
});

Deno.test("every exercise stub gives its todo() task in both languages", async () => {
  for (const lesson of lessonsWithExercises()) {
    const source = await Deno.readTextFile(join(COURSE_ROOT, lessonFiles(lesson).exercise));
    const bilingual = [
      ...source.matchAll(
        /todo\(\s*"(\d+\.\d+)",\s*\{\s*en: "[^"]+",\s*zh: "[^"]*\p{Script=Han}[^"]*",?\s*\}/gu,
      ),
    ]
      .map((match) => match[1]);
    assertEquals(
      bilingual,
      lesson.exercises.map((exercise) => exercise.id),
      lessonFiles(lesson).exercise,
    );
  }
});
