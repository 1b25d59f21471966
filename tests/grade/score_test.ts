/**
 * Scoring and reporting, on hand-made runs: only listed tests reported as passed score, a
 * lesson's status follows how its run ended, and the reports say what a student may know and
 * nothing more.
 */
import { assert, assertEquals, assertFalse, assertStringIncludes } from "@std/assert";
import { ANSWERS_FOR_ITSELF } from "../../lib/exercise/answers_for_itself.ts";
import type { TestCaseResult } from "../../lib/exercise/junit.ts";
import { classroomResults } from "../../lib/grade/classroom.ts";
import { feedbackMarkdown } from "../../lib/grade/feedback.ts";
import { csvField, gradebookCsv } from "../../lib/grade/gradebook.ts";
import { gradescopeResults } from "../../lib/grade/gradescope.ts";
import type { Lesson } from "../../lib/grade/lessons.ts";
import type { GradedTest, LessonListing } from "../../lib/grade/listing.ts";
import type { LessonRun } from "../../lib/grade/run_lesson.ts";
import {
  lessonStatus,
  scoreLesson,
  studentResult,
  sumPoints,
  unrunLesson,
  unrunStudent,
} from "../../lib/grade/score.ts";
import { worstStatus } from "../../lib/grade/status.ts";
import { STORAGE_CHECK_FILE } from "../../lib/grade/storage_guard.ts";
import { summaryMarkdown } from "../../lib/grade/summary.ts";
import { codeBlock } from "../../lib/grade/text.ts";
import { inLanguage } from "../../lib/cli/language.ts";

const COURSE_FILE = "./tests/01_softmax_test.ts";
const HIDDEN_FILE = "./hidden/01_extra_test.ts";
const LESSON: Lesson = {
  number: 1,
  id: "01_softmax",
  testFile: "tests/01_softmax_test.ts",
  exerciseFile: "01_softmax.ts",
  hiddenFiles: ["01_extra_test.ts"],
};

function graded(file: string, exercise: string, check: string, points: number): GradedTest {
  const name = `${exercise} › ${check} [${points} pt]`;
  return { file, name, exercise, check, points, hidden: file === HIDDEN_FILE };
}

const TESTS = [
  graded(COURSE_FILE, "1.1 scalePixels", "scales", 0.1),
  graded(COURSE_FILE, "1.3 softmax", "sums to 1", 0.2),
  graded(HIDDEN_FILE, "1.3 softmax", "secret check", 1.5),
];
const STORAGE_CHECK = {
  file: STORAGE_CHECK_FILE,
  name: "grader › no storage used (tests/01_softmax_test.ts)",
};
const SKIPPED_TEST = { file: COURSE_FILE, name: "1.6 buildSoftmaxModel › on Linux only [1 pt]" };
const LISTING: LessonListing = {
  lesson: LESSON,
  tests: TESTS,
  unscored: [
    { ...SKIPPED_TEST, status: "skipped" },
    { ...STORAGE_CHECK, status: "passed" },
  ],
};
/** What the reference run reported besides the scored tests, as a clean run reports it. */
const UNSCORED: TestCaseResult[] = [
  { ...SKIPPED_TEST, status: "skipped" },
  { ...STORAGE_CHECK, status: "passed" },
];

function run(cases: TestCaseResult[] | undefined, extra: Partial<LessonRun> = {}): LessonRun {
  return { end: "exited", cases, abnormal: false, output: "", durationMs: 1, ...extra };
}

function passed(test: GradedTest, file = test.file): TestCaseResult {
  return { name: test.name, file, status: "passed" };
}

function failed(test: GradedTest, failure: string): TestCaseResult {
  return { name: test.name, file: test.file, status: "failed", failure };
}

Deno.test("only listed tests reported as passed score", () => {
  const result = scoreLesson(
    LISTING,
    run([
      passed(TESTS[0]),
      failed(TESTS[1], "AssertionError: sums to 1.2"),
      failed(TESTS[2], "AssertionError: SECRET expected value 42"),
      ...UNSCORED,
    ]),
  );
  assertEquals(result.status, "ok");
  assertEquals([result.score, result.maxScore], [0.1, 1.8]);
  assertEquals(result.outcomes.map((o) => o.passed), [true, false, false]);
});

