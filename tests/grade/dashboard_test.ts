/**
 * `summary.html` on a hand-made class: messages that differ only in numbers form one group
 * naming both students, hidden tests' messages stay hidden, links point at each student's
 * feedback, and the page follows the language asked for.
 */
import { assert, assertEquals, assertFalse, assertStringIncludes } from "@std/assert";
import { summaryHtml } from "../../lib/grade/dashboard.ts";
import type { Lesson } from "../../lib/grade/lessons.ts";
import type { GradedTest, LessonListing } from "../../lib/grade/listing.ts";
import { type StudentResult, studentResult, type TestOutcome } from "../../lib/grade/score.ts";

const LESSON: Lesson = {
  number: 1,
  id: "01_softmax",
  testFile: "tests/01_softmax_test.ts",
  exerciseFile: "01_softmax.ts",
  hiddenFiles: ["01_extra_test.ts"],
};

function test(exercise: string, check: string, hidden = false): GradedTest {
  const file = hidden ? "./hidden/01_extra_test.ts" : "./tests/01_softmax_test.ts";
  return { file, name: `${exercise} › ${check} [1 pt]`, exercise, check, points: 1, hidden };
}

const TESTS = [
  test("1.3 softmax", "sums to 1"),
  test("1.3 softmax", "secret", true),
  test("1.1 scalePixels", "scales"),
];
const LISTING: LessonListing = { lesson: LESSON, tests: TESTS, unscored: [] };

function student(id: string, failures: (string | undefined)[]): StudentResult {
  const outcomes: TestOutcome[] = TESTS.map((t, i) => ({
    test: t,
    passed: failures[i] === undefined,
    failure: failures[i],
  }));
  const score = outcomes.filter((o) => o.passed).length;
  return studentResult(id, [{
    lesson: LESSON,
    status: "ok",
    score,
    maxScore: 3,
    outcomes,
  }]);
}

const CLASS = [
  student("ann", ["AssertionError: rows sum to 1.2, expected 1", "AssertionError: SECRET 42"]),
  student("bo & co", ["AssertionError: rows sum to 0.7, expected 1"]),
  student("cy", []),
];

Deno.test("summary.html groups failure messages that differ only in numbers", async () => {
  const html = await summaryHtml(CLASS, [LISTING], "bubblewrap");
  assertEquals(html.match(/<figure><svg/g)?.length, 2, "two inline charts");
  const softmax = html.slice(html.indexOf("<h3>1.3 softmax"), html.indexOf("<h3>1.1 scalePixels"));
  assertStringIncludes(softmax, "1 of 3 pass all tests (33%)");
  assertStringIncludes(softmax, "<b>2 students:</b>");
  assertStringIncludes(softmax, '<a href="students/ann/feedback.md">ann</a>');
  assertStringIncludes(softmax, '<a href="students/bo%20%26%20co/feedback.md">bo &amp; co</a>');
  assertFalse(html.includes("SECRET"), "a hidden test's message leaked");
  assertStringIncludes(softmax, "hidden tests do not show their details");
  assert(html.includes("<h3>1.1 scalePixels: 3 of 3 pass all tests (100%)</h3>"));
});

Deno.test("summary.html follows the language", async () => {
  const html = await summaryHtml(CLASS, [LISTING], "bubblewrap", "zh");
  assertStringIncludes(html, '<html lang="zh-CN">');
  assertStringIncludes(html, "<h1>全班概况</h1>");
  assertStringIncludes(html, "3 人中 1 人全部通过（33%）");
  assertStringIncludes(html, "每个练习全部测试通过的学生（%）");
});
