import { assert, assertRejects } from "@std/assert";
import { join } from "node:path";
import { hintsPath, loadHints } from "../../../lib/learn/hints.ts";
import { type LessonEntry, lessonsWithExercises } from "../../../lib/course/manifest.ts";
import { UsageError } from "../../../lib/cli/errors.ts";

Deno.test("every exercise of every lesson has at least two hints", async () => {
  for (const lesson of lessonsWithExercises()) {
    const hints = await loadHints(lesson);
    for (const { id } of lesson.exercises) {
      assert(hints[id].length >= 2, `${hintsPath(lesson)}: "${id}" needs at least 2 hints`);
    }
  }
});

Deno.test("loadHints names the file and the entry that is malformed", async () => {
  const lesson: LessonEntry = {
    number: 9,
    id: "09_x",
    title: "X",
    exercises: [{ id: "9.1", name: "f", title: "f" }, { id: "9.2", name: "g", title: "g" }],
  };
  const root = await Deno.makeTempDir();
  await Deno.mkdir(join(root, "exercises"));
  const write = (text: string) => Deno.writeTextFile(hintsPath(lesson, root), text);
  const rejects = (message: string) =>
    assertRejects(() => loadHints(lesson, root), UsageError, message);
  await write(`{"9.1": [], "9.2": ["a"]}`);
  await rejects(`09_x.hints.json: "9.1" should be a list`);
  await write(`{"9.1 f": ["a"], "9.2": ["a"]}`);
  await rejects(`"9.1 f" is not an exercise of lesson 9 (9.1, 9.2)`);
  await write(`{"9.1": ["a"]}`);
  await rejects(`09_x.hints.json: no hints for 9.2`);
  await write(`[1]`);
  await rejects("09_x.hints.json: expected");
  await Deno.remove(hintsPath(lesson, root));
  await rejects("cannot read the hints");
  await Deno.remove(root, { recursive: true });
});
