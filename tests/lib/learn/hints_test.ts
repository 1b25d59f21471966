import { assert, assertEquals, assertMatch, assertRejects } from "@std/assert";
import { join } from "node:path";
import { hintsPath, loadHints } from "../../../lib/learn/hints.ts";
import { type LessonEntry, lessonsWithExercises } from "../../../lib/course/manifest.ts";
import { UsageError } from "../../../lib/cli/errors.ts";

/** The code spans (`...`) of a text, sorted: a translation keeps every one of them as is. */
function codeSpans(text: string): string[] {
  return (text.match(/`[^`]*`/g) ?? []).sort();
}

Deno.test("every exercise of every lesson has at least two hints", async () => {
  for (const lesson of lessonsWithExercises()) {
    const hints = await loadHints(lesson);
    for (const { id } of lesson.exercises) {
      assert(hints[id].length >= 2, `${hintsPath(lesson)}: "${id}" needs at least 2 hints`);
    }
  }
});

Deno.test("every hint's Chinese keeps the English's code and is Chinese", async () => {
  for (const lesson of lessonsWithExercises()) {
    const hints = await loadHints(lesson);
    for (const [id, list] of Object.entries(hints)) {
      list.forEach(({ en, zh }, i) => {
        const where = `${hintsPath(lesson)}: "${id}" hint ${i + 1}`;
        assertEquals(codeSpans(zh), codeSpans(en), `${where}: the code spans differ`);
        const codeOnly = en.replace(/`[^`]*`/g, "").trim() === "";
        if (codeOnly) assertEquals(zh, en, `${where}: a hint that is only code stays as is`);
        else assertMatch(zh, /\p{Script=Han}/u, `${where}: the zh text has no Chinese`);
      });
    }
  }
});

Deno.test("loadHints names the file and the entry that is malformed", async () => {
  const lesson: LessonEntry = {
    number: 9,
    id: "09_x",
    title: "X",
    zhTitle: "叉",
    exercises: [{ id: "9.1", name: "f", title: "f" }, { id: "9.2", name: "g", title: "g" }],
  };
  const root = await Deno.makeTempDir();
  await Deno.mkdir(join(root, "exercises"));
  const write = (text: string) => Deno.writeTextFile(hintsPath(lesson, root), text);
  const rejects = (message: string) =>
    assertRejects(() => loadHints(lesson, root), UsageError, message);
  const a = `{ "en": "a", "zh": "甲" }`;
  await write(`{"9.1": [], "9.2": [${a}]}`);
  await rejects(`09_x.hints.json: "9.1" should be a non-empty list`);
  await write(`{"9.1 f": [${a}], "9.2": [${a}]}`);
  await rejects(`"9.1 f" is not an exercise of lesson 9 (9.1, 9.2)`);
  await write(`{"9.1": [${a}]}`);
  await rejects(`09_x.hints.json: no hints for 9.2`);
  await write(`{"9.1": [${a}], "9.2": ["a"]}`);
  await rejects(`09_x.hints.json: "9.2" hint 1 should be an object { "en": "...", "zh": "..." }`);
  await write(`[1]`);
  await rejects("09_x.hints.json: expected");
  await Deno.remove(hintsPath(lesson, root));
  await rejects("cannot read the hints");
  await Deno.remove(root, { recursive: true });
});

Deno.test("loadHints names the exercise, the hint and the language a hint lacks", async () => {
  const lesson: LessonEntry = {
    number: 9,
    id: "09_x",
    title: "X",
    zhTitle: "叉",
    exercises: [{ id: "9.1", name: "f", title: "f" }],
  };
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(root, "exercises"));
    const cases: [string, string][] = [
      [`{ "en": "a" }`, `"9.1" hint 2 has no "zh" text`],
      [`{ "en": "a", "zh": " " }`, `"9.1" hint 2 has no "zh" text`],
      [`{ "zh": "甲" }`, `"9.1" hint 2 has no "en" text`],
      [`{ "en": 1, "zh": "甲" }`, `"9.1" hint 2 has no "en" text`],
    ];
    for (const [second, message] of cases) {
      await Deno.writeTextFile(
        hintsPath(lesson, root),
        `{"9.1": [{ "en": "a", "zh": "甲" }, ${second}]}`,
      );
      const error = await assertRejects(() => loadHints(lesson, root), UsageError, message);
      assertMatch(error.message, /09_x\.hints\.json: "9\.1" hint 2 has no/);
      assertEquals(error.message.split("\n").length, 1, "one line");
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
