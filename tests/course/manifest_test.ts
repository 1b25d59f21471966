/**
 * The course's files agree with its manifest (`lib/course/manifest.ts`): every lesson has its
 * program; every lesson with exercises has an exercise file and a solution exporting each
 * exercise's function, a test file testing exactly its exercises and a hints file keyed by
 * exactly their ids; and no lesson, exercise, solution, test or hints file exists that the
 * manifest does not name (a lesson without exercises has only its program).
 */
import { assertEquals } from "@std/assert";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { type LessonEntry, lessonFiles, LESSONS } from "../../lib/course/manifest.ts";
import { testNameCalls } from "./test_name_calls.ts";

/** The files of the four lesson folders that belong to a lesson: `NN_...`, and hints. */
const LESSON_FILE: Record<string, RegExp> = {
  lessons: /^\d\d_.*\.ts$/,
  exercises: /^\d\d_.*\.ts$|\.hints\.json$/,
  solutions: /^\d\d_.*\.ts$/,
  tests: /^\d\d_.*_test\.ts$/,
};

/** Every way the course at `root` disagrees with `lessons`, one line each; none when in step. */
async function disagreements(root: string, lessons: readonly LessonEntry[]): Promise<string[]> {
  const problems: string[] = [];
  const named = new Set<string>();
  for (const lesson of lessons) {
    const files = lessonFiles(lesson);
    named.add(files.lesson);
    if (!(await exists(join(root, files.lesson)))) problems.push(`${files.lesson} is missing`);
    if (lesson.exercises.length === 0) continue;
    [files.exercise, files.solution, files.test, files.hints].forEach((file) => named.add(file));
    for (const file of [files.exercise, files.solution]) {
      problems.push(...await missingFunctions(root, file, lesson));
    }
    const idLists = [
      { file: files.test, lacks: "has no test of", has: "tests", ids: testedIds },
      { file: files.hints, lacks: "has no hints for", has: "has hints for", ids: hintedIds },
    ];
    for (const { file, ids, ...verbs } of idLists) {
      const found = await Deno.readTextFile(join(root, file)).then(ids).catch(() => undefined);
      problems.push(
        ...(found ? idsDisagree(file, found, lesson, verbs) : [`${file} is missing or unreadable`]),
      );
    }
  }
  for (const [folder, pattern] of Object.entries(LESSON_FILE)) {
    const names = (await Array.fromAsync(Deno.readDir(join(root, folder)))).map((e) => e.name);
    for (const name of names.filter((name) => pattern.test(name)).sort()) {
      const file = `${folder}/${name}`;
      if (!named.has(file)) problems.push(`${file} belongs to no lesson of the manifest`);
    }
  }
  return problems;
}

/** The exercise ids a test file tests: the first argument of each `testName(...)` call. */
function testedIds(source: string): string[] {
  return testNameCalls(source).map((call) => call.exerciseId);
}

/** The exercise ids a hints file has hints for: its keys. */
function hintedIds(json: string): string[] {
  return Object.keys(JSON.parse(json));
}

/** What `file` (a lesson's exercise file or solution) does not export of its exercises. */
async function missingFunctions(
  root: string,
  file: string,
  lesson: LessonEntry,
): Promise<string[]> {
  let module: Record<string, unknown>;
  try {
    module = await import(pathToFileURL(join(root, file)).href);
  } catch (error) {
    return [`${file} cannot be loaded: ${(error as Error).message.split("\n")[0]}`];
  }
  return lesson.exercises
    .filter((exercise) => typeof module[exercise.name] !== "function")
    .map((exercise) => `${file} does not export function ${exercise.name} (${exercise.id})`);
}

/**
 * One line for each of `lesson`'s exercises that `file` lacks and for each exercise id `found`
 * in it that the lesson does not have; `verbs` say what the file does with an exercise.
 */
function idsDisagree(
  file: string,
  found: string[],
  lesson: LessonEntry,
  verbs: { lacks: string; has: string },
): string[] {
  const ids = lesson.exercises.map((exercise) => exercise.id);
  return [
    ...ids.filter((id) => !found.includes(id)).map((id) => `${file} ${verbs.lacks} exercise ${id}`),
    ...[...new Set(found)].filter((id) => !ids.includes(id)).map((id) =>
      `${file} ${verbs.has} exercise ${id}, which lesson ${lesson.number} does not have`
    ),
  ];
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

Deno.test("lessons, exercises, solutions, tests and hints agree with the manifest", async () => {
  assertEquals(await disagreements(COURSE_ROOT, LESSONS), []);
});

Deno.test("the manifest check names each way a course can disagree", async () => {
  const root = await Deno.makeTempDir({ prefix: "digits-manifest-test-" });
  const files: Record<string, string> = {
    "lessons/01_a.ts": "",
    "exercises/01_a.ts": "export function f() {}\nexport function g() {}\n",
    "exercises/01_a.hints.json": `{ "1.1": [{ "en": "x", "zh": "甲" }], ` +
      `"1.3": [{ "en": "y", "zh": "乙" }] }`,
    "solutions/01_a.ts": "export function f() {}\nexport const g = 2;\n",
    "tests/01_a_test.ts": `Deno.test(testName("1.1", "works"), () => {});\n` +
      `Deno.test(testName(\n  "1.9",\n  "works too",\n  2,\n), () => {});\n`,
    "exercises/02_b.ts": "",
    "tests/03_c_test.ts": "",
    "tests/util.ts": "",
  };
  const lessons: LessonEntry[] = [
    {
      number: 1,
      id: "01_a",
      title: "A",
      zhTitle: "甲",
      exercises: [{ id: "1.1", name: "f", title: "f" }, { id: "1.2", name: "g", title: "g" }],
    },
    { number: 2, id: "02_b", title: "B", zhTitle: "乙", exercises: [] },
  ];
  try {
    for (const folder of Object.keys(LESSON_FILE)) await Deno.mkdir(join(root, folder));
    for (const [file, text] of Object.entries(files)) {
      await Deno.writeTextFile(join(root, file), text);
    }
    assertEquals(await disagreements(root, lessons), [
      "solutions/01_a.ts does not export function g (1.2)",
      "tests/01_a_test.ts has no test of exercise 1.2",
      "tests/01_a_test.ts tests exercise 1.9, which lesson 1 does not have",
      "exercises/01_a.hints.json has no hints for exercise 1.2",
      "exercises/01_a.hints.json has hints for exercise 1.3, which lesson 1 does not have",
      "lessons/02_b.ts is missing",
      "exercises/02_b.ts belongs to no lesson of the manifest",
      "tests/03_c_test.ts belongs to no lesson of the manifest",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