Deno.test("a lesson's status follows how its run ended", () => {
  const all = [...TESTS.map((test) => passed(test)), ...UNSCORED];
  const status = (lessonRun: LessonRun) => lessonStatus(lessonRun, LISTING).status;
  assertEquals(status(run(all)), "ok");
  assertEquals(status(run([])), "compile-error");
  assertEquals(status(run(undefined)), "compile-error");
  assertEquals(status(run(undefined, { abnormal: true })), "crashed");
  assertEquals(status(run(undefined, { end: "timeout" })), "timeout");
  assertEquals(status(run(undefined, { end: "memory" })), "memory");
  assertEquals(status(run(undefined, { end: "refused" })), "compile-error");
});

Deno.test("only a complete, clean report scores; each way it is not says why", () => {
  const clean = [...TESTS.map((test) => passed(test)), ...UNSCORED];
  const cancelled: TestCaseResult = { ...passed(TESTS[1]), status: "error", failure: "Cancelled" };
  const cases: [string, TestCaseResult[], string, RegExp][] = [
    [
      "a look-alike from the student's file",
      [
        ...clean,
        passed(TESTS[1], "./exercises/01_softmax.ts"),
      ],
      "tampered",
      /1 test the course does not have/,
    ],
    [
      "a forged duplicate under the real file",
      [
        ...clean.slice(0, 1),
        failed(TESTS[1], "AssertionError: no"),
        ...clean.slice(1),
      ],
      "tampered",
      /1 test of the course reported twice/,
    ],
    [
      "a scored test skipped",
      [{ ...passed(TESTS[0]), status: "skipped" }, ...clean.slice(1)],
      "tampered",
      /reported as skipped/,
    ],
    [
      "a runner cancellation",
      [clean[0], cancelled, ...clean.slice(2)],
      "crashed",
      /cancelled 1 test/,
    ],
    [
      "a missing test",
      clean.filter((c) => c.name !== TESTS[2].name),
      "crashed",
      /1 test never reported/,
    ],
    ["a missing storage check", clean.slice(0, -1), "crashed", /1 test never reported/],
    [
      "a value that answers for itself",
      [
        clean[0],
        failed(TESTS[1], `AssertionError: softmax([1]) returned a Proxy; ${ANSWERS_FOR_ITSELF}`),
        ...clean.slice(2),
      ],
      "tampered",
      /1 test got a value that answers for itself/,
    ],
    [
      "a failed storage check",
      [
        ...clean.slice(0, -1),
        { ...UNSCORED[1], status: "failed", failure: "the code reached for caches" },
      ],
      "storage",
      /Cache API/,
    ],
  ];
  for (const [what, reported, status, why] of cases) {
    const result = scoreLesson(LISTING, run(reported));
    assertEquals(result.status, status, what);
    assertEquals(result.score, 0, what);
    const [english, chinese] = [
      inLanguage(result.why ?? "", "en"),
      inLanguage(result.why ?? "", "zh"),
    ];
    assert(why.test(english), `${what}: ${english}`);
    assert(/\p{Script=Han}/u.test(chinese), `${what} in Chinese: ${chinese}`);
    assertFalse(`${english}${chinese}`.includes("secret check"), "a hidden test's name leaked");
  }
});

Deno.test("a student's status is their worst lesson's; points add without float dust", () => {
  const ok = scoreLesson(LISTING, run([...TESTS.map((test) => passed(test)), ...UNSCORED]));
  assertEquals(ok.status, "ok");
  const student = studentResult("alice", [ok, unrunLesson(LISTING, "missing")]);
  assertEquals(student.status, "missing");
  assertEquals(student.score, 1.8);
  assertEquals(sumPoints([0.1, 0.2]), 0.3);
  assertEquals(worstStatus(["ok", "missing", "timeout"]), "timeout");
  assertEquals(worstStatus([]), "ok");
  const refused = unrunStudent("bob", [LISTING], "rejected-archive", "it is a link");
  assertEquals([refused.status, refused.score, refused.reason], [
    "rejected-archive",
    0,
    "it is a link",
  ]);
});

function sampleStudent() {
  const lesson = scoreLesson(
    LISTING,
    run([
      passed(TESTS[0]),
      failed(TESTS[1], "AssertionError: softmax([1, 2]) should sum to 1\n    at file:///x.ts:1:1"),
      failed(TESTS[2], "AssertionError: SECRET expected value 42"),
      ...UNSCORED,
    ]),
  );
  return studentResult('=alice, "the" best', [lesson]);
}

Deno.test("feedback explains course failures and hides hidden tests' details", () => {
  const feedback = feedbackMarkdown(sampleStudent());
  assertStringIncludes(feedback, "**0.1 / 1.8 points.**");
  assertStringIncludes(feedback, "softmax([1, 2]) should sum to 1");
  assertFalse(feedback.includes("file:///x.ts"), "stack traces stay out");
  assertStringIncludes(feedback, "1.3 softmax › secret check** (hidden test, 0 / 1.5 pt)");
  assertStringIncludes(feedback, "failed with AssertionError");
  assertFalse(feedback.includes("SECRET"), "a hidden test's message leaked");
});

Deno.test("feedback of a refused submission says why", () => {
  const refused = unrunStudent("bob", [LISTING], "rejected-archive", 'entry "etc" is a link');
  const feedback = feedbackMarkdown(refused);
  assertStringIncludes(feedback, 'refused without being run: entry "etc" is a link');
});

Deno.test("Gradescope results carry every test, hidden ones after publication", () => {
  const results = gradescopeResults(sampleStudent());
  assertEquals([results.score, results.max_score], [0.1, 1.8]);
  assertEquals(results.tests.map((t) => [t.score, t.max_score, t.status, t.visibility]), [
    [0.1, 0.1, "passed", "visible"],
    [0, 0.2, "failed", "visible"],
    [0, 1.5, "failed", "after_published"],
  ]);
  assertFalse(JSON.stringify(results).includes("SECRET"));
});

Deno.test("GitHub Classroom's payload adds up to the score", () => {
  const payload = classroomResults(sampleStudent());
  assertEquals(payload.version, 1);
  assertEquals(payload.status, "fail");
  assertEquals(payload.max_score, 1.8);
  assertEquals(sumPoints(payload.tests.map((test) => test.score)), 0.1);
});

Deno.test("the gradebook quotes what CSV needs and defuses formulas", () => {
  const csv = gradebookCsv([sampleStudent()], [LISTING]);
  assertEquals(
    csv,
    "student,status,total,max,01_softmax,notes\n" +
      `"'=alice, ""the"" best",ok,0.1,1.8,0.1,\n`,
  );
  assertEquals(csvField("@SUM(A1)"), "'@SUM(A1)");
  assertEquals(csvField(" =1+1"), "' =1+1");
  assertEquals(csvField("\t\n-2"), `"'\t\n-2"`);
  assertEquals(csvField("  +cmd"), "'  +cmd");
  assertEquals(csvField("plain"), "plain");
});

Deno.test("the summary gives pass rates per exercise and the spread of totals", () => {
  const summary = summaryMarkdown(
    [sampleStudent(), studentResult("bob", [unrunLesson(LISTING, "missing")])],
    [LISTING],
    "bubblewrap",
  );
  assertStringIncludes(summary, "| 1.1 scalePixels | 0.1 | 1 / 2 (50%) | 0.05 |");
  assertStringIncludes(summary, "| 1.3 softmax | 1.7 | 0 / 2 (0%) | 0 |");
  assertStringIncludes(summary, "| 0–9% | 2 | ██ |");
  assertStringIncludes(summary, "| missing | 1 |");
});

Deno.test("feedback.md and summary.md in Chinese keep the numbers and hide hidden tests", () => {
  const feedback = feedbackMarkdown(sampleStudent(), "zh");
  assertStringIncludes(feedback, "**0.1 / 1.8 分。** 状态：ok。");
  assertStringIncludes(feedback, "## 第 1 课（01_softmax）：0.1 / 1.8 分");
  assertStringIncludes(feedback, "| 练习 | 得分 | 通过的测试 |");
  assertStringIncludes(feedback, "1.3 softmax › secret check**（隐藏测试，0 / 1.5 分）");
  assertStringIncludes(feedback, "因 AssertionError 而失败（隐藏测试不显示细节）");
  assertFalse(feedback.includes("SECRET"), "a hidden test's message leaked");
  const missing = feedbackMarkdown(studentResult("bob", [unrunLesson(LISTING, "missing")]), "zh");
  assertStringIncludes(missing, "你的提交中没有找到");
  const summary = summaryMarkdown(
    [sampleStudent(), studentResult("bob", [unrunLesson(LISTING, "missing")])],
    [LISTING],
    "bubblewrap",
    "zh",
  );
  assertStringIncludes(summary, "# 全班概况");
  assertStringIncludes(summary, "| 1.1 scalePixels | 0.1 | 1 / 2 (50%) | 0.05 |");
  assertStringIncludes(summary, "| 练习 | 分值 | 全部测试通过的学生 | 平均得分 |");
  assertStringIncludes(summary, "沙箱：bubblewrap。");
});

Deno.test("Chinese feedback names the course's checks, says why and quotes the tests in Chinese", () => {
  const message =
    "AssertionError: softmax([1, 2]) should sum to 1\n[zh:1] softmax([1, 2]) 的总和应当为 1";
  const lesson = scoreLesson(
    LISTING,
    run([passed(TESTS[0]), failed(TESTS[1], message), passed(TESTS[2]), ...UNSCORED]),
  );
  const checks = { "01_softmax": { "sums to 1": "总和为 1", "secret check": "秘密检查" } };
  const chinese = feedbackMarkdown(studentResult("dan", [lesson]), "zh", checks);
  assertStringIncludes(chinese, "- **1.3 softmax › 总和为 1**（0 / 0.2 分）");
  assertStringIncludes(chinese, "softmax([1, 2]) 的总和应当为 1");
  assertFalse(chinese.includes("should sum to 1"), chinese);
  const english = feedbackMarkdown(studentResult("dan", [lesson]), "en", checks);
  assertStringIncludes(english, "- **1.3 softmax › sums to 1** (0 / 0.2 pt)");
  assertStringIncludes(english, "softmax([1, 2]) should sum to 1");
  assertFalse(english.includes("[zh") || english.includes("总和"), english);

  const extra: TestCaseResult = {
    name: "1.1 scalePixels › mine [9 pt]",
    file: COURSE_FILE,
    status: "passed",
  };
  const tampered = scoreLesson(LISTING, run([...TESTS.map((t) => passed(t)), ...UNSCORED, extra]));
  const printed = "./tests/01_softmax_test.ts (uncaught error)\n" +
    "error: AssertionError: too big\n[zh:1] 太大了";
  const crashed = scoreLesson(LISTING, run([], { output: printed, abnormal: true }));
  const why = feedbackMarkdown(studentResult("eve", [tampered, crashed]), "zh");
  assertStringIncludes(why, "原因：报告中有 1 个课程里没有的测试（由提交自己的代码注册）。");
  assertStringIncludes(why, "太大了");
  assertFalse(why.includes("too big"), why);
  const whyEnglish = feedbackMarkdown(studentResult("eve", [tampered, crashed]));
  assertStringIncludes(whyEnglish, "Why: the report holds 1 test the course does not have");
  assertStringIncludes(whyEnglish, "error: AssertionError: too big\n");
  assertFalse(whyEnglish.includes("太大了"), whyEnglish);
});

Deno.test("a code block cannot be closed by the text inside it", () => {
  const block = codeBlock("```\n# injected heading\n```");
  assert(block.startsWith("````\n") && block.endsWith("\n````"), block);
});

Deno.test("what a failed load printed is shown, without paragraphs about hidden tests", () => {
  const output = [
    "./hidden/01_extra_test.ts (uncaught error)",
    "error: SyntaxError: does not provide an export named 'secretHelper'",
    'import { secretHelper } from "@exercises/01_softmax.ts";',
    "",
    "./tests/01_softmax_test.ts (uncaught error)",
    "error: SyntaxError: does not provide an export named 'softmax'",
    "FAILED | 0 passed | 1 failed (651ms)",
  ].join("\n");
  const lesson = scoreLesson(LISTING, run([], { output }));
  assertEquals(lesson.status, "compile-error");
  const feedback = feedbackMarkdown(studentResult("carol", [lesson]));
  assertStringIncludes(feedback, "does not provide an export named 'softmax'");
  assertFalse(feedback.includes("secretHelper"), "a hidden test's code leaked");
  assertStringIncludes(feedback, "FAILED | 0 passed | 1 failed\n", "durations stay out");
});
